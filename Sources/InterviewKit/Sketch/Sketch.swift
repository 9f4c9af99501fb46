import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The architecture sketch: boxes, arrows between them and free text, each with a stable id.
///
/// It changes only through `SketchEdit`s (folded by `Session.apply`), so that it can be recorded,
/// replayed, undone and shared. Equality and the Codable form cover the drawing, not the cache stamp.
public struct Sketch: Sendable, Codable, Equatable {
    public private(set) var boxes: [Int: Box] = [:]
    public private(set) var arrows: [Int: Arrow] = [:]
    public private(set) var texts: [Int: FreeText] = [:]
    /// The id the next new element gets; never reused within a session.
    public private(set) var nextID = 1
    /// Changes with every change (unique in the program run), so that layouts can tell that nothing moved.
    public private(set) var stamp = Sketch.newStamp()

    /// The canvas: larger than any pane; the pane scrolls over it.
    public static let canvas = SketchSize(width: 480, height: 240)
    /// Ids run from 1 to this; an edit outside (from a damaged or hostile file) changes nothing.
    public static let maxID = 1 << 30
    /// The longest text the fold takes, in characters (the engine's own limits are far lower).
    public static let maxText = 512

    public init() {}

    private static let stampCounter = Atomic<Int>(0)
    /// A number no other sketch state of this run has had (tests fold sketches on many threads).
    static func newStamp() -> Int {
        stampCounter.wrappingAdd(1, ordering: .relaxed).newValue
    }

    public var isEmpty: Bool { boxes.isEmpty && arrows.isEmpty && texts.isEmpty }
    public var elementCount: Int { boxes.count + arrows.count + texts.count }

    public var sortedBoxes: [Box] { boxes.values.sorted { $0.id < $1.id } }
    public var sortedArrows: [Arrow] { arrows.values.sorted { $0.id < $1.id } }
    public var sortedTexts: [FreeText] { texts.values.sorted { $0.id < $1.id } }

    /// The words of an element (a box's or an arrow's label, free text), nil when there is no such element.
    public func text(of id: Int) -> String? {
        if let b = boxes[id] { return b.label }
        if let a = arrows[id] { return a.label }
        return texts[id]?.text
    }

    public func contains(_ id: Int) -> Bool { boxes[id] != nil || arrows[id] != nil || texts[id] != nil }

    /// The top-left corner of a box or free text.
    public func origin(of id: Int) -> SketchPoint? { boxes[id]?.origin ?? texts[id]?.origin }

    /// Arrows that start or end at a box, by id.
    public func arrows(touching box: Int) -> [Arrow] {
        arrows.values.filter { $0.from == box || $0.to == box }.sorted { $0.id < $1.id }
    }

    /// Keeps an element of `size` on the canvas.
    public static func clamp(_ p: SketchPoint, size: SketchSize) -> SketchPoint {
        SketchPoint(x: min(max(0, p.x), max(0, canvas.width - size.width)),
                    y: min(max(0, p.y), max(0, canvas.height - size.height)))
    }

    // MARK: changes

