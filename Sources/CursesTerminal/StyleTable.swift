import TerminalKit

/// How the terminal is told to draw: colours (-1: the terminal's own) and attributes.
struct Pen: Equatable, Sendable {
    var foreground: Int16 = -1
    var background: Int16 = -1
    var attributes: TextAttributes = []
    static let plain = Pen()
}

/// Every `Style` resolved once to a pen, so that drawing a cell is an array lookup.
struct StyleTable: Sendable {
    private var pens: [Pen]

    @inline(__always)
    static func index(_ s: Style) -> Int {
        Int(s.role.rawValue) << 3 | (s.bold ? 1 : 0) | (s.reverse ? 2 : 0) | (s.underline ? 4 : 0)
    }

    /// Without `defaultColors` the terminal's own colours cannot be named: white on black
    /// stands in for them in a role that sets only one of the two.
    init(profile: ColorProfile, defaultColors: Bool) {
        pens = Array(repeating: .plain, count: Role.allCases.count << 3)
        for role in Role.allCases {
            let look = RolePalette.look(role, in: profile)
            var base = Pen(attributes: look.attributes)
            if profile != .monochrome && look.usesColor {
                base.foreground = look.foreground
                base.background = look.background
                if !defaultColors {
                    if base.foreground < 0 { base.foreground = 7 }
                    if base.background < 0 { base.background = 0 }
                }
            }
            for flags in 0..<8 {
                var pen = base
                if flags & 1 != 0 { pen.attributes.insert(.bold) }
                if flags & 2 != 0 { pen.attributes.insert(.reverse) }
                if flags & 4 != 0 { pen.attributes.insert(.underline) }
                pens[Int(role.rawValue) << 3 | flags] = pen
            }
        }
    }

    /// Whether the style draws like a cleared cell (no attributes, the terminal's colours).
    @inline(__always)
    func isPlain(_ s: Style) -> Bool { pens[Self.index(s)] == .plain }

    @inline(__always)
    subscript(_ s: Style) -> Pen { pens[Self.index(s)] }
}
