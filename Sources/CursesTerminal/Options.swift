#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CursesTerminal {
    /// How to open the terminal.
    public struct Options: Sendable, Equatable {
        public var colorMode: ColorMode
        /// Report mouse clicks and the wheel as `Key.mouse`.
        public var mouse: Bool
        /// Variables to look `NO_COLOR` up in; nil means the process environment.
        public var environment: [String: String]?

        public init(colorMode: ColorMode = .auto, mouse: Bool = false, environment: [String: String]? = nil) {
            self.colorMode = colorMode
            self.mouse = mouse
            self.environment = environment
        }

        func lookup(_ name: String) -> String? {
            if let environment { return environment[name] }
            return processEnvironment(name)
        }
    }
}

/// A variable from the process environment.
func processEnvironment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
