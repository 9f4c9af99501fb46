/// One problem found in a scenario file: where, what, and how to fix it.
public struct ScenarioIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation
    public var message: String
    public var fix: String

    public init(file: String, location: SourceLocation, message: String, fix: String = "") {
        self.file = file; self.location = location; self.message = message; self.fix = fix
    }

    /// `file:line:column: error: message (fix)`, the form editors and terminals link to.
    public var description: String {
        "\(file):\(location.line):\(location.column): error: \(message)" + (fix.isEmpty ? "" : "\n    fix: \(fix)")
    }
}

/// All the problems of one file, thrown when a scenario cannot be used.
public struct ScenarioErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]
    public init(_ issues: [ScenarioIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
