/// The characters used for borders and marks: Unicode box drawing, or plain ASCII where it cannot be shown.
public struct Glyphs: Sendable, Equatable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    public var teeDown, teeUp, teeRight, teeLeft, cross: String
    public var arrowRight, arrowLeft, arrowUp, arrowDown: String
    public var bullet, check, cross_mark, ellipsis, block, shade: String
    public var isUnicode: Bool

    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", cross: "┼",
        arrowRight: "▶", arrowLeft: "◀", arrowUp: "▲", arrowDown: "▼",
        bullet: "•", check: "✓", cross_mark: "✗", ellipsis: "…", block: "█", shade: "░", isUnicode: true)

    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+", cross: "+",
        arrowRight: ">", arrowLeft: "<", arrowUp: "^", arrowDown: "v",
        bullet: "*", check: "x", cross_mark: "-", ellipsis: "...", block: "#", shade: ".", isUnicode: false)
}
