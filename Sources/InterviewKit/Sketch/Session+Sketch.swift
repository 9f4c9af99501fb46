/// The words of one sketch element as counted for coverage: where they count and what they hit.
struct SketchCoverage: Sendable {
    var stage: Int
    var text: String
    var targets: [Int]
}

extension Session {
    /// The sketch as it stands.
    public var sketch: Sketch { sketchDocument.sketch }
}
