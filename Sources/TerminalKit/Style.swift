/// What a piece of text is, so that each terminal can colour it as it can.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal, title, header, muted, accent, warning, danger, success
    case selection, border, focusBorder, quote, key, highlight, input
}

/// A role plus text attributes; packed so that cells compare cheaply.
public struct Style: Equatable, Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse; self.underline = underline
    }
    public static let normal = Style()

    @inlinable
    public static func == (a: Style, b: Style) -> Bool {
        a.role == b.role && a.bold == b.bold && a.reverse == b.reverse && a.underline == b.underline
    }
    public static func role(_ r: Role) -> Style { Style(r) }
}
