import InterviewKit
import TerminalKit

/// The home screen: pick a case, a length and a level.
public struct HomeScreen: Sendable {
    public let scenarios: [Scenario]
    public private(set) var selected = 0
    public private(set) var minutes: Int
    public private(set) var level: Level = .senior
    public private(set) var showHelp = false
    public static let lengths = [30, 45, 60]
    var listScroll = 0

    public init(scenarios: [Scenario], selected id: String? = nil) {
        self.scenarios = scenarios
        if let id, let i = scenarios.firstIndex(where: { $0.id == id }) { selected = i }
        minutes = scenarios.isEmpty ? 45 : scenarios[0].minutes
        if !scenarios.isEmpty { minutes = Self.nearestLength(scenarios[selected].minutes) }
    }

    static func nearestLength(_ m: Int) -> Int { lengths.min { abs($0 - m) < abs($1 - m) } ?? 45 }

    public enum Outcome: Equatable, Sendable { case none, start(String, Settings), quit }

    public mutating func handle(_ key: Key) -> Outcome {
        if showHelp { showHelp = false; return .none }
        guard let a = Keymaps.home.action(for: key) else { return .none }
        switch a {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(scenarios.count - 1, selected + 1)
        case .longer: if let i = Self.lengths.firstIndex(of: minutes), i + 1 < Self.lengths.count { minutes = Self.lengths[i + 1] }
        case .shorter: if let i = Self.lengths.firstIndex(of: minutes), i > 0 { minutes = Self.lengths[i - 1] }
        case .level:
            let all = Level.allCases
            level = all[(all.firstIndex(of: level)! + 1) % all.count]
        case .start:
            guard !scenarios.isEmpty else { return .none }
            return .start(scenarios[selected].id, Settings(minutes: minutes, level: level))
        case .help: showHelp = true
        case .quit: return .quit
        }
        return .none
    }

    public static let minimumSize = Size(width: 60, height: 18)

    public mutating func view(size: Size, glyphs: Glyphs) -> Frame {
        if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height {
            return Widgets.tooSmall(size: size, minimum: Self.minimumSize)
        }
        var f = Frame(size: size)
        let all = Rect(size)
        let (header, rest) = all.splitTop(1)
        let (body, status) = rest.splitBottom(1)
        Widgets.bar(header, left: [Span(" mlsd", Style(.header, bold: true)), Span(" · machine-learning system design interview practice", .role(.header))],
                    right: [Span("\(scenarios.count) cases ", .role(.header))], style: .role(.header), frame: &f)
        let (top, settings) = body.splitBottom(4)
        let wide = size.width >= 100
        let listRect = wide ? top.splitLeft(top.width * 11 / 20).0 : top
        let inner = Widgets.pane(listRect, title: "Choose a case", focused: true, glyphs: glyphs, frame: &f)
        // each case takes two rows: title and summary
        let perPage = max(1, inner.height / 2)
        if selected < listScroll { listScroll = selected }
        if selected >= listScroll + perPage { listScroll = selected - perPage + 1 }
        for (k, i) in (listScroll..<min(scenarios.count, listScroll + perPage)).enumerated() {
            let s = scenarios[i]
            let y = inner.y + k * 2
            let sel = i == selected
            let row = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            if sel { f.fill(row, with: Cell(scalar: 0x20, style: Style(.selection))) }
            f.put((sel ? " \(glyphs.arrowRight) " : "   ") + s.title, x: inner.x, y: y, style: Style(sel ? .selection : .normal, bold: true), clip: row)
            f.put("   " + s.summary, x: inner.x, y: y + 1, style: .role(.muted), clip: Rect(x: inner.x, y: y + 1, width: inner.width, height: 1))
        }
        Widgets.scrollbar(inner, total: scenarios.count, visible: perPage, offset: listScroll, glyphs: glyphs, frame: &f)
        if wide, !scenarios.isEmpty {
            let r = Rect(x: listRect.maxX, y: top.y, width: top.width - listRect.width, height: top.height)
            let d = Widgets.pane(r, title: "The problem", focused: false, glyphs: glyphs, frame: &f)
            let s = scenarios[selected]
            var lines = [StyledLine(s.title, Style(.title, bold: true)), .blank]
            lines += s.problem.lineSlices().map { StyledLine(String($0)) }
            lines += [.blank, StyledLine("Stages: " + s.stages.map { "\($0.title) \($0.share) %" }.joined(separator: " · "), .role(.muted))]
            StyledText.draw(StyledText.wrap(lines, width: d.width - 1), in: d.inset(left: 1), scroll: 0, frame: &f)
        }
        let si = Widgets.pane(settings, title: "Settings", focused: false, glyphs: glyphs, frame: &f)
        var x = si.x + 1
        x += f.put("Length  ", x: x, y: si.y, style: .role(.muted), clip: si)
        for m in Self.lengths {
            x += f.put(m == minutes ? "[\(m) min]" : " \(m) min ", x: x, y: si.y, style: m == minutes ? Style(.selection, bold: true) : .normal, clip: si)
            x += f.put(" ", x: x, y: si.y, clip: si)
        }
        x = si.x + 1
        x += f.put("Level   ", x: x, y: si.y + 1, style: .role(.muted), clip: si)
        for l in Level.allCases {
            x += f.put(l == level ? "[\(l.rawValue)]" : " \(l.rawValue) ", x: x, y: si.y + 1, style: l == level ? Style(.selection, bold: true) : .normal, clip: si)
            x += f.put(" ", x: x, y: si.y + 1, clip: si)
        }
        Widgets.statusLine(status, items: Keymaps.home.statusItems, message: nil, messageStyle: .normal, frame: &f)
        if showHelp {
            HelpOverlay.draw(lines: HelpOverlay.keymapLines(Keymaps.home), scroll: 0, in: all, glyphs: glyphs, frame: &f)
        }
        return f
    }
}
