import Foundation
import InterviewKit
import Testing
import TestSupport

/// The session file format: what is written reads back the same, and stays safe to print.
@Suite struct RecordingFormatTests {
    let scenario = Fixtures.tiny(followUps: [.clarify: [FollowUp(id: "open", ask: "What do you need?", trigger: .enter)]])

    @Test func everyKindOfEventReadsBackAsItWasWritten() throws {
        let kinds: [Event.Kind] = [
            .started(minutes: 45, level: .staff), .stageEntered(stage: 0),
            .notesEdited(stage: 0, edit: .insert("héllo 世界 👍🏽", at: TextPosition(line: 0, column: 0))),
            .notesEdited(stage: 0, edit: TextEdit(from: TextPosition(line: 0, column: 2), to: TextPosition(line: 1, column: 0), text: "x\ny")),
            .notesEdited(stage: 0, edit: .delete(from: TextPosition(line: 0, column: 0), to: TextPosition(line: 0, column: 1))),
            .followUpAsked(stage: 0, id: "open"),
            .clarificationAsked(stage: 0, question: "How \"many\" users?\\", fact: "scale"),
            .clarificationAsked(stage: 0, question: "Anything?", fact: nil),
            .hintShown(stage: 0, level: 1), .paused, .resumed, .stageOverrun(stage: 0),
            .notesUndone(stage: 0), .notesRedone(stage: 0), .ended,
        ]
        let events = kinds.enumerated().map { Event(seq: $0.offset + 1, at: Double($0.offset) * 1.5 + 0.001, kind: $0.element) }
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "t.mlsd")
        #expect(r.issues.isEmpty)
        #expect(r.tail == .none)
        #expect(r.events == events)
        #expect(r.scenario == scenario)
        #expect(r.settings == Settings(minutes: 45, level: .senior))
        #expect(r.header.created == "2023-11-14T22:13:20Z")
    }

    @Test func aTypedCharacterIsAShortLine() {
        let line = RecordingFormat.line(Event(seq: 12345, at: 10799.5, kind: .notesEdited(stage: 3, edit: .insert("a", at: TextPosition(line: 40, column: 120)))))
        #expect(line == #"[12345,10799.500,"i",3,40,120,"a"]"#)
    }

    @Test func controlCharactersAreEscapedSoTheFileIsSafeToPrint() {
        let nasty = "a\u{1b}]52;c;aGk=\u{07}b\u{9b}31mc\u{7f}\u{2028}"
        let line = RecordingFormat.line(Event(seq: 1, at: 0, kind: .notesEdited(stage: 0, edit: .insert(nasty, at: TextPosition(line: 0, column: 0)))))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || $0.value == 0x2028 })
        #expect(line.contains("\\u001b"))
        let v = try? JSONParser.parse(line)
        #expect(v?.array?[6].string == nasty)
    }

    @Test func theHeaderStartsWithTheFormatAndVersion() {
        let h = RecordingFormat.Header(program: "mlsd 0.1.0", created: Date(timeIntervalSince1970: 0), settings: Settings(minutes: 30, level: .mid), scenario: scenario)
        #expect(h.line.hasPrefix(#"{"format":"mlsd-session","version":1,"program":"mlsd 0.1.0","created":"1970-01-01T00:00:00Z","settings":{"minutes":30,"level":"mid","solo":true},"scenario":{"#))
    }

    @Test func aThreeHourSessionTakesUnderFiftyBytesAKeystroke() {
        let e = Event(seq: 99_999, at: 10_799.999, kind: .notesEdited(stage: 6, edit: .insert("x", at: TextPosition(line: 120, column: 300))))
        #expect(RecordingFormat.line(e).utf8.count + 1 < 50)
    }

    @Test(arguments: [
        ("12:30", 750.0), ("0:05", 5.0), ("1:02:03", 3723.0), ("90", 90.0), ("2:5.5", 125.5),
    ])
    func timesAreReadAsMinutesAndSeconds(text: String, seconds: Double) {
        #expect(SessionText.parseTime(text) == seconds)
    }

    @Test(arguments: ["", "12:", "1:60", "abc", "-1:00", "1:2:3:4", "1e9", "99999999999:00"])
    func badTimesAreRefused(text: String) {
        #expect(SessionText.parseTime(text) == nil)
    }
}

