// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "mlsd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mlsd", targets: ["mlsd"]),
        .executable(name: "mlsd-bench", targets: ["MLSDBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "TextWidth"),
        .target(name: "TerminalKit", dependencies: ["TextWidth"]),
        .target(name: "CSystem"),
        .target(name: "InterviewKit", dependencies: ["Yams", "TextWidth", "CSystem"]),
        .target(name: "MockUI", dependencies: ["InterviewKit", "TerminalKit"]),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalKit"]),
        .executableTarget(
            name: "mlsd",
            dependencies: [
                "InterviewKit", "TerminalKit", "MockUI", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "MLSDBench",
            dependencies: ["InterviewKit", "TerminalKit", "MockUI", "CursesTerminal"],
            path: "Sources/MLSDBench"
        ),
        .target(name: "TestSupport", dependencies: ["InterviewKit", "TerminalKit", "MockUI"], path: "Tests/TestSupport"),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"]),
        .testTarget(name: "InterviewKitTests", dependencies: ["InterviewKit", "TestSupport"]),
        .testTarget(name: "MockUITests", dependencies: ["MockUI", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "TerminalKit", "TextWidth"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["mlsd", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
