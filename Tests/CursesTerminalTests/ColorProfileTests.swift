import Testing
import TerminalKit
@testable import CursesTerminal

extension CursesTerminalTests {
    @Test func profileFollowsModeAndEnvironment() {
        let none: (String) -> String? = { _ in nil }
        let noColor: (String) -> String? = { $0 == "NO_COLOR" ? "1" : nil }
        let emptyNoColor: (String) -> String? = { $0 == "NO_COLOR" ? "" : nil }
        #expect(ColorProfile.choose(mode: .auto, hasColors: true, colors: 256, environment: none) == .twoFiftySix)
        #expect(ColorProfile.choose(mode: .auto, hasColors: true, colors: 8, environment: none) == .eight)
        #expect(ColorProfile.choose(mode: .auto, hasColors: true, colors: 256, environment: noColor) == .monochrome)
        #expect(ColorProfile.choose(mode: .auto, hasColors: true, colors: 256, environment: emptyNoColor) == .twoFiftySix)
        #expect(ColorProfile.choose(mode: .auto, hasColors: false, colors: 0, environment: none) == .monochrome)
        #expect(ColorProfile.choose(mode: .monochrome, hasColors: true, colors: 256, environment: none) == .monochrome)
        #expect(ColorProfile.choose(mode: .eight, hasColors: true, colors: 256, environment: noColor) == .eight)
        #expect(ColorProfile.choose(mode: .twoFiftySix, hasColors: true, colors: 8, environment: none) == .eight)
        #expect(ColorProfile.choose(mode: .twoFiftySix, hasColors: false, colors: 0, environment: none) == .monochrome)
    }

    @Test func colorModeParsesCommandLineValues() {
        #expect(ColorMode(argument: "auto") == .auto)
        #expect(ColorMode(argument: "none") == .monochrome)
        #expect(ColorMode(argument: "8") == .eight)
        #expect(ColorMode(argument: "256") == .twoFiftySix)
        #expect(ColorMode(argument: "rainbow") == nil)
    }

    @Test func everyRoleHasALookInEveryProfile() {
        #expect(RolePalette.colors256.count == Role.allCases.count)
        #expect(RolePalette.colors8.count == Role.allCases.count)
        #expect(RolePalette.monochrome.count == Role.allCases.count)
        for role in Role.allCases {
            #expect(!RolePalette.look(role, in: .monochrome).usesColor)
            for c in [RolePalette.look(role, in: .eight).foreground, RolePalette.look(role, in: .eight).background] {
                #expect(c < 8)
            }
        }
    }

    @Test func monochromeKeepsTheRolesThatMatterApart() {
        func attrs(_ r: Role) -> TextAttributes { RolePalette.look(r, in: .monochrome).attributes }
        #expect(attrs(.selection).contains(.reverse))
        #expect(attrs(.header).contains(.reverse))
        #expect(attrs(.title).contains(.bold))
        #expect(attrs(.key).contains(.bold))
        let meaningful: [Role] = [.normal, .selection, .header, .warning, .danger, .highlight, .muted]
        #expect(Set(meaningful.map { attrs($0).rawValue }).count == meaningful.count)
    }
}
