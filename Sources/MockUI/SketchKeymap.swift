import TerminalKit

/// What a key does in the sketch pane.
public enum SketchAction: Sendable, Equatable {
    case left, right, up, down, farLeft, farRight, farUp, farDown, origin, nextElement, previousElement
    case addBox, addArrow, addText, palette, edit, move, delete, kind, undo, redo, export, cancel
}

extension Keymaps {
    /// The sketch pane's keys (when it has focus); F4 (full screen) is in the practice table.
    public static let sketch = Keymap<SketchAction>(title: "Sketch pane", groups: [
        ("Sketch: draw", [
            Binding([.char("b")], .addBox, "new box at the cursor: type its label, Enter", status: "box"),
            Binding([.char("a")], .addArrow, "arrow from the box under the cursor: move to the target box, Enter, label (optional), Enter", status: "arrow"),
            Binding([.char("t")], .addText, "free text at the cursor", status: "text"),
            Binding([.char("p")], .palette, "palette of common ML parts to drop at the cursor", status: "parts"),
            Binding([.enter], .edit, "edit the label under the cursor; ends a move; picks an arrow's target"),
            Binding([.char("m")], .move, "move the element under the cursor with the arrow keys (arrows follow); Enter or Esc ends", status: "move"),
            Binding([.char("k")], .kind, "box kind: service, store, queue, model, client"),
            Binding([.char("d"), .delete], .delete, "delete the element under the cursor (a box takes its arrows)", status: "del"),
            Binding([.char("u"), .ctrl("z")], .undo, "undo (each edit one step)", status: "undo"),
            Binding([.char("r"), .ctrl("r"), .ctrl("y")], .redo, "redo", status: "redo"),
            Binding([.char("x")], .export, "export the sketch: text, Mermaid or DOT", status: "export"),
            Binding([.escape], .cancel, "cancel what is under way"),
        ]),
        ("Sketch: cursor", [
            Binding([.left], .left, "cursor left (the canvas scrolls with it)"),
            Binding([.right], .right, "cursor right"),
            Binding([.up], .up, "cursor up"),
            Binding([.down], .down, "cursor down"),
            Binding([.shiftLeft], .farLeft, "cursor 8 cells left"),
            Binding([.shiftRight], .farRight, "cursor 8 cells right"),
            Binding([.shiftUp, .pageUp], .farUp, "cursor 4 rows up"),
            Binding([.shiftDown, .pageDown], .farDown, "cursor 4 rows down"),
            Binding([.home], .origin, "cursor to the top-left corner"),
            Binding([.char("n")], .nextElement, "cursor to the next element"),
            Binding([.char("N")], .previousElement, "cursor to the previous element"),
        ]),
    ])

    /// Keys while typing a label in the sketch pane, and the mouse, listed in help.
    public static let sketchTyping: [(keys: String, help: String)] = [
        ("type", "the label (one line)"),
        ("Enter", "done"),
        ("Backspace", "delete the last character"),
        ("Esc", "cancel"),
        ("mouse", "click selects and moves the cursor, drag moves a box or text (where the terminal reports the mouse)"),
    ]
}
