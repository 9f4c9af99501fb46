/// An arrow from one box to another; it stays attached when either box moves.
public struct Arrow: Equatable, Sendable, Codable {
    public let id: Int
    public var from: Int
    public var to: Int
    /// Optional; empty for none.
    public var label: String
    public init(id: Int, from: Int, to: Int, label: String = "") { self.id = id; self.from = from; self.to = to; self.label = label }
}
