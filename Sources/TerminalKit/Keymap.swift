/// One key binding: the keys, what they do, and the words help and the status line show.
public struct Binding<Action: Sendable & Equatable>: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    /// A short label for the status line; nil keeps the binding out of it.
    public var status: String?
    public init(_ keys: [Key], _ action: Action, _ help: String, status: String? = nil) {
        self.keys = keys; self.action = action; self.help = help; self.status = status
    }
}

/// A screen's key table: the one source for dispatch, help, the status line and `mlsd keys`.
public struct Keymap<Action: Sendable & Equatable>: Sendable {
    public var title: String
    public var groups: [(name: String, bindings: [Binding<Action>])] { didSet { index() } }
    public init(title: String, groups: [(name: String, bindings: [Binding<Action>])]) {
        self.title = title; self.groups = groups
        statusItems = []
        index()
    }

    /// Every key with its action, in the table's order: a lookup takes the first, so the first
    /// binding of a key wins. A list, not a dictionary: a table has a few dozen keys, and
    /// hashing them all (a `Character` hashes slowly) cost more of the first frame than drawing it.
    @usableFromInline private(set) var bound: [(key: Key, action: Action)] = []
    /// The bindings of plain ASCII characters, searched by byte: a typed letter is looked up on
    /// every key, and comparing one byte costs less than comparing `Key`s.
    @usableFromInline private(set) var asciiActions: [(byte: UInt8, action: Action)] = []

    private mutating func index() {
        statusItems = []
        bound = []
        asciiActions = []
        for g in groups {
            for b in g.bindings {
                if let s = b.status { statusItems.append((b.keys[0].description, s)) }
                for k in b.keys {
                    bound.append((k, b.action))
                    if let a = Keymap.plainASCII(k) { asciiActions.append((a, b.action)) }
                }
            }
        }
    }

    /// The action of `key`; a modified key the table does not name acts as the plain key.
    /// (Inlinable, so that each screen's table is looked up with its own action type, not through
    /// generic metadata found at run time on every key.)
    @inlinable
    public func action(for key: Key) -> Action? {
        if case .text = key { return nil }   // a paste is never a binding (and is costly to hash)
        if let b = Keymap.plainASCII(key) {
            for e in asciiActions where e.byte == b { return e.action }
            return nil
        }
        for e in bound where e.key == key { return e.action }
        if let plain = key.unmodified { return action(for: plain) }
        return nil
    }

    /// The byte of a `.char` key that is one ASCII scalar (not "\r\n", whose `asciiValue` is "\n").
    @inlinable
    static func plainASCII(_ key: Key) -> UInt8? {
        guard case .char(let c) = key, let a = c.asciiValue, a != 0x0A else { return nil }
        return a
    }

    /// "F1 help  F2 hint …" items for the status line (worked out once: it is drawn every frame).
    public private(set) var statusItems: [(keys: String, label: String)]

    /// Help as text lines: group headings, then "keys  help".
    public func helpLines(keyWidth: Int = 22) -> [(heading: Bool, keys: String, help: String)] {
        var out: [(Bool, String, String)] = []
        for g in groups {
            out.append((true, g.name, ""))
            for b in g.bindings { out.append((false, b.keys.map(\.description).joined(separator: ", "), b.help)) }
        }
        return out
    }

    /// The table as plain text, for `mlsd keys`.
    public var text: String {
        var o = "\(title)\n"
        for g in groups {
            o += "  \(g.name)\n"
            for b in g.bindings {
                let k = b.keys.map(\.description).joined(separator: ", ")
                o += "    " + k + String(repeating: " ", count: max(1, 26 - DisplayWidth.of(k))) + b.help + "\n"
            }
        }
        return o
    }
}
