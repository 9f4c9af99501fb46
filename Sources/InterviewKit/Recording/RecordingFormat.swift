import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The session file format (docs/recording-format.md): one header line, then one event per line.
public enum RecordingFormat {
    /// The `format` value of the header line.
    public static let name = "mlsd-session"
    /// The version this program writes; a reader refuses a higher one.
    public static let version = 1
    /// The file name extension of recordings.
    public static let fileExtension = "mlsd"

    // Limits against hostile files: each is far above what a real session produces.
    /// The whole file (a 3-hour session is about 4 MB).
    public static let maxFileBytes = 256 * 1024 * 1024
    /// The header line (it carries the scenario, at most 2 MB as YAML).
    public static let maxHeaderBytes = 8 * 1024 * 1024
    /// One event line (a very large paste).
    public static let maxEventBytes = 4 * 1024 * 1024
    /// Sequence numbers, line and column numbers.
    public static let maxIndex = 100_000_000
    /// Seconds since the session began (about four months).
    public static let maxTime = 10_000_000.0
    /// Interview length in minutes.
    public static let maxMinutes = 600
    /// Stages of a case.
    public static let maxStages = 32

    // MARK: events

    /// One event as a line (without the newline): `[seq, t, code, …]`.
    ///
    /// Notes edits, nearly every event of a session, are short arrays; every other event is
    /// `[seq, t, name, {fields}]` with the event's name and fields as the `Event.Kind` cases have them.
    /// `line(e) + "\n"` as bytes, appended to `out` without building a String, for the event
    /// typing makes (an insertion of plain text); nil for any other event (use `line`).
    public static func typedLine(_ e: Event, into out: inout [UInt8]) -> Bool {
        guard let cap = typedLineCapacity(e) else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cap) { buf in
            guard let n = typedLine(e, into: buf) else { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[..<n]))
            return true
        }
    }

    /// Room enough for `typedLine` of `e`, or nil when `e` does not take the shortcut.
    @inline(__always)
    public static func typedLineCapacity(_ e: Event) -> Int? {
        guard case .notesEdited(_, let edit) = e.kind, edit.from == edit.to else { return nil }
        return edit.text.utf8.count + 5 * 21 + 32   // five numbers of up to 21 bytes, 18 fixed bytes
    }

    /// `typedLine` into a buffer of `typedLineCapacity(e)` bytes, with no allocation; the byte
    /// count, or nil when the event needs the general encoder.
    public static func typedLine(_ e: Event, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard case .notesEdited(let stage, let edit) = e.kind, edit.from == edit.to else { return nil }
        for b in edit.text.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b >= 0x7F { return nil }
        var n = 0
        @inline(__always) func put(_ b: UInt8) { out[n] = b; n += 1 }
        // One copy of the digits loop, called five times: inlined five times it was most of the
        // code this runs on every key.
        @inline(__always) func int(_ v: Int) { n = decimal(v, into: out, at: n) }
        put(0x5B)                                     // [
        int(e.seq); put(0x2C)
        let ms = Event.milliseconds(e.at)
        int(ms / 1000); put(0x2E)
        let f = ms % 1000
        put(UInt8(0x30 + f / 100)); put(UInt8(0x30 + f / 10 % 10)); put(UInt8(0x30 + f % 10))
        put(0x2C); put(0x22); put(0x69); put(0x22); put(0x2C)   // ,"i",
        int(stage); put(0x2C)
        int(edit.from.line); put(0x2C)
        int(edit.from.column); put(0x2C)
        put(0x22)
        for b in edit.text.utf8 { put(b) }
        put(0x22); put(0x5D); put(0x0A)               // "]\n
        return n
    }

    /// Writes `v` in decimal into `out` at `at`; the index after it.
    @inline(never)
    static func decimal(_ v: Int, into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var n = at
        var u = v.magnitude
        if v < 0 { out[n] = 0x2D; n += 1 }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var k = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[k] = UInt8(0x30 + u % 10); u /= 10; k += 1 } while u > 0
            while k > 0 { k -= 1; out[n] = d[k]; n += 1 }
        }
        return n
    }

    public static func line(_ e: Event) -> String {
        var o = "["
        o += String(e.seq)
        o += ","
        JSONWriter.seconds(e.at, into: &o)
        switch e.kind {
        case .notesEdited(let stage, let edit):
            if edit.from == edit.to {
                o += ",\"i\","
                o += String(stage); o += ","
                o += String(edit.from.line); o += ","
                o += String(edit.from.column); o += ","
            } else {
                o += ",\"e\","
                o += String(stage); o += ","
                o += String(edit.from.line); o += ","
                o += String(edit.from.column); o += ","
                o += String(edit.to.line); o += ","
                o += String(edit.to.column); o += ","
            }
            JSONWriter.string(edit.text, into: &o)
        default:
            let (name, fields) = named(e.kind)
            o += ","
            JSONWriter.string(name, into: &o)
            o += ","
            fields.write(into: &o)
        }
        o += "]"
        return o
    }

    /// An event kind's name and fields, through its `Codable` form (`{"name": {fields}}`).
    static func named(_ kind: Event.Kind) -> (String, JSONValue) {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let data = try? enc.encode(kind),
              let v = try? data.withUnsafeBytes({ (raw: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue in
                  try JSONParser.parse(raw.bindMemory(to: UInt8.self))
              }),
              let obj = v.object, obj.count == 1, let (name, fields) = obj.first
        else { return ("unknown", .object([:])) }
        return (name, fields)
    }

    /// Why an event line was not taken.
    public enum LineProblem: Error, Equatable {
        /// Not understood at all.
        case invalid(String)
        /// A well-formed event of a kind this program does not know (from a newer version).
        case unknownKind(String)
    }

    /// Reads one event line's JSON; checks every number against the limits and the scenario.
    public static func event(_ v: JSONValue, scenario: Scenario) throws(LineProblem) -> Event {
        guard let a = v.array, a.count >= 3 else { throw .invalid("an event must be an array [seq, time, kind, …]") }
        guard let seq = a[0].int, seq >= 1, seq <= maxIndex else { throw .invalid("the sequence number is missing or out of range") }
        guard let t = a[1].number, t >= 0, t <= maxTime else { throw .invalid("the time is missing or out of range (0 to \(Int(maxTime)) s)") }
        guard let code = a[2].string else { throw .invalid("the event kind is not text") }
        let stages = scenario.stages.count
        func index(_ k: Int) throws(LineProblem) -> Int {
            guard k < a.count, let n = a[k].int, n >= 0, n <= maxIndex else { throw .invalid("field \(k + 1) must be a whole number from 0 to \(maxIndex)") }
            return n
        }
        func stage(_ k: Int) throws(LineProblem) -> Int {
            let s = try index(k)
            guard s < stages else { throw .invalid("stage \(s) does not exist (the case has \(stages))") }
            return s
        }
        func text(_ k: Int) throws(LineProblem) -> String {
            guard k < a.count, let s = a[k].string else { throw .invalid("field \(k + 1) must be text") }
            return s
        }
        switch code {
        case "i":
            guard a.count == 7 else { throw .invalid("an insert has 7 fields") }
            let p = TextPosition(line: try index(4), column: try index(5))
            return Event(seq: seq, at: t, kind: .notesEdited(stage: try stage(3), edit: .insert(try text(6), at: p)))
        case "e":
            guard a.count == 9 else { throw .invalid("an edit has 9 fields") }
            let from = TextPosition(line: try index(4), column: try index(5))
            let to = TextPosition(line: try index(6), column: try index(7))
            return Event(seq: seq, at: t, kind: .notesEdited(stage: try stage(3), edit: TextEdit(from: from, to: to, text: try text(8))))
        default:
            guard a.count == 4, let fields = a[3].object else { throw .invalid("an event `\(SafeText.visible(code))` must be [seq, time, name, {fields}]") }
            let json = JSONValue.object([code: .object(fields)]).text
            let kind: Event.Kind
            do { kind = try JSONDecoder().decode(Event.Kind.self, from: Data(json.utf8)) } catch {
                if knownNames.contains(code) { throw .invalid("the fields of `\(code)` are not valid") }
                throw .unknownKind(code)
            }
            try check(kind, scenario: scenario)
            return Event(seq: seq, at: t, kind: kind)
        }
    }

    /// Names of the event kinds this program writes.
    static let knownNames: Set<String> = ["started", "stageEntered", "notesEdited", "followUpAsked", "clarificationAsked",
                                          "hintShown", "paused", "resumed", "stageOverrun", "ended", "notesUndone", "notesRedone",
                                          "sketchEdited", "sketchUndone", "sketchRedone"]

    /// Checks the fields of a decoded event against the scenario, so that the fold and the views
    /// never index out of range.
    static func check(_ kind: Event.Kind, scenario s: Scenario) throws(LineProblem) {
        let n = s.stages.count
        func stage(_ i: Int) throws(LineProblem) { if i < 0 || i >= n { throw .invalid("stage \(i) does not exist (the case has \(n))") } }
        switch kind {
        case .started(let minutes, _):
            if minutes < 1 || minutes > maxMinutes { throw .invalid("a length of \(minutes) minutes is out of range (1 to \(maxMinutes))") }
        case .stageEntered(let i), .stageOverrun(let i), .notesUndone(let i), .notesRedone(let i): try stage(i)
        case .notesEdited(let i, let e):
            try stage(i)
            for v in [e.from.line, e.from.column, e.to.line, e.to.column] where v < 0 || v > maxIndex { throw .invalid("a position is out of range") }
        case .followUpAsked(let i, let id):
            try stage(i)
            if !s.stages[i].followUps.contains(where: { $0.id == id }) { throw .invalid("follow-up `\(SafeText.visible(id))` is not in stage \(i + 1) of the case") }
        case .clarificationAsked(let i, _, let fact):
            try stage(i)
            if let f = fact, !s.facts.contains(where: { $0.id == f }) { throw .invalid("fact `\(SafeText.visible(f))` is not in the case") }
        case .hintShown(let i, let level):
            try stage(i)
            if level < 1 || level > s.stages[i].hints.count { throw .invalid("hint \(level) does not exist in stage \(i + 1)") }
        default: break
        }
    }

    // MARK: header

    /// Everything before the events: what made the file, when, the case and the settings.
    public struct Header: Sendable, Equatable {
        public var version: Int
        /// The program that wrote the file, like `mlsd 0.1.0`.
        public var program: String
        /// When the session began (UTC, ISO 8601), as the program's wall clock said.
        public var created: String
        public var settings: Settings
        /// The case as it was when the session began.
        public var scenario: Scenario

        public init(program: String, created: Date, settings: Settings, scenario: Scenario) {
            version = RecordingFormat.version
            self.program = program
            self.created = RecordingFormat.iso8601(created)
            self.settings = settings
            var s = scenario
            s.sourcePath = ""
            self.scenario = s
        }

        init(version: Int, program: String, created: String, settings: Settings, scenario: Scenario) {
            self.version = version; self.program = program; self.created = created; self.settings = settings; self.scenario = scenario
        }

        /// The header line (without the newline).
        public var line: String {
            var o = "{\"format\":"
            JSONWriter.string(RecordingFormat.name, into: &o)
            o += ",\"version\":\(version),\"program\":"
            JSONWriter.string(program, into: &o)
            o += ",\"created\":"
            JSONWriter.string(created, into: &o)
            o += ",\"settings\":{\"minutes\":\(settings.minutes),\"level\":"
            JSONWriter.string(settings.level.rawValue, into: &o)
            o += ",\"solo\":\(settings.solo)},\"scenario\":"
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            // Re-written through JSONValue so that control characters are escaped the same way.
            if let d = try? enc.encode(scenario),
               let v = try? d.withUnsafeBytes({ (raw: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) }) {
                v.write(into: &o)
            } else {
                o += "null"
            }
            o += "}"
            return o
        }
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`, in UTC.
    public static func iso8601(_ d: Date) -> String {
        Date.ISO8601FormatStyle().format(d)
    }

    public static func date(iso8601 s: String) -> Date? {
        try? Date.ISO8601FormatStyle().parse(s)
    }

    /// Reads the header line; the message says what is wrong.
    static func header(_ v: JSONValue) throws(LineProblem) -> Header {
        guard let o = v.object else { throw .invalid("the first line is not a header object") }
        guard o["format"]?.string == name else { throw .invalid("the first line does not say \"format\":\"\(name)\"") }
        guard let version = o["version"]?.int, version >= 1 else { throw .invalid("the header has no valid version") }
        if version > RecordingFormat.version {
            throw .invalid("format version \(version) is newer than this program reads (\(RecordingFormat.version)); update mlsd")
        }
        let program = o["program"]?.string ?? "unknown"
        let created = o["created"]?.string ?? ""
        guard let st = o["settings"]?.object, let minutes = st["minutes"]?.int, minutes >= 1, minutes <= maxMinutes,
              let lv = st["level"]?.string, let level = Level(rawValue: lv) else {
            throw .invalid("the header's settings are missing or out of range (minutes 1 to \(maxMinutes), level mid, senior or staff)")
        }
        var solo = true
        if case .bool(let b)? = st["solo"] { solo = b }
        guard let sc = o["scenario"], sc.object != nil else { throw .invalid("the header has no scenario") }
        let scenario: Scenario
        do { scenario = try JSONDecoder().decode(Scenario.self, from: Data(sc.text.utf8)) } catch {
            throw .invalid("the embedded scenario cannot be read (\(describe(error)))")
        }
        try checkScenario(scenario)
        return Header(version: version, program: program, created: created,
                      settings: Settings(minutes: minutes, level: level, solo: solo), scenario: scenario)
    }

    /// The embedded scenario must be usable by the fold and the views.
    static func checkScenario(_ s: Scenario) throws(LineProblem) {
        if s.stages.isEmpty || s.stages.count > maxStages { throw .invalid("the embedded scenario has \(s.stages.count) stages (1 to \(maxStages) allowed)") }
        for st in s.stages where st.share < 0 || st.share > 1000 { throw .invalid("a stage share of \(st.share) is out of range") }
        let phrases = s.stages.reduce(0) { $0 + $1.checklist.reduce(0) { $0 + $1.signals.count } + $1.followUps.count }
        if phrases > 100_000 { throw .invalid("the embedded scenario is far too large") }
        for st in s.stages {
            for f in st.followUps {
                switch f.trigger {
                case .at(let x), .missing(let x, _): if !x.isFinite { throw .invalid("a follow-up trigger is not a number") }
                default: break
                }
            }
        }
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .keyNotFound(let k, let c): return "missing `\(k.stringValue)` at \(path(c.codingPath))"
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
                return "\(c.debugDescription) at \(path(c.codingPath))"
            @unknown default: return "\(e)"
            }
        }
        return "\(error)"
    }

    static func path(_ p: [CodingKey]) -> String {
        p.isEmpty ? "the top" : p.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
