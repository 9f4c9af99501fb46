#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Environment variables, looked up by name: the process's own (`.process`, read with
/// getenv(3) at each lookup) or a fixed set written as a dictionary literal (tests).
///
/// Not a `[String: String]`: Foundation's `ProcessInfo.environment` copies every variable,
/// and the first String-keyed dictionary of a run makes the Swift runtime search the
/// program's conformances for `String: Hashable` (0.4 M instructions), both on the way to the
/// first frame, for the half-dozen names the program reads.
public struct EnvironmentVariables: Sendable, ExpressibleByDictionaryLiteral {
    /// nil: the process environment.
    private let fixed: [(name: String, value: String)]?

    /// The process environment.
    public static let process = EnvironmentVariables(fixed: nil)

    private init(fixed: [(name: String, value: String)]?) { self.fixed = fixed }

    public init(dictionaryLiteral elements: (String, String)...) {
        fixed = elements.map { (name: $0.0, value: $0.1) }
    }

    public subscript(_ name: String) -> String? {
        guard let fixed else { return getenv(name).map { String(cString: $0) } }
        return fixed.last { $0.name == name }?.value
    }
}
