/// The undo and redo history of one stage's notes, folded from `notesEdited`, `notesUndone` and
/// `notesRedone` events (as `SketchDocument` is for the sketch), so that a recording replays an
/// undo exactly, a pair partner sees the same, and a resumed session can still undo.
///
/// Which edits make one undo step is decided here from the events alone, their edits and their
/// times in whole milliseconds (as the recording keeps them), never from a clock:
/// - characters typed one after another at the cursor, each less than `typingPause` after the
///   one before, are one step; a word boundary ends it (a non-space typed after a space starts a
///   new step), so a step is a word with the spaces after it;
/// - Backspace and Delete, one character at a time, group the same way (not across a line break);
/// - a paste is one step, also when the terminal delivers it in pieces (text and Enter keys, each
///   continuing the one before less than `burstGap` after it);
/// - anything else (Enter typed alone, a word deleted with Ctrl-W, a replacement) is a step of
///   its own; an undo or redo, or leaving the stage, ends the step being typed.
///
/// Follow-up quotes are the interviewer's, not the candidate's edits: the session clears the
/// stage's history when it quotes one (`clear(byFollowUp:)`), so that undo can never take an
/// interviewer's words out of the notes. At most `maxSteps` steps are kept per stage (the oldest
/// go first), so a long session's memory stays bounded.
public struct NotesHistory: Sendable, Equatable {
    /// One undo step: the edit that makes it and the edit that takes it back, each a single edit
    /// (the edits of a group are merged as they join).
    struct Step: Sendable, Equatable {
        var forward: TextEdit
        var backward: TextEdit
        /// Where the cursor goes after undoing and after redoing the step.
        var undoCaret: TextPosition
        var redoCaret: TextPosition
        var group: Group
        /// Time of the last edit joined, in milliseconds.
        var lastMs: Int
    }

    /// What later edits may join a step.
    enum Group: Sendable, Equatable {
        /// Nothing joins.
        case closed
        /// Typed characters (no line break) at the cursor.
        case typing
        /// Inserted text of any kind continuing it at once (a paste in pieces).
        case burst
        /// Characters removed one at a time on one line (Backspace or Delete).
        case deleting
    }

    /// Most undo steps kept per stage.
    public static let maxSteps = 1000
    /// Longest pause, in milliseconds, between two typed characters (or deletions) of one step.
    public static let typingPause = 2000
    /// Longest gap, in milliseconds, between the pieces of one paste.
    public static let burstGap = 50

    private(set) var undoSteps: [Step] = []
    private(set) var redoSteps: [Step] = []
    /// Whether the last step may take more edits.
    private var open = false
    /// Set when a follow-up's quote cleared the history, until the next edit (for the refusal).
    public private(set) var clearedByFollowUp = false
    /// Where the cursor goes after the last undo or redo.
    public private(set) var caret: TextPosition?
    /// The edit the last undo or redo applied (nil when it had nothing to do).
    public private(set) var lastApplied: TextEdit?

    public init() {}

    public var canUndo: Bool { !undoSteps.isEmpty }
    public var canRedo: Bool { !redoSteps.isEmpty }
    public var undoDepth: Int { undoSteps.count }
    public var redoDepth: Int { redoSteps.count }

    /// Adds an applied edit at time `ms`: it joins the last step or starts a new one; the redo
    /// steps are dropped.
    mutating func record(_ u: UndoableEdit, atMs ms: Int) {
        if u.forward.from == u.forward.to && u.forward.text.isEmpty { return }   // changed nothing
        redoSteps.removeAll()
        clearedByFollowUp = false
        // (joined in place: a copy of the step would copy its text, a whole paste, on every piece)
        if open, u.exact, !undoSteps.isEmpty, NotesHistory.join(&undoSteps[undoSteps.count - 1], u, ms) { return }
        let step = Step(forward: u.forward, backward: u.inverse,
                        undoCaret: TextDocument.position(after: u.removed, insertedAt: u.forward.from),
                        redoCaret: u.end, group: u.exact ? NotesHistory.group(of: u) : .closed, lastMs: ms)
        undoSteps.append(step)
        if undoSteps.count > NotesHistory.maxSteps { undoSteps.removeFirst(undoSteps.count - NotesHistory.maxSteps) }
        open = step.group != .closed
    }

