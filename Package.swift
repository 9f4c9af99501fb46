// swift-tools-version: 6.0
import PackageDescription

// Types are looked up through their metadata accessors, not by mangled name at run time: the
// run-time path checks a generic type's requirements (a Dictionary key's Hashable …) by
// searching every protocol conformance in the program, about 0.1–0.4 M instructions for each
// new one, and start-up met a dozen of them before its first frame.
let startUp: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]

let package = Package(
    name: "mlsd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mlsd", targets: ["mlsd"]),
        .executable(name: "mlsd-yaml", targets: ["MLSDYAML"]),
        .executable(name: "mlsd-bench", targets: ["MLSDBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "TextWidth", swiftSettings: startUp),
        .target(name: "TerminalKit", dependencies: ["TextWidth"], swiftSettings: startUp),
        .target(name: "CSystem"),
        .target(name: "InterviewKit", dependencies: ["TextWidth", "CSystem"], swiftSettings: startUp),
        // Reading case files (YAML) needs Yams, and Yams needs the whole of Foundation, whose
        // start-up costs mlsd page faults and instructions on every run. So the YAML lives in a
        // helper program of its own, `mlsd-yaml`, which mlsd runs only when a case file is new
        // or changed (see CaseFileReader and ScenarioCache).
        .target(name: "ScenarioYAML", dependencies: ["InterviewKit", "Yams"], swiftSettings: startUp),
        .executableTarget(name: "MLSDYAML", dependencies: ["ScenarioYAML", "InterviewKit"], path: "Sources/mlsd-yaml", swiftSettings: startUp),
        .target(name: "MockUI", dependencies: ["InterviewKit", "TerminalKit"], swiftSettings: startUp),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalKit"], swiftSettings: startUp),
        .executableTarget(
            name: "mlsd",
            dependencies: [
                "InterviewKit", "TerminalKit", "MockUI", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: startUp
        ),
        .executableTarget(
            name: "MLSDBench",
            dependencies: ["InterviewKit", "ScenarioYAML", "TerminalKit", "MockUI", "CursesTerminal"],
            path: "Sources/MLSDBench",
            swiftSettings: startUp
        ),
        .target(name: "TestSupport", dependencies: ["InterviewKit", "ScenarioYAML", "TerminalKit", "MockUI"], path: "Tests/TestSupport"),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"]),
        .testTarget(name: "InterviewKitTests", dependencies: ["InterviewKit", "ScenarioYAML", "TestSupport"]),
        .testTarget(name: "MockUITests", dependencies: ["MockUI", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "TerminalKit", "TextWidth"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["mlsd", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
