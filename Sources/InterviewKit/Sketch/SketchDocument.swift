/// A sketch with its undo and redo history, folded from `sketchEdited`, `sketchUndone` and
/// `sketchRedone` events. The history is part of the fold, so an undo replays (and syncs) exactly.
public struct SketchDocument: Sendable {
    public private(set) var sketch = Sketch()

    /// One undo step: the edits that made it and the edits that take it back.
    struct Step: Sendable, Equatable {
        var forward: [SketchEdit]
        var backward: [SketchEdit]
    }
    private(set) var undoSteps: [Step] = []
    private(set) var redoSteps: [Step] = []
    /// The element being moved when the last step is a move that later moves may join.
    public private(set) var openMove: Int?

    public init() {}

    public var canUndo: Bool { !undoSteps.isEmpty }
    public var canRedo: Bool { !redoSteps.isEmpty }
    public var undoDepth: Int { undoSteps.count }
    public var redoDepth: Int { redoSteps.count }

    /// Applies an edit as a new undo step, or as part of the last one when `joined` (the steps of one move).
    /// Returns the ids of the elements that changed (empty when nothing did).
    @discardableResult
    public mutating func apply(_ edit: SketchEdit, joined: Bool) -> [Int] {
        guard let inverse = sketch.perform(edit) else { return [] }
        redoSteps.removeAll()
        if joined, var top = undoSteps.popLast() {
            if case .move(let id, _) = edit, case .move(let last, _)? = top.forward.last, last == id {
                top.forward[top.forward.count - 1] = edit      // a move step keeps its first origin
            } else {
                top.forward.append(edit)
                top.backward = inverse + top.backward
            }
            undoSteps.append(top)
        } else {
            undoSteps.append(Step(forward: [edit], backward: inverse))
        }
        if case .move(let id, _) = edit { openMove = id } else { openMove = nil }
        return SketchDocument.ids(of: [edit] + inverse)
    }

    /// Takes back the last step; returns the ids that changed (empty when there was nothing to undo).
    @discardableResult
    public mutating func undo() -> [Int] {
        openMove = nil
        guard let step = undoSteps.popLast() else { return [] }
        for e in step.backward { _ = sketch.perform(e) }
        redoSteps.append(step)
        return SketchDocument.ids(of: step.backward + step.forward)
    }

    /// Does the last undone step again; returns the ids that changed.
    @discardableResult
    public mutating func redo() -> [Int] {
        openMove = nil
        guard let step = redoSteps.popLast() else { return [] }
        for e in step.forward { _ = sketch.perform(e) }
        undoSteps.append(step)
        return SketchDocument.ids(of: step.forward + step.backward)
    }

    static func ids(of edits: [SketchEdit]) -> [Int] {
        var seen = Set<Int>(), out: [Int] = []
        for e in edits where seen.insert(e.id).inserted { out.append(e.id) }
        return out
    }
}
