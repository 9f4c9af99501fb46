/// One key binding: the keys, what they do, and the words help and the status line show.
public struct Binding<Action: Sendable & Equatable>: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String
    /// A short label for the status line; nil keeps the binding out of it.
    public var status: String?
    @inlinable
    public init(_ keys: [Key], _ action: Action, _ help: String, status: String? = nil) {
        self.keys = keys; self.action = action; self.help = help; self.status = status
    }
}

/// A screen's key table: the one source for dispatch, help, the status line and `mlsd keys`.
public struct Keymap<Action: Sendable & Equatable>: Sendable {
    public var title: String
    public var groups: [(name: String, bindings: [Binding<Action>])] { didSet { index() } }
    /// (Inlinable, with what it builds, so that each screen's table is built by code
    /// specialized for its action type: the tables are built on the way to the first frame,
    /// where generic code and the array types it makes at run time cost 50 K instructions.)
    @inlinable
    public init(title: String, groups: [(name: String, bindings: [Binding<Action>])]) {
        self.title = title; self.groups = groups
        (bound, asciiActions, _statusItems) = Self.indexed(groups)
    }

    /// Every key with its action, in the table's order: a lookup takes the first, so the first
    /// binding of a key wins. A list, not a dictionary: a table has a few dozen keys, and
    /// hashing them all (a `Character` hashes slowly) cost more of the first frame than drawing it.
    @usableFromInline var bound: [(key: Key, action: Action)]
    /// The bindings of plain ASCII characters, searched by byte: a typed letter is looked up on
    /// every key, and comparing one byte costs less than comparing `Key`s.
    @usableFromInline var asciiActions: [(byte: UInt8, action: Action)]
    @usableFromInline var _statusItems: [(keys: String, label: String)]

    private mutating func index() {
        (bound, asciiActions, _statusItems) = Self.indexed(groups)
    }

    @inlinable
    static func indexed(_ groups: [(name: String, bindings: [Binding<Action>])])
        -> ([(key: Key, action: Action)], [(byte: UInt8, action: Action)], [(keys: String, label: String)]) {
        var bound: [(key: Key, action: Action)] = []
        var ascii: [(byte: UInt8, action: Action)] = []
        var status: [(keys: String, label: String)] = []
        for g in groups {
            for b in g.bindings {
                if let s = b.status { status.append((b.keys[0].description, s)) }
                for k in b.keys {
                    bound.append((k, b.action))
                    if let a = Keymap.plainASCII(k) { ascii.append((a, b.action)) }
                }
            }
        }
        return (bound, ascii, status)
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
    public var statusItems: [(keys: String, label: String)] { _statusItems }

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
