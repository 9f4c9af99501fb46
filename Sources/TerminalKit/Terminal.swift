/// What the program needs of a terminal; `CursesTerminal` implements it, and tests use `MemoryTerminal`.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Shows a frame (only what changed since the last one need be sent).
    func present(_ frame: Frame)
    /// Waits up to `timeoutMs` for a key; nil when none came.
    func readKey(timeoutMs: Int) -> Key?
    /// Puts the terminal back as it was before the program started.
    func restore()
    /// After `Key.suspend`: puts the terminal back, stops the program until it is continued,
    /// then takes the terminal again; the next frame is drawn whole.
    func suspend()
}

/// A terminal in memory: keys are scripted, frames are kept, for tests without a real screen.
public final class MemoryTerminal: Terminal {
    public var size: Size
    public private(set) var frames: [Frame] = []
    public var keys: [Key]
    public private(set) var restored = false
    public init(size: Size, keys: [Key] = []) { self.size = size; self.keys = keys }
    public func present(_ frame: Frame) { frames.append(frame) }
    public func readKey(timeoutMs: Int) -> Key? { keys.isEmpty ? nil : keys.removeFirst() }
    public func restore() { restored = true }
    public private(set) var suspensions = 0
    public func suspend() { suspensions += 1 }
    public var lastFrame: Frame? { frames.last }
}
