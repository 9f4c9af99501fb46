/// One change to a sketch, as recorded in a `sketchEdited` event. Ids are chosen by the engine,
/// so that replay, undo and a pair partner all refer to the same elements.
public enum SketchEdit: Equatable, Sendable, Codable {
    case addBox(box: Box)
    case addArrow(arrow: Arrow)
    case addText(text: FreeText)
    /// A new label for a box or an arrow, or new words for free text.
    case relabel(id: Int, text: String)
    case setKind(id: Int, kind: BoxKind)
    /// A box or free text to a new top-left corner (attached arrows follow).
    case move(id: Int, to: SketchPoint)
    /// Removes an element; a box takes its arrows along.
    case remove(id: Int)

    /// The element the edit is about.
    public var id: Int {
        switch self {
        case .addBox(let b): return b.id
        case .addArrow(let a): return a.id
        case .addText(let t): return t.id
        case .relabel(let id, _), .setKind(let id, _), .move(let id, _), .remove(let id): return id
        }
    }
}
