import Foundation
import Testing
@testable import CursesTerminal

/// The program reads a terminal's description file itself (`TerminfoFile`) instead of through
/// ncurses' `setupterm`; it must read the same as ncurses does, for every description here.
@Suite struct TerminfoFileTests {
    /// Every description installed in the folders the shortcut searches.
    static func installed() -> [(type: String, path: String)] {
        var out: [(type: String, path: String)] = []
        for folder in TerminfoFile.systemFolders {
            for letter in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let dir = folder + "/" + letter
                for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] { out.append((name, dir + "/" + name)) }
            }
        }
        return out
    }

    static let noHome: @Sendable (String) -> String? = { _ in nil }

    @Test func everyInstalledDescriptionReadsAsNcursesReadsIt() throws {
        #expect(Self.installed().count >= 10, "the terminfo descriptions (ncurses-base) are installed")
        let envSize = ProcessInfo.processInfo.environment["LINES"] != nil || ProcessInfo.processInfo.environment["COLUMNS"] != nil
        var compared = 0
        for (type, path) in Self.installed() where TerminfoFile.path(for: type, environment: Self.noHome) == path {
            let bytes = try #require(Capabilities.readFile(path), "\(path)")
            let file = try #require(TerminfoFile(bytes), "\(path) reads")
            var ours = try #require(Capabilities(file), "\(path) gives capabilities")
            var theirs = try #require(Capabilities.loadThroughNcurses(terminalType: type, fd: -1), "\(type) through ncurses")
            if envSize { ours.lines = 0; ours.columns = 0; theirs.lines = 0; theirs.columns = 0 }
            #expect(ours == theirs, "\(type): \(ours) against ncurses' \(theirs)")
            compared += 1
        }
        #expect(compared >= 10)
    }

    /// Each capability's standard index is right: a description that has them all gives them all.
    @Test func theIndicesFindEveryCapabilityOfXterm() throws {
        let c = try #require(Capabilities.load(terminalType: "xterm-256color", fd: -1, environment: Self.noHome))
        let strings: [[UInt8]] = [c.clearScreen, c.resetAttributes, c.bold, c.dim, c.reverse, c.underline, c.hideCursor, c.showCursor,
                                  c.clearToEndOfLine, c.carriageReturn, c.cursorLeft, c.scrollForward, c.scrollReverse,
                                  c.enterAlternateScreen, c.exitAlternateScreen, c.keypadOn, c.keypadOff]
        #expect(strings.allSatisfy { !$0.isEmpty })
        #expect(c.moveTo?.template == "\u{1B}[%i%p1%d;%p2%dH")
        #expect([c.moveToColumn, c.moveToRow, c.eraseCharacters, c.foreground, c.background, c.scrollRegion,
                 c.scrollForwardLines, c.scrollReverseLines].allSatisfy { $0 != nil })
        #expect(c.autoMargins && c.lateWrap && c.backgroundColorErase && c.hasDefaultColors && c.hasMouse)
        #expect(c.colors == 256 && c.columns == 80 && c.lines == 24)
        #expect(c.clearScreen == Array("\u{1B}[H\u{1B}[2J".utf8))
    }

    /// User-defined capabilities (the extended part), by name.
    @Test func userDefinedFlagsAreFoundByName() throws {
        func file(_ type: String) throws -> TerminfoFile {
            let path = try #require(TerminfoFile.path(for: type, environment: Self.noHome))
            let bytes = try #require(Capabilities.readFile(path))
            return try #require(TerminfoFile(bytes))
        }
        for (type, ax) in [("xterm-256color", true), ("tmux-256color", true), ("linux", true), ("vt100", false), ("xterm-mono", false), ("dumb", false)] {
            let f = try file(type)
            #expect(f.extendedFlag("AX") == ax, "\(type)")
            #expect(f.extendedFlag("NOPE") == false, "\(type)")
        }
        #expect(try file("xterm-256color").extendedFlag("XT") == true)
    }

    /// Where ncurses would look elsewhere first, or the file is not there, it is asked.
    @Test func theShortcutStandsAsideForTerminfoVariablesAndOddNames() {
        #expect(TerminfoFile.path(for: "xterm", environment: Self.noHome) != nil)
        #expect(TerminfoFile.path(for: "xterm", environment: { $0 == "TERMINFO" ? "/x" : nil }) == nil)
        #expect(TerminfoFile.path(for: "xterm", environment: { $0 == "TERMINFO_DIRS" ? "/x:/y" : nil }) == nil)
        #expect(TerminfoFile.path(for: "../etc/passwd", environment: Self.noHome) == nil)
        #expect(TerminfoFile.path(for: "x/y", environment: Self.noHome) == nil)
        #expect(TerminfoFile.path(for: "", environment: Self.noHome) == nil)
        #expect(TerminfoFile.path(for: "no-such-terminal-type", environment: Self.noHome) == nil)
    }

    /// A personal description in ~/.terminfo comes first, as with ncurses.
    @Test func aPersonalDescriptionComesFirst() throws {
        let home = NSTemporaryDirectory() + "mlsd-terminfo-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home + "/.terminfo/x", withIntermediateDirectories: true)
        let system = try #require(TerminfoFile.path(for: "xterm", environment: Self.noHome))
        try FileManager.default.copyItem(atPath: system, toPath: home + "/.terminfo/x/xterm")
        #expect(TerminfoFile.path(for: "xterm", environment: { $0 == "HOME" ? home : nil }) == home + "/.terminfo/x/xterm")
    }

    /// A damaged file is not read (ncurses then answers, or says the terminal is unknown).
    @Test func aDamagedFileIsRefused() throws {
        let path = try #require(TerminfoFile.path(for: "xterm-256color", environment: Self.noHome))
        let good = try #require(Capabilities.readFile(path))
        #expect(TerminfoFile(good) != nil)
        #expect(TerminfoFile(Array(good.prefix(11))) == nil)
        #expect(TerminfoFile(Array(good.prefix(good.count / 2))) == nil, "cut inside the strings")
        var badMagic = good; badMagic[0] = 0
        #expect(TerminfoFile(badMagic) == nil)
        var badOffset = good
        // The first string offset made to point past the table.
        let names = Int(good[2]) | Int(good[3]) << 8, bools = Int(good[4]) | Int(good[5]) << 8, numbers = Int(good[6]) | Int(good[7]) << 8
        let numberSize = good[0] == 0x1E ? 4 : 2
        let strings = ((12 + names + bools + 1) & ~1) + numbers * numberSize
        badOffset[strings] = 0xFF; badOffset[strings + 1] = 0x7F
        #expect(TerminfoFile(badOffset) == nil)
    }
}
