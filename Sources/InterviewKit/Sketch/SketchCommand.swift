/// What someone asks of the sketch; the engine checks it and turns it into a `sketchEdited`,
/// `sketchUndone` or `sketchRedone` event (choosing the ids of new elements).
public enum SketchCommand: Equatable, Sendable {
    case addBox(label: String, kind: BoxKind, at: SketchPoint)
    case addArrow(from: Int, to: Int, label: String)
    case addText(String, at: SketchPoint)
    case relabel(id: Int, text: String)
    case setKind(id: Int, kind: BoxKind)
    /// `continuing`: a further step of the same move, undone together with it.
    case move(id: Int, to: SketchPoint, continuing: Bool)
    case remove(id: Int)
    case undo
    case redo
}
