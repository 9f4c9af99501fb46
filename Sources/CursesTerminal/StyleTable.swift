import CNcursesw
import TerminalKit

/// Every `Style` resolved once to ncurses attributes and a colour pair, so that drawing a cell
/// is an array lookup. Building it allocates the colour pairs, so it needs a live screen.
struct StyleTable {
    private var attrs: [attr_t]
    private var pairs: [Int32]

    @inline(__always)
    static func index(_ s: Style) -> Int {
        Int(s.role.rawValue) << 3 | (s.bold ? 1 : 0) | (s.reverse ? 2 : 0) | (s.underline ? 4 : 0)
    }

    init(profile: ColorProfile, defaultColors: Bool) {
        let count = Role.allCases.count << 3
        attrs = Array(repeating: 0, count: count)
        pairs = Array(repeating: 0, count: count)
        for role in Role.allCases {
            let look = RolePalette.look(role, in: profile)
            let pair = profile == .monochrome ? 0 : Self.pair(for: look, defaultColors: defaultColors)
            var base: attr_t = 0
            if look.attributes.contains(.bold) { base |= mlsd_a_bold() }
            if look.attributes.contains(.reverse) { base |= mlsd_a_reverse() }
            if look.attributes.contains(.underline) { base |= mlsd_a_underline() }
            if look.attributes.contains(.dim) { base |= mlsd_a_dim() }
            for flags in 0..<8 {
                var a = base
                if flags & 1 != 0 { a |= mlsd_a_bold() }
                if flags & 2 != 0 { a |= mlsd_a_reverse() }
                if flags & 4 != 0 { a |= mlsd_a_underline() }
                let i = Int(role.rawValue) << 3 | flags
                attrs[i] = a
                pairs[i] = pair
            }
        }
    }

    /// Whether the style draws like a blank that `werase` leaves (no attributes, pair 0).
    @inline(__always)
    func isPlain(_ s: Style) -> Bool {
        let i = Self.index(s)
        return attrs[i] == 0 && pairs[i] == 0
    }

    @inline(__always)
    subscript(_ s: Style) -> (attrs: attr_t, pair: Int32) {
        let i = Self.index(s)
        return (attrs[i], pairs[i])
    }

    /// Without `use_default_colors` the terminal's default cannot be named: white on black stands in.
    private static func pair(for look: RoleLook, defaultColors: Bool) -> Int32 {
        guard look.usesColor else { return 0 }
        var fg = Int32(look.foreground), bg = Int32(look.background)
        if !defaultColors {
            if fg < 0 { fg = 7 }
            if bg < 0 { bg = 0 }
        }
        let p = alloc_pair(fg, bg)
        return p < 0 ? 0 : p
    }
}
