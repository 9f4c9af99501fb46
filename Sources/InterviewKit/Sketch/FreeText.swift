/// Free text on the sketch: one line at a place, attached to nothing.
public struct FreeText: Equatable, Sendable, Codable {
    public let id: Int
    public var text: String { didSet { width = SketchText.width(text) } }
    public var origin: SketchPoint
    public private(set) var width: Int

    public init(id: Int, text: String, origin: SketchPoint) {
        self.id = id; self.text = text; self.origin = origin
        width = SketchText.width(text)
    }

    public var frame: SketchRect { SketchRect(x: origin.x, y: origin.y, width: max(1, width), height: 1) }

    enum CodingKeys: String, CodingKey { case id, text, x, y }
    public init(from d: Decoder) throws {
        let c = try d.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  origin: SketchPoint(x: try c.decode(Int.self, forKey: .x), y: try c.decode(Int.self, forKey: .y)))
    }
    public func encode(to e: Encoder) throws {
        var c = e.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(text, forKey: .text)
        try c.encode(origin.x, forKey: .x); try c.encode(origin.y, forKey: .y)
    }
}
