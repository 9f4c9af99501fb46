import TerminalKit

/// What a key does in the coach's replay console.
public enum ReplayAction: Sendable, Equatable {
    case playPause, faster, slower, idle
    case back, forward, backLong, forwardLong, goTo, nextMarker, previousMarker, start, end
    case nextStage, previousStage, follow, scrollUp, scrollDown, pageUp, pageDown, view
    case comment, scores, export
    case help, quit
}

extension Keymaps {
    public static let replay = Keymap<ReplayAction>(title: "Replay console (mlsd replay)", groups: [
        ("Play", [
            Binding([.char(" "), .char("p")], .playPause, "play or pause", status: "play"),
            Binding([.char("+"), .char("=")], .faster, "faster (0.25× … 16×)", status: "speed"),
            Binding([.char("-"), .char("_")], .slower, "slower"),
            Binding([.char("i")], .idle, "compress long idle stretches, or play them in full"),
        ]),
        ("Seek", [
            Binding([.left, .char("h")], .back, "back 5 s", status: "±5s"),
            Binding([.right, .char("l")], .forward, "forward 5 s"),
            Binding([.shiftLeft, .char("H"), .char("<")], .backLong, "back 60 s"),
            Binding([.shiftRight, .char("L"), .char(">")], .forwardLong, "forward 60 s"),
            Binding([.char("g"), .char(":")], .goTo, "go to a time (MM:SS)", status: "go to"),
            Binding([.char("]")], .nextMarker, "next marker (stage, follow-up, hint, question, pause, comment)", status: "marker"),
            Binding([.char("[")], .previousMarker, "previous marker"),
            Binding([.home, .char("0")], .start, "the beginning"),
            Binding([.end, .char("$")], .end, "the end"),
        ]),
        ("Notes", [
            Binding([.tab], .nextStage, "show the next stage's notes"),
            Binding([.backTab], .previousStage, "show the previous stage's notes"),
            Binding([.char("f")], .follow, "follow the candidate again (their stage, the latest lines)"),
            Binding([.char("v")], .view, "the left side: notes and sketch, notes only, sketch only", status: "view"),
            Binding([.up, .char("k")], .scrollUp, "scroll the notes up"),
            Binding([.down, .char("j")], .scrollDown, "scroll the notes down"),
            Binding([.pageUp], .pageUp, "page up"),
            Binding([.pageDown], .pageDown, "page down"),
        ]),
        ("Coach", [
            Binding([.char("c")], .comment, "comment at the current time", status: "comment"),
            Binding([.char("s")], .scores, "score each rubric area (1–4) with a note", status: "score"),
            Binding([.char("e")], .export, "export the coach's report (Markdown, beside the recording)", status: "export"),
        ]),
        ("Program", [
            Binding([.function(1), .char("?")], .help, "this help", status: "help"),
            Binding([.char("q"), .ctrl("q"), .ctrl("c"), .escape], .quit, "quit (comments and scores are already saved)", status: "quit"),
        ]),
    ])

    /// Keys of the scoring dialog, listed in help (handled by the dialog).
    public static let scoring: [(keys: String, help: String)] = [
        ("↑, ↓", "choose a rubric area"),
        ("1, 2, 3, 4", "score it: very weak, weak, strong, very strong"),
        ("0", "clear the score"),
        ("Enter, n", "write a note for the area (Enter saves it)"),
        ("Esc", "close the dialog"),
    ]
}