    /// Takes the last step off the undo stack (onto the redo stack); returns the edit to apply.
    mutating func undo() -> TextEdit? {
        open = false
        lastApplied = nil
        guard let s = undoSteps.popLast() else { return nil }
        redoSteps.append(s)
        caret = s.undoCaret
        lastApplied = s.backward
        return s.backward
    }

    /// Takes the last undone step back onto the undo stack; returns the edit to apply.
    mutating func redo() -> TextEdit? {
        open = false
        lastApplied = nil
        guard let s = redoSteps.popLast() else { return nil }
        undoSteps.append(s)
        caret = s.redoCaret
        lastApplied = s.forward
        return s.forward
    }

    /// Ends the step being typed: the next edit starts a new one.
    mutating func close() { open = false }

    /// Forgets every step (the notes changed under the history, as when a follow-up is quoted).
    mutating func clear(byFollowUp: Bool) {
        undoSteps.removeAll()
        redoSteps.removeAll()
        open = false
        caret = nil
        lastApplied = nil
        clearedByFollowUp = byFollowUp
    }

    // MARK: grouping

    /// A single character that is not a line break.
    static func typedCharacter(_ s: String) -> Character? {
        guard let c = s.first, s.index(after: s.startIndex) == s.endIndex, !c.isNewline else { return nil }
        return c
    }

    static func isInsert(_ e: TextEdit) -> Bool { e.from == e.to && !e.text.isEmpty }

    /// One character removed on one line.
    static func isOneCharacterDelete(_ u: UndoableEdit) -> Bool {
        u.forward.text.isEmpty && u.forward.from.line == u.forward.to.line
            && u.forward.to.column == u.forward.from.column + 1 && typedCharacter(u.removed) != nil
    }

    /// The group a new step starts.
    static func group(of u: UndoableEdit) -> Group {
        if isInsert(u.forward) {
            if u.forward.text.utf8.contains(13) { return .closed }   // a lone CR may pair with a later LF
            return typedCharacter(u.forward.text) != nil ? .typing : .burst
        }
        return isOneCharacterDelete(u) ? .deleting : .closed
    }

    /// Joins `u` to `top` when it continues it; false (with `top` unchanged) when it starts a new step.
    static func join(_ top: inout Step, _ u: UndoableEdit, _ ms: Int) -> Bool {
        let dt = ms - top.lastMs
        guard dt >= 0 else { return false }
        switch top.group {
        case .closed:
            return false
        case .typing, .burst:
            guard isInsert(u.forward), u.forward.from == top.redoCaret, !u.forward.text.utf8.contains(13) else { return false }
            let typed = typedCharacter(u.forward.text)
            if dt > burstGap {
                // typing, not a burst: one character after another, the step ending at a word's start
                guard top.group == .typing, let c = typed, dt <= typingPause else { return false }
                if let last = top.forward.text.last, last.isWhitespace, !c.isWhitespace { return false }
            }
            top.forward.text += u.forward.text
            top.backward.to = u.end
            top.redoCaret = u.end
            if top.group == .typing && typed == nil { top.group = .burst }
        case .deleting:
            guard isOneCharacterDelete(u), dt <= typingPause, let c = typedCharacter(u.removed) else { return false }
            let r = top.redoCaret
            if u.forward.to == r {
                // Backspace: the character before the ones removed so far
                if !c.isWhitespace, let first = top.backward.text.first, first.isWhitespace { return false }
                top.backward = .insert(u.removed + top.backward.text, at: u.forward.from)
                top.forward.from = u.forward.from
                top.redoCaret = u.forward.from
            } else if u.forward.from == r {
                // Delete: the character after
                if !c.isWhitespace, let last = top.backward.text.last, last.isWhitespace { return false }
                top.backward.text += u.removed
                top.forward.to.column += 1
            } else {
                return false
            }
            top.undoCaret = top.forward.to
        }
        top.lastMs = ms
        return true
    }
}
