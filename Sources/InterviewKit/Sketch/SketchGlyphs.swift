/// The characters a sketch is drawn with: Unicode box drawing, or plain ASCII.
public struct SketchGlyphs: Sendable, Equatable {
    /// A box border: corners, sides, and the junctions where a line leaves each side.
    public struct Border: Sendable, Equatable {
        public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Unicode.Scalar
        /// Indexed by `SketchSide.rawValue`: top, right, bottom, left.
        public var tees: [Unicode.Scalar]
    }

    /// Line characters by the directions they join (bit `1 << SketchSide.rawValue`: up 1, right 2, down 4, left 8).
    public var lines: [Unicode.Scalar]
    /// Arrowheads pointing up, right, down, left.
    public var heads: [Unicode.Scalar]
    public var borders: [BoxKind: Border]
    public var isUnicode: Bool

    public static let unicode: SketchGlyphs = {
        func b(_ s: String, _ tees: String) -> Border {
            let c = Array(s.unicodeScalars), t = Array(tees.unicodeScalars)
            return Border(topLeft: c[0], topRight: c[1], bottomLeft: c[2], bottomRight: c[3], horizontal: c[4], vertical: c[5], tees: t)
        }
        return SketchGlyphs(
            lines: Array(" │─└││┌├─┘─┴┐┤┬┼".unicodeScalars),
            heads: Array("▲▶▼◀".unicodeScalars),
            borders: [.service: b("┌┐└┘─│", "┴├┬┤"), .store: b("╭╮╰╯─│", "┴├┬┤"), .queue: b("╓╖╙╜─║", "┴╟┬╢"),
                      .model: b("╔╗╚╝═║", "╧╟╤╢"), .client: b("┏┓┗┛━┃", "┷┠┯┨")],
            isUnicode: true)
    }()

    public static let ascii: SketchGlyphs = {
        func b(_ s: String) -> Border {
            let c = Array(s.unicodeScalars)
            return Border(topLeft: c[0], topRight: c[1], bottomLeft: c[2], bottomRight: c[3], horizontal: c[4], vertical: c[5],
                          tees: Array("++++".unicodeScalars))
        }
        return SketchGlyphs(
            lines: Array(" |-+||++-+-+++++".unicodeScalars),
            heads: Array("^>v<".unicodeScalars),
            borders: [.service: b("++++-|"), .store: b("..''-|"), .queue: b("++++~|"), .model: b("++++=|"), .client: b("/\\\\/-|")],
            isUnicode: false)
    }()
}
