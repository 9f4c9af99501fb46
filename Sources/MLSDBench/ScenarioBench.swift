import Foundation
import InterviewKit
import ScenarioYAML

/// (c) Loading and validating every bundled case.
func scenarioBenchmarks() throws -> [Figure] {
    guard let dir = ScenarioLibrary.bundledFolder(executablePath: CommandLine.arguments[0]) else { return [] }
    var count = 0
    let t = best(of: 20) {
        wallTime { count = ScenarioLibrary.load(folders: [dir], reader: YAMLCaseReader()).scenarios.count }
    }
    return [Figure(name: "load and validate all \(count) cases", value: t * 1000, unit: "ms", target: "< 20 ms for 11 cases", ok: t < 0.020)]
}
