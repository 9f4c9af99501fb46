import InterviewKit
import MockUI
import TerminalKit
import Testing
import TestSupport

/// The asciicast export, parsed: header, event order, markers, and the screen it draws.
@Suite struct ReplayCastTests {
    let scenario = Fixtures.tiny(followUps: [.frame: [FollowUp(id: "why", ask: "Why this label?", trigger: .enter)]])
    let size = Size(width: 90, height: 26)

    func recording(_ events: [Event]) throws -> Recording {
        try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "c.mlsd")
    }

    struct Cast {
        var header: [String: JSONValue]
        var events: [(t: Double, code: String, data: String)]
    }

    func parse(_ text: String) throws -> Cast {
        var lines = text.split(separator: "\n").map(String.init)
        let header = try #require(try JSONParser.parse(lines.removeFirst()).object)
        var events: [(Double, String, String)] = []
        for l in lines {
            let a = try #require(try JSONParser.parse(l).array)
            #expect(a.count == 3)
            events.append((try #require(a[0].number), try #require(a[1].string), try #require(a[2].string)))
        }
        return Cast(header: header, events: events)
    }

    @Test func theHeaderIsAsciicastVersion2AtTheChosenSize() throws {
        let r = try recording(SessionScript.play(scenario, charsPerStage: 20))
        let cast = try parse(ReplayCast.render(r, options: .init(size: size, idleTimeLimit: 2, timestamp: 1_700_000_000)))
        #expect(cast.header["version"] == .number(2))
        #expect(cast.header["width"] == .number(90))
        #expect(cast.header["height"] == .number(26))
        #expect(cast.header["timestamp"] == .number(1_700_000_000))
        #expect(cast.header["idle_time_limit"] == .number(2))
        #expect(cast.header["title"]?.string == "mlsd · Tiny")
    }

    @Test func eventsAreInTimeOrderWithMarkersForStagesAndFollowUps() throws {
        let r = try recording(SessionScript.play(scenario, charsPerStage: 20))
        let cast = try parse(ReplayCast.render(r, options: .init(size: size)))
        let times = cast.events.map(\.t)
        #expect(times == times.sorted())
        #expect(Set(cast.events.map(\.code)) == ["o", "m"])
        let markers = cast.events.filter { $0.code == "m" }.map(\.data)
        #expect(markers.contains("Stage 1: Clarify requirements"))
        #expect(markers.contains("Stage 2: Frame as an ML task"))
        #expect(markers.contains("Follow-up: Why this label?"))
        #expect(markers.contains("Paused"))
        #expect(markers.contains { $0.hasPrefix("Question: ") })
        let stage2 = try #require(cast.events.first { $0.data == "Stage 2: Frame as an ML task" })
        let entered = try #require(r.events.first { $0.kind == .stageEntered(stage: 1) })
        #expect(abs(stage2.t - entered.at) < 0.001)
        #expect(times.last! <= r.duration + 0.001)
    }

    @Test func playingTheOutputDrawsThePracticeScreenAsTheCandidateSawIt() throws {
        let events = SessionScript.play(scenario, charsPerStage: 40, end: false, text: "漢字 notes and café with wide characters")
        let r = try recording(events)
        let cast = try parse(ReplayCast.render(r, options: .init(size: size)))
        var vt = MiniTerminal(size: size)
        for e in cast.events where e.code == "o" { try vt.feed(e.data) }
        var p = PracticeScreen(replaying: r.scenario, settings: r.settings)
        p.resize(size)
        for e in r.events { p.replay(e) }
        let expected = p.view(size: size, at: r.duration, glyphs: .unicode)
        #expect(vt.lines == expected.lines)
    }

    @Test func nothingTypedReachesTheViewerAsAControlSequence() throws {
        var events = [Event(seq: 1, at: 0, kind: .started(minutes: 45, level: .senior)), Event(seq: 2, at: 0, kind: .stageEntered(stage: 0))]
        events.append(Event(seq: 3, at: 1, kind: .notesEdited(stage: 0, edit: .insert("x\u{1b}]52;c;aGk=\u{07}y\u{1b}[?1000h\u{9b}31mz\u{1b}P+q\u{1b}\\", at: TextPosition(line: 0, column: 0)))))
        events.append(Event(seq: 4, at: 2, kind: .clarificationAsked(stage: 0, question: "\u{1b}]0;title\u{07}", fact: nil)))
        let r = try recording(events)
        let text = ReplayCast.render(r, options: .init(size: size))
        let cast = try parse(text)
        var vt = MiniTerminal(size: size)
        for e in cast.events where e.code == "o" { try vt.feed(e.data) }   // throws on any sequence we do not write ourselves
        #expect(vt.lines.joined().contains("x␛]52;c;aGk=␇y␛[?1000h"))
        for e in cast.events where e.code == "m" { #expect(!e.data.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) }
    }
}

/// A terminal that understands exactly the sequences the cast writer uses, and fails on any other.
struct MiniTerminal {
    let size: Size
    var cells: [[String]]
    var x = 0, y = 0
    var cursorVisible = true

    init(size: Size) {
        self.size = size
        cells = Array(repeating: Array(repeating: " ", count: size.width), count: size.height)
    }

    struct Unexpected: Error, CustomStringConvertible { var description: String }

    mutating func feed(_ s: String) throws {
        let it = Array(s)
        var i = 0
        while i < it.count {
            let ch = it[i]
            if ch == "\u{1b}" {
                guard i + 1 < it.count, it[i + 1] == "[" else { throw Unexpected(description: "ESC not followed by [ at \(i)") }
                var j = i + 2
                var params = ""
                while j < it.count, it[j].isASCII, (it[j].isNumber || it[j] == ";" || it[j] == "?") { params.append(it[j]); j += 1 }
                guard j < it.count else { throw Unexpected(description: "an unfinished sequence") }
                let final = it[j]
                switch (final, params) {
                case ("H", ""): x = 0; y = 0
                case ("H", _):
                    let p = params.split(separator: ";").compactMap { Int($0) }
                    guard p.count == 2 else { throw Unexpected(description: "CUP \(params)") }
                    y = p[0] - 1; x = p[1] - 1
                case ("J", "2"): cells = Array(repeating: Array(repeating: " ", count: size.width), count: size.height)
                case ("m", _): break
                case ("l", "?25"): cursorVisible = false
                case ("h", "?25"): cursorVisible = true
                default: throw Unexpected(description: "unexpected sequence ESC[\(params)\(final)")
                }
                i = j + 1
                continue
            }
            if ch.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) {
                throw Unexpected(description: "a raw control character U+\(String(ch.unicodeScalars.first!.value, radix: 16))")
            }
            guard y >= 0, y < size.height, x >= 0, x < size.width else { throw Unexpected(description: "writing outside the screen at \(x),\(y)") }
            let w = DisplayWidth.of(ch)
            cells[y][x] = String(ch)
            if w == 2, x + 1 < size.width { cells[y][x + 1] = "" }
            x += w
            i += 1
        }
    }

    var lines: [String] { cells.map { $0.joined() } }
}
