/// A fact about an interview, as recorded: everything the session state is folded from.
public struct Event: Equatable, Sendable, Codable {
    /// Position in the session's stream, from 1.
    public var seq: Int
    /// Seconds since the session started (wall-clock time on the program's monotonic clock, pauses included).
    public var at: Double
    public var kind: Kind

    public init(seq: Int, at: Double, kind: Kind) { self.seq = seq; self.at = at; self.kind = kind }

    public enum Kind: Equatable, Sendable, Codable {
        case started(minutes: Int, level: Level)
        case stageEntered(stage: Int)
        case notesEdited(stage: Int, edit: TextEdit)
        /// The last undo step of a stage's notes taken back, and done again (see `NotesHistory`:
        /// the steps are folded from the edits, so the event needs no more than the stage).
        case notesUndone(stage: Int)
        case notesRedone(stage: Int)
        case followUpAsked(stage: Int, id: String)
        case clarificationAsked(stage: Int, question: String, fact: String?)
        case hintShown(stage: Int, level: Int)
        case paused
        case resumed
        case stageOverrun(stage: Int)
        case ended
        /// A change to the sketch; `joined` makes it part of the previous undo step (the steps of one move).
        case sketchEdited(edit: SketchEdit, joined: Bool)
        /// The last sketch step taken back, and done again.
        case sketchUndone
        case sketchRedone
    }

    /// A time in whole milliseconds, rounded as the recording writes it, so that what the fold
    /// decides from times (which edits make one undo step) is the same live and in replay.
    public static func milliseconds(_ t: Double) -> Int {
        t.isFinite ? Int((max(0, min(t, 1e12)) * 1000).rounded()) : 0
    }

    /// Whether replay and the timeline show this event as a marker.
    public var isMarker: Bool {
        switch kind {
        case .notesEdited, .notesUndone, .notesRedone, .sketchEdited, .sketchUndone, .sketchRedone: return false
        default: return true
        }
    }
}

/// The settings a session was started with.
public struct Settings: Equatable, Sendable, Codable {
    public var minutes: Int
    public var level: Level
    /// Solo sessions may pause; pair sessions may not.
    public var solo: Bool
    public init(minutes: Int, level: Level, solo: Bool = true) { self.minutes = minutes; self.level = level; self.solo = solo }
}
