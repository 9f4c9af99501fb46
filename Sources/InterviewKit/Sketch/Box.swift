/// What a box stands for; it sets the box's border and its shape in Mermaid and DOT.
public enum BoxKind: String, CaseIterable, Sendable, Codable {
    case service, store, queue, model, client

    /// The next kind, for cycling with one key.
    public var next: BoxKind { BoxKind.allCases[(BoxKind.allCases.firstIndex(of: self)! + 1) % BoxKind.allCases.count] }
}

/// A box on the sketch: a label, a kind and a place; its size fits the label.
public struct Box: Equatable, Sendable, Codable {
    public let id: Int
    public var label: String { didSet { labelWidth = SketchText.width(label) } }
    public var kind: BoxKind
    /// The top-left corner on the canvas.
    public var origin: SketchPoint
    /// The label's width in columns, kept so that layout does not measure it again.
    public private(set) var labelWidth: Int

    public init(id: Int, label: String, kind: BoxKind = .service, origin: SketchPoint) {
        self.id = id; self.label = label; self.kind = kind; self.origin = origin
        labelWidth = SketchText.width(label)
    }

    /// A border, a space each side and the label on one row.
    public var size: SketchSize { SketchSize(width: max(5, labelWidth + 4), height: 3) }
    public var frame: SketchRect { SketchRect(origin: origin, size: size) }

    enum CodingKeys: String, CodingKey { case id, label, kind, x, y }
    public init(from d: Decoder) throws {
        let c = try d.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int.self, forKey: .id), label: try c.decode(String.self, forKey: .label),
                  kind: try c.decodeIfPresent(BoxKind.self, forKey: .kind) ?? .service,
                  origin: SketchPoint(x: try c.decode(Int.self, forKey: .x), y: try c.decode(Int.self, forKey: .y)))
    }
    public func encode(to e: Encoder) throws {
        var c = e.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(label, forKey: .label); try c.encode(kind, forKey: .kind)
        try c.encode(origin.x, forKey: .x); try c.encode(origin.y, forKey: .y)
    }
}
