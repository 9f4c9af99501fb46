import Foundation

// `make bench` runs this (release build) and then scripts/bench.sh for the figures that need a
// real terminal (start-up time against vim and nano). Each suite is a function in its own file.
let args = Array(CommandLine.arguments.dropFirst())
let suites: [(name: String, run: () throws -> [Figure])] = [
    ("scenarios", scenarioBenchmarks),
    ("typing", typingBenchmarks),
    ("recording", recordingBenchmarks),
    ("sketch", sketchBenchmarks),
]
let wanted = args.filter { !$0.hasPrefix("-") }
for s in suites where wanted.isEmpty || wanted.contains(s.name) {
    print("== \(s.name)")
    for f in try s.run() { report(f) }
}
