/// Something a person (or the clock) asks of the interview.
public enum Command: Equatable, Sendable {
    case start
    /// Time passes: triggers and warnings are checked.
    case tick
    case edit(TextEdit)
    case nextStage
    case previousStage
    case goToStage(Int)
    case askClarification(String)
    case revealHint
    case togglePause
    /// The program is about to be stopped: a running solo clock is paused (the time away does
    /// not count); anything else is left as it is, without a refusal.
    case pauseIfRunning
    case end
    /// Takes back the last undo step of the current stage's notes, or does it again.
    case undoNotes
    case redoNotes
    /// A change to the architecture sketch (or undo, redo).
    case sketch(SketchCommand)
}

/// Why a command was not carried out, for the status line.
public enum Refusal: Equatable, Sendable {
    case notStarted, ended, paused, noMoreHints, firstStage, lastStage, pauseNotAllowed, emptyQuestion
    case emptyLabel, labelTooLong(max: Int), noSuchElement, arrowToItself, arrowNeedsBoxes, notMovable, nothingToUndo, nothingToRedo
    /// Nothing to undo in this stage's notes; `afterFollowUp` when a follow-up's quote started the history afresh.
    case nothingToUndoInNotes(afterFollowUp: Bool)
    case nothingToRedoInNotes
    public var message: String {
        switch self {
        case .notStarted: return "The interview has not started."
        case .ended: return "The interview has ended."
        case .paused: return "Paused: press F3 to resume."
        case .noMoreHints: return "No more hints for this stage."
        case .firstStage: return "This is the first stage."
        case .lastStage: return "This is the last stage: end the interview with Ctrl-Q."
        case .pauseNotAllowed: return "Pausing is for solo practice only."
        case .emptyQuestion: return "Type a question first."
        case .emptyLabel: return "Type a label first (Esc cancels)."
        case .labelTooLong(let n): return "Labels fit in \(n) columns: shorten it."
        case .noSuchElement: return "That sketch element is gone."
        case .arrowToItself: return "An arrow joins two different boxes."
        case .arrowNeedsBoxes: return "Arrows go from box to box."
        case .notMovable: return "Arrows follow their boxes: move a box instead."
        case .nothingToUndo: return "Nothing to undo in the sketch."
        case .nothingToRedo: return "Nothing to redo in the sketch."
        case .nothingToUndoInNotes(let quoted):
            return quoted ? "Nothing to undo: the interviewer's follow-up starts the notes' undo history afresh."
                          : "Nothing to undo in this stage's notes."
        case .nothingToRedoInNotes: return "Nothing to redo in this stage's notes."
        }
    }
}
