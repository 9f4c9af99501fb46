import Foundation
import Testing
import TestSupport

/// Undo, redo and word keys of the notes pane in a real terminal (tmux on a private socket).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Paths.binary), "build the program first (make test does)"))
struct NotesUndoEndToEndTests {
    let bin = Paths.binary

    /// The interview clock in the header ("M:SS / 45:00"), in seconds.
    func clock(_ screen: String) -> Int? {
        guard let m = screen.firstMatch(of: /(\d+):(\d\d) \/ 45:00/) else { return nil }
        return Int(m.1)! * 60 + Int(m.2)!
    }

    /// Polls until the header's clock shows `seconds` more than it does now.
    func waitForTheClock(_ t: Tmux, toAdvance seconds: Int) throws {
        let start = try #require(clock(t.screen()))
        try t.waitUntil("the clock to pass \(start + seconds) s") { (clock($0) ?? 0) >= start + seconds }
    }

    @Test func ctrlZTakesTypedWordsBackAndCtrlYBringsThemAgain() throws {
        let t = try Tmux("sh -c '\(bin) practice; echo exit=$?; sleep 30'", width: 100, height: 30)
        try t.waitFor("Stage 1/7")
        try t.type("keep these ")
        try t.waitFor("keep these")
        // A paste is one undo step even when it arrives in pieces a few milliseconds apart; a
        // person never types that fast, but a test can: let the interview clock move on first.
        try waitForTheClock(t, toAdvance: 2)
        try t.type("undone words")
        try t.waitFor("keep these undone words")
        // raw mode: Ctrl-Z is a key for the program, not a suspend
        try t.keys("C-z")
        try t.waitUntil("the words typed last are gone") { $0.contains("keep these") && !$0.contains("undone") }
        try t.keys("C-y")
        try t.waitFor("keep these undone words")
        // word keys: Ctrl-W deletes a word, Ctrl-← and Alt-b move back by words
        try t.keys("C-w")
        try t.waitUntil("Ctrl-W deleted the last word") { $0.contains("keep these undone") && !$0.contains("undone words") }
        try t.keys("C-Left")
        try t.type("X")
        try t.waitFor("keep these Xundone")
        try t.keys("M-b", "M-b", "M-b")
        try t.type("Y")
        try t.waitFor("Ykeep these Xundone")
        try t.keys("C-e")
        try t.type("!")
        try t.waitFor("Ykeep these Xundone !")
        try t.endInterview()
        try t.waitFor("exit=0")
        let folder = t.dataHome + "/mlsd/sessions"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mlsd") }
        #expect(files.count == 1)
        let recorded = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        #expect(recorded.contains("\"notesUndone\",{\"stage\":0}") && recorded.contains("\"notesRedone\",{\"stage\":0}"))
    }
}
