extension Sketch {
    /// A scenario's reference architecture (plain text) as a sketch of free text, one element per
    /// line, so that screens that show sketches can show it too.
    public static func reference(_ text: String) -> Sketch {
        var s = Sketch()
        var row = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { row += 1 }
            let indent = line.prefix { $0 == " " }.count
            let words = SketchText.clean(String(line.dropFirst(indent)))
            if words.isEmpty { continue }
            _ = s.perform(.addText(text: FreeText(id: s.nextID, text: words, origin: SketchPoint(x: indent, y: row))))
        }
        return s
    }
}
