import TerminalKit

/// What a key does on the practice screen.
public enum PracticeAction: Sendable, Equatable {
    case nextPane, previousPane, nextStage, previousStage, help, hint, pause, ask, end, sketchFullScreen
}

/// What a key does in the notes pane, besides typing and the plain cursor keys (`Keymaps.editing`).
public enum NotesAction: Sendable, Equatable {
    case undo, redo, wordLeft, wordRight, deleteWordBefore, deleteWordAfter, lineStart, lineEnd
}

/// What a key does on the home screen.
public enum HomeAction: Sendable, Equatable {
    case up, down, longer, shorter, level, start, help, quit
}

/// What a key does on the report screen (and other scrolling text screens).
public enum ReaderAction: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom, help, quit
}

/// The key tables, as data: dispatch, help, the status line and `mlsd keys` all read them.
public enum Keymaps {
    public static let practice = Keymap<PracticeAction>(title: "Practice screen", groups: [
        ("Interview", [
            Binding([.ctrl("n")], .nextStage, "next stage", status: "next"),
            Binding([.ctrl("p")], .previousStage, "previous stage"),
            Binding([.function(6), .ctrl("o"), .alt("a")], .ask, "ask the interviewer a clarifying question", status: "ask"),
            Binding([.function(2), .ctrl("t"), .alt("i")], .hint, "show the next hint for this stage", status: "hint"),
            Binding([.function(3), .alt("p")], .pause, "pause or resume the clock (solo practice)", status: "pause"),
            Binding([.ctrl("q"), .ctrl("c"), .function(10)], .end, "end the interview (asks to confirm), then the report", status: "end"),
        ]),
        ("Panes", [
            Binding([.tab], .nextPane, "focus the next pane (notes, prompt, sketch)", status: "pane"),
            Binding([.backTab], .previousPane, "focus the previous pane"),
            Binding([.function(4), .alt("s")], .sketchFullScreen, "sketch full screen on or off (focuses the sketch)"),
            Binding([.function(1), .ctrl("g"), .alt("h")], .help, "this help", status: "help"),
        ]),
    ])

    /// The notes pane's own keys (when it has focus): the editor dispatches on this table, and
    /// help and `mlsd keys` list it under the editing keys. None of them is in `practice`.
    public static let notes = Keymap<NotesAction>(title: "Notes pane", groups: [
        ("Notes pane (editing)", [
            Binding([.ctrl("z"), .alt("u")], .undo, "undo: a typed word, a paste or a run of deletions is one step (never a follow-up's quote)"),
            Binding([.ctrl("y"), .alt("r")], .redo, "redo what was undone (a new edit clears the redo)"),
            Binding([.ctrlLeft, .alt("b")], .wordLeft, "back to the start of a word"),
            Binding([.ctrlRight, .alt("f")], .wordRight, "forward to the end of a word"),
            Binding([.ctrl("w"), .altBackspace], .deleteWordBefore, "delete the word before the cursor"),
            Binding([.alt("d")], .deleteWordAfter, "delete the word after the cursor"),
            Binding([.ctrl("a")], .lineStart, "start of the paragraph"),
            Binding([.ctrl("e")], .lineEnd, "end of the paragraph"),
        ]),
    ])

    /// Editing keys of the notes pane that need no table (typing and the plain cursor keys), listed
    /// in help before `notes`.
    public static let editing: [(keys: String, help: String)] = [
        ("type", "insert text (a paste arrives as one edit)"),
        ("Enter", "new paragraph"),
        ("Backspace, Delete", "delete before or after the cursor"),
        ("←, →, ↑, ↓", "move by character and by screen row"),
        ("Home, End", "start or end of the row"),
        ("PgUp, PgDn", "scroll by a page"),
    ]

    public static let home = Keymap<HomeAction>(title: "Home screen", groups: [
        ("Choose", [
            Binding([.up, .char("k")], .up, "previous case"),
            Binding([.down, .char("j")], .down, "next case", status: "case"),
            Binding([.right, .char("l")], .longer, "longer interview (30, 45, 60 min)", status: "length"),
            Binding([.left, .char("h")], .shorter, "shorter interview"),
            Binding([.tab, .char("v")], .level, "level: mid, senior, staff", status: "level"),
            Binding([.enter], .start, "start the interview", status: "start"),
        ]),
        ("Program", [
            Binding([.function(1), .char("?")], .help, "this help", status: "help"),
            Binding([.char("q"), .ctrl("q"), .ctrl("c"), .escape], .quit, "quit", status: "quit"),
        ]),
    ])

    public static let reader = Keymap<ReaderAction>(title: "Report screen", groups: [
        ("Read", [
            Binding([.up, .char("k")], .up, "scroll up"),
            Binding([.down, .char("j")], .down, "scroll down", status: "scroll"),
            Binding([.pageUp, .char("b")], .pageUp, "page up"),
            Binding([.pageDown, .char(" ")], .pageDown, "page down", status: "page"),
            Binding([.home, .char("g")], .top, "top"),
            Binding([.end, .char("G")], .bottom, "bottom"),
        ]),
        ("Program", [
            Binding([.function(1), .char("?")], .help, "this help", status: "help"),
            Binding([.char("q"), .ctrl("q"), .ctrl("c"), .escape], .quit, "quit", status: "quit"),
        ]),
    ])

    /// Every table as text, for `mlsd keys`.
    public static var allText: String {
        var o = home.text + "\n" + practice.text + "  Notes pane (editing)\n"
        for e in editing { o += "    " + e.keys + String(repeating: " ", count: max(1, 26 - DisplayWidth.of(e.keys))) + e.help + "\n" }
        for b in notes.groups.flatMap(\.bindings) {
            let k = b.keys.map(\.description).joined(separator: ", ")
            o += "    " + k + String(repeating: " ", count: max(1, 26 - DisplayWidth.of(k))) + b.help + "\n"
        }
        o += "  Dialogs\n    Enter                     confirm / send\n    Esc                       cancel\n    y, n                      answer the end-of-interview question\n"
        o += "\n" + sketch.text + "  Sketch pane (typing a label)\n"
        for e in sketchTyping { o += "    " + e.keys + String(repeating: " ", count: max(1, 26 - DisplayWidth.of(e.keys))) + e.help + "\n" }
        o += "\n" + reader.text
        o += "\n" + replay.text + "  Scoring dialog\n"
        for e in scoring { o += "    " + e.keys + String(repeating: " ", count: max(1, 26 - DisplayWidth.of(e.keys))) + e.help + "\n" }
        return o
    }
}
