import TerminalKit

/// Text attributes a role can carry, independent of ncurses' bit layout.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// One role's look in one profile: colours (-1 = the terminal's default) and attributes.
public struct RoleLook: Sendable, Equatable {
    public var foreground: Int16
    public var background: Int16
    public var attributes: TextAttributes
    public init(_ foreground: Int16 = -1, _ background: Int16 = -1, _ attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
    public var usesColor: Bool { foreground >= 0 || background >= 0 }
}

/// The role → look table for each profile, kept as data so that the palette is easy to tune.
///
/// Monochrome relies on attributes only, so the roles that carry meaning (selection, header,
/// warning, danger, key) stay distinct without colour.
public enum RolePalette {
    public static func look(_ role: Role, in profile: ColorProfile) -> RoleLook {
        switch profile {
        case .twoFiftySix: return colors256[Int(role.rawValue)]
        case .eight: return colors8[Int(role.rawValue)]
        case .monochrome: return monochrome[Int(role.rawValue)]
        }
    }

    // Basic colour numbers, so the 8-colour table reads as words.
    private static let black: Int16 = 0, red: Int16 = 1, green: Int16 = 2, yellow: Int16 = 3
    private static let blue: Int16 = 4, magenta: Int16 = 5, cyan: Int16 = 6, white: Int16 = 7

    /// Indexed by `Role.rawValue`; the order must follow `Role`'s cases.
    static let colors256: [RoleLook] = [
        RoleLook(),                        // normal
        RoleLook(117, -1, [.bold]),        // title: light sky blue
        RoleLook(255, 24, [.bold]),        // header: white on a dark blue bar
        RoleLook(245),                     // muted: mid grey
        RoleLook(75),                      // accent: blue
        RoleLook(214),                     // warning: orange
        RoleLook(203, -1, [.bold]),        // danger: red
        RoleLook(114),                     // success: green
        RoleLook(231, 25),                 // selection: white on blue
        RoleLook(240),                     // border: dark grey
        RoleLook(75, -1, [.bold]),         // focusBorder: blue
        RoleLook(116),                     // quote: cyan
        RoleLook(222, -1, [.bold]),        // key: light gold
        RoleLook(16, 221),                 // highlight: black on yellow
        RoleLook(-1, 236),                 // input: a faint field background
    ]

    static let colors8: [RoleLook] = [
        RoleLook(),                        // normal
        RoleLook(cyan, -1, [.bold]),       // title
        RoleLook(white, blue, [.bold]),    // header
        RoleLook(-1, -1, [.dim]),          // muted
        RoleLook(blue, -1, [.bold]),       // accent
        RoleLook(yellow),                  // warning
        RoleLook(red, -1, [.bold]),        // danger
        RoleLook(green),                   // success
        RoleLook(black, cyan),             // selection
        RoleLook(),                        // border
        RoleLook(cyan, -1, [.bold]),       // focusBorder
        RoleLook(cyan),                    // quote
        RoleLook(yellow, -1, [.bold]),     // key
        RoleLook(black, yellow),           // highlight
        RoleLook(-1, -1, [.underline]),    // input
    ]

    static let monochrome: [RoleLook] = [
        RoleLook(),                                  // normal
        RoleLook(-1, -1, [.bold]),                   // title
        RoleLook(-1, -1, [.reverse, .bold]),         // header
        RoleLook(-1, -1, [.dim]),                    // muted
        RoleLook(-1, -1, [.bold]),                   // accent
        RoleLook(-1, -1, [.underline]),              // warning
        RoleLook(-1, -1, [.bold, .underline]),       // danger
        RoleLook(-1, -1, [.bold]),                   // success
        RoleLook(-1, -1, [.reverse]),                // selection
        RoleLook(),                                  // border
        RoleLook(-1, -1, [.bold]),                   // focusBorder
        RoleLook(-1, -1, [.dim]),                    // quote
        RoleLook(-1, -1, [.bold]),                   // key
        RoleLook(-1, -1, [.reverse, .underline]),    // highlight
        RoleLook(-1, -1, [.underline]),              // input
    ]
}
