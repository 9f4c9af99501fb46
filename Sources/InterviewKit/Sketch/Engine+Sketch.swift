/// The sketch's rules: labels that fit, arrows between two boxes, ids for new elements.
extension Engine {
    enum SketchCheck { case success(Event.Kind), failure(Refusal) }

    /// The event a sketch command makes, a refusal, or nil when it changes nothing (a move to the same place).
    func sketchEvent(_ c: SketchCommand) -> SketchCheck? {
        let doc = session.sketchDocument
        let sk = doc.sketch
        func edit(_ e: SketchEdit, joined: Bool = false) -> SketchCheck { .success(.sketchEdited(edit: e, joined: joined)) }
        enum Checked { case success(String), failure(Refusal) }
        func label(_ raw: String, max: Int, allowEmpty: Bool = false) -> Checked {
            let l = SketchText.clean(raw)
            if l.isEmpty && !allowEmpty { return .failure(.emptyLabel) }
            if SketchText.width(l) > max { return .failure(.labelTooLong(max: max)) }
            return .success(l)
        }
        switch c {
        case .addBox(let raw, let kind, let at):
            switch label(raw, max: SketchText.maxBoxLabel) {
            case .failure(let r): return .failure(r)
            case .success(let l): return edit(.addBox(box: Box(id: sk.nextID, label: l, kind: kind, origin: at)))
            }
        case .addArrow(let from, let to, let raw):
            guard sk.boxes[from] != nil, sk.boxes[to] != nil else {
                return .failure(sk.contains(from) && sk.contains(to) ? .arrowNeedsBoxes : .noSuchElement)
            }
            if from == to { return .failure(.arrowToItself) }
            switch label(raw, max: SketchText.maxArrowLabel, allowEmpty: true) {
            case .failure(let r): return .failure(r)
            case .success(let l): return edit(.addArrow(arrow: Arrow(id: sk.nextID, from: from, to: to, label: l)))
            }
        case .addText(let raw, let at):
            switch label(raw, max: SketchText.maxFreeText) {
            case .failure(let r): return .failure(r)
            case .success(let l): return edit(.addText(text: FreeText(id: sk.nextID, text: l, origin: at)))
            }
        case .relabel(let id, let raw):
            guard sk.contains(id) else { return .failure(.noSuchElement) }
            let isArrow = sk.arrows[id] != nil
            let max = isArrow ? SketchText.maxArrowLabel : (sk.boxes[id] != nil ? SketchText.maxBoxLabel : SketchText.maxFreeText)
            switch label(raw, max: max, allowEmpty: isArrow) {
            case .failure(let r): return .failure(r)
            case .success(let l): return l == sk.text(of: id) ? nil : edit(.relabel(id: id, text: l))
            }
        case .setKind(let id, let kind):
            guard let b = sk.boxes[id] else { return .failure(.noSuchElement) }
            return b.kind == kind ? nil : edit(.setKind(id: id, kind: kind))
        case .move(let id, let to, let continuing):
            if sk.arrows[id] != nil { return .failure(.notMovable) }
            guard let origin = sk.origin(of: id) else { return .failure(.noSuchElement) }
            let size = sk.boxes[id]?.size ?? SketchSize(width: max(1, sk.texts[id]?.width ?? 1), height: 1)
            if Sketch.clamp(to, size: size) == origin { return nil }
            return edit(.move(id: id, to: to), joined: continuing && doc.openMove == id)
        case .remove(let id):
            guard sk.contains(id) else { return .failure(.noSuchElement) }
            return edit(.remove(id: id))
        case .undo:
            return doc.canUndo ? .success(.sketchUndone) : .failure(.nothingToUndo)
        case .redo:
            return doc.canRedo ? .success(.sketchRedone) : .failure(.nothingToRedo)
        }
    }
}