    /// Carries out an edit; returns the edits that undo it, or nil when it changed nothing
    /// (an unknown id, a taken id, a move to where it already is).
    public mutating func perform(_ edit: SketchEdit) -> [SketchEdit]? {
        guard Sketch.isSane(edit) else { return nil }
        let undo: [SketchEdit]
        switch edit {
        case .addBox(var b):
            guard !contains(b.id) else { return nil }
            b.origin = Sketch.clamp(b.origin, size: b.size)
            boxes[b.id] = b
            undo = [.remove(id: b.id)]
        case .addArrow(let a):
            guard !contains(a.id), a.from != a.to, boxes[a.from] != nil, boxes[a.to] != nil else { return nil }
            arrows[a.id] = a
            undo = [.remove(id: a.id)]
        case .addText(var t):
            guard !contains(t.id) else { return nil }
            t.origin = Sketch.clamp(t.origin, size: SketchSize(width: max(1, t.width), height: 1))
            texts[t.id] = t
            undo = [.remove(id: t.id)]
        case .relabel(let id, let text):
            if var b = boxes[id] {
                guard b.label != text else { return nil }
                undo = [.relabel(id: id, text: b.label)]
                b.label = text; boxes[id] = b
            } else if var a = arrows[id] {
                guard a.label != text else { return nil }
                undo = [.relabel(id: id, text: a.label)]
                a.label = text; arrows[id] = a
            } else if var t = texts[id] {
                guard t.text != text else { return nil }
                undo = [.relabel(id: id, text: t.text)]
                t.text = text; texts[id] = t
            } else { return nil }
        case .setKind(let id, let kind):
            guard var b = boxes[id], b.kind != kind else { return nil }
            undo = [.setKind(id: id, kind: b.kind)]
            b.kind = kind; boxes[id] = b
        case .move(let id, let to):
            if var b = boxes[id] {
                let p = Sketch.clamp(to, size: b.size)
                guard p != b.origin else { return nil }
                undo = [.move(id: id, to: b.origin)]
                b.origin = p; boxes[id] = b
            } else if var t = texts[id] {
                let p = Sketch.clamp(to, size: SketchSize(width: max(1, t.width), height: 1))
                guard p != t.origin else { return nil }
                undo = [.move(id: id, to: t.origin)]
                t.origin = p; texts[id] = t
            } else { return nil }
        case .remove(let id):
            if let b = boxes[id] {
                let attached = arrows(touching: id)
                for a in attached { arrows[a.id] = nil }
                boxes[id] = nil
                undo = [.addBox(box: b)] + attached.map { .addArrow(arrow: $0) }
            } else if let a = arrows.removeValue(forKey: id) {
                undo = [.addArrow(arrow: a)]
            } else if let t = texts.removeValue(forKey: id) {
                undo = [.addText(text: t)]
            } else { return nil }
        }
        nextID = max(nextID, edit.id + 1)
        stamp = Sketch.newStamp()
        return undo
    }

    /// Ids in range, text of bounded length: what the fold needs to stay safe whatever a file says.
    static func isSane(_ e: SketchEdit) -> Bool {
        func ok(_ id: Int) -> Bool { id >= 1 && id <= maxID }
        func short(_ s: String) -> Bool { s.utf8.count <= maxText * 4 && s.count <= maxText }
        switch e {
        case .addBox(let b): return ok(b.id) && short(b.label)
        case .addArrow(let a): return ok(a.id) && ok(a.from) && ok(a.to) && short(a.label)
        case .addText(let t): return ok(t.id) && short(t.text)
        case .relabel(let id, let text): return ok(id) && short(text)
        case .setKind(let id, _), .move(let id, _), .remove(let id): return ok(id)
        }
    }

    // MARK: Codable and equality (the drawing only)

    enum CodingKeys: String, CodingKey { case boxes, arrows, texts, nextID }
    public init(from d: Decoder) throws {
        let c = try d.container(keyedBy: CodingKeys.self)
        for b in try c.decodeIfPresent([Box].self, forKey: .boxes) ?? [] { boxes[b.id] = b }
        for a in try c.decodeIfPresent([Arrow].self, forKey: .arrows) ?? [] { arrows[a.id] = a }
        for t in try c.decodeIfPresent([FreeText].self, forKey: .texts) ?? [] { texts[t.id] = t }
        let maxID = (Array(boxes.keys) + Array(arrows.keys) + Array(texts.keys)).max() ?? 0
        nextID = max(try c.decodeIfPresent(Int.self, forKey: .nextID) ?? 1, maxID + 1)
    }
    public func encode(to e: Encoder) throws {
        var c = e.container(keyedBy: CodingKeys.self)
        try c.encode(sortedBoxes, forKey: .boxes)
        try c.encode(sortedArrows, forKey: .arrows)
        try c.encode(sortedTexts, forKey: .texts)
        try c.encode(nextID, forKey: .nextID)
    }

    public static func == (a: Sketch, b: Sketch) -> Bool {
        a.boxes == b.boxes && a.arrows == b.arrows && a.texts == b.texts
    }
}