/// The JSON parser that reads recordings: limits instead of crashes.
@Suite struct RecordingJSONTests {
    @Test(arguments: [
        ("[1,2.5,\"a\",true,false,null,{\"k\":[]}]", true),
        ("[1,2", false), ("[01]", false), ("[1,]", false), ("{\"a\":1,\"a\":2}", false), ("[\"\\ud800\"]", false),
        ("[1e999]", false), ("[\"a\u{01}\"]", false), ("[-]", false), ("[+1]", false), ("[1.2.3]", false), ("[tru]", false),
        ("[\"\\u00e9\\n\\\"\"]", true), ("[\"\\ud83d\\ude00\"]", true), ("[] x", false),
    ])
    func parsesValidJSONAndRefusesTheRest(text: String, valid: Bool) {
        #expect(((try? JSONParser.parse(text)) != nil) == valid)
    }

    @Test func deepNestingIsRefusedWithoutRecursingForever() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        #expect(throws: JSONError.self) { try JSONParser.parse(bytes) }
        let overlong: [UInt8] = Array("[\"".utf8) + [0xC0, 0xAF] + Array("\"]".utf8)
        #expect(throws: JSONError.self) { try JSONParser.parse(overlong) }
    }

    @Test func hugeNumbersAreNotIntegers() {
        #expect(JSONValue.number(1e300).int == nil)
        #expect(JSONValue.number(2.5).int == nil)
        #expect(JSONValue.number(42).int == 42)
        #expect(throws: JSONError.self) { try JSONParser.parse("[" + String(repeating: "9", count: 500) + "]") }
    }
}

/// The sketch's events go through the recording like any other, and show up in `mlsd show`.
@Suite struct RecordingSketchTests {
    let scenario = Fixtures.tiny()

    func sketchSession() -> [Event] {
        var e = Engine(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
        var out = e.handle(.start, at: 0)
        out += e.handle(.sketch(.addBox(label: "Feature store", kind: .store, at: SketchPoint(x: 2, y: 1))), at: 1)
        out += e.handle(.sketch(.addBox(label: "Ranker", kind: .model, at: SketchPoint(x: 30, y: 1))), at: 2)
        out += e.handle(.sketch(.addArrow(from: 1, to: 2, label: "features")), at: 3)
        out += e.handle(.sketch(.move(id: 2, to: SketchPoint(x: 32, y: 4), continuing: false)), at: 4)
        out += e.handle(.sketch(.undo), at: 5)
        out += e.handle(.sketch(.redo), at: 6)
        return out
    }

    @Test func sketchEventsReadBackAsTheyWereWritten() throws {
        let events = sketchSession()
        #expect(events.contains { if case .sketchEdited = $0.kind { return true }; return false })
        #expect(events.contains { $0.kind == .sketchUndone })
        let text = SessionScript.file(scenario, events: events)
        let r = try RecordingReader.parse(text, path: "s.mlsd")
        #expect(r.issues.isEmpty && r.unknownKinds == 0)
        #expect(r.events == events)
        let line = text.split(separator: "\n").first { $0.contains("sketchEdited") }
        #expect(line?.hasPrefix("[3,1.000,\"sketchEdited\",{") == true, "\(line ?? "")")
    }

    @Test func showDrawsTheSketchAsItWasAtThatMoment() throws {
        let events = sketchSession()
        let r = try RecordingReader.parse(SessionScript.file(scenario, events: events), path: "s.mlsd")
        let replay = try Replay(recording: r)
        let early = replay.snapshots.state(after: replay.snapshots.count(atOrBefore: 1.5))
        let late = replay.snapshots.final
        let a = SessionText.describe(r, session: early, at: 1.5)
        let b = SessionText.describe(r, session: late, at: 6)
        #expect(a.contains("Sketch · 1 box · 0 arrows"))
        #expect(a.contains("Feature store") && !a.contains("Ranker"))
        #expect(b.contains("Sketch · 2 boxes · 1 arrow"))
        #expect(b.contains("Ranker"))
    }
}
