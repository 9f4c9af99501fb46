import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A coach's comments and scores for one recording, kept in a file beside it
/// (`NAME.coach.json` for `NAME.mlsd`); the candidate's events are never changed.
public struct CoachNotes: Codable, Equatable, Sendable {
    public var format = "mlsd-coach"
    public var version = 1
    /// The file name of the recording these notes are about.
    public var recording: String
    public var comments: [Comment] = []
    public var scores: [Score] = []

    /// A remark at a moment of the recording.
    public struct Comment: Codable, Equatable, Sendable {
        /// Recording time in seconds.
        public var at: Double
        /// The stage the candidate was in.
        public var stage: Int
        public var text: String
        public init(at: Double, stage: Int, text: String) { self.at = at; self.stage = stage; self.text = text }
    }

    /// The coach's rating of one rubric area on the 4-point scale, with a note.
    public struct Score: Codable, Equatable, Sendable {
        public var area: String
        /// 1 very weak · 2 weak · 3 strong · 4 very strong.
        public var score: Int
        public var note: String
        public init(area: String, score: Int, note: String = "") { self.area = area; self.score = score; self.note = note }
    }

    public init(recording: String) { self.recording = recording }

    /// Largest coach file read (a real one is a few kilobytes).
    public static let maxFileBytes = 4 * 1024 * 1024
    public static let maxTextLength = 10_000

    /// Where the coach notes of a recording live.
    public static func path(for recordingPath: String) -> String {
        let ext = "." + RecordingFormat.fileExtension
        let stem = recordingPath.hasSuffix(ext) ? String(recordingPath.dropLast(ext.count)) : recordingPath
        return stem + ".coach.json"
    }

    /// Comments in time order.
    public var sortedComments: [Comment] { comments.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element) }

    public mutating func addComment(at t: Double, stage: Int, text: String) {
        let clean = String(text.trimmed.prefix(Self.maxTextLength))
        guard !clean.isEmpty else { return }
        comments.append(Comment(at: t, stage: stage, text: clean))
    }

    public func score(for area: String) -> Score? { scores.first { $0.area == area } }

    public mutating func setScore(area: String, score: Int? = nil, note: String? = nil) {
        var s = self.score(for: area) ?? Score(area: area, score: 0)
        if let v = score { s.score = min(4, max(0, v)) }
        if let n = note { s.note = String(n.prefix(Self.maxTextLength)) }
        scores.removeAll { $0.area == area }
        scores.append(s)
    }

    /// Reads the notes beside a recording; nil when there are none yet.
    public static func load(forRecording recordingPath: String) throws(RecordingError) -> CoachNotes? {
        let p = path(for: recordingPath)
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        guard let data = FileManager.default.contents(atPath: p) else {
            throw RecordingError(path: p, line: nil, message: "cannot read the coach's notes", fix: "check that the file is readable")
        }
        if data.count > maxFileBytes {
            throw RecordingError(path: p, line: nil, message: "the coach's notes are \(data.count) bytes (at most \(maxFileBytes))", fix: "this is not a file mlsd wrote; move it away")
        }
        // The limited parser first: depth and UTF-8 are checked before Foundation sees the bytes.
        do {
            _ = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(JSONError) -> JSONValue in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) }
        } catch {
            throw RecordingError(path: p, line: nil, message: "the coach's notes are not valid JSON: \(error)", fix: "fix or move the file; the recording itself is not affected")
        }
        var notes: CoachNotes
        do { notes = try JSONDecoder().decode(CoachNotes.self, from: data) } catch {
            throw RecordingError(path: p, line: nil, message: "the coach's notes cannot be read (\(RecordingFormat.describe(error)))", fix: "fix or move the file; the recording itself is not affected")
        }
        guard notes.format == "mlsd-coach" else {
            throw RecordingError(path: p, line: nil, message: "not an mlsd coach file", fix: "move it away")
        }
        notes.comments = notes.comments.filter { $0.at.isFinite && $0.at >= 0 && $0.at <= RecordingFormat.maxTime }
        notes.scores = notes.scores.filter { (0...4).contains($0.score) }
        return notes
    }

    /// Writes the notes beside the recording (a new file renamed over the old one).
    public func save(forRecording recordingPath: String) throws {
        let p = Self.path(for: recordingPath)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(self).write(to: URL(fileURLWithPath: p), options: .atomic)
    }

    // MARK: the coach's report

    /// The coach's report: scores and comments in time order, beside the automatic report.
    public func markdown(report: Report, recording: Recording, date: String? = nil) -> String {
        let sc = recording.scenario
        var o = "# \(report.title): coach's report\n\n"
        o += "- Recording: `\(recording.path.lastPathPart)`"
        if !recording.header.created.isEmpty { o += " · recorded \(recording.header.created)" }
        o += "\n- \(recording.finished ? "Finished" : "Interrupted") · \(report.minutes) min · level \(report.level.rawValue) · time used \(Report.clock(report.elapsed))\n"
        if let d = date { o += "- Report written \(d)\n" }
        o += "\n## Coach's scores\n\n| area | coach | note | automatic estimate |\n|---|---|---|---|\n"
        for area in sc.rubric {
            let auto = report.rubric.first { $0.id == area.id }
            let c = score(for: area.id)
            let coach = (c.map { $0.score > 0 ? "\($0.score)/4 \(Report.ratingLabels[$0.score])" : "—" }) ?? "—"
            o += "| \(cell(area.title)) | \(coach) | \(cell(c?.note ?? "")) | \(auto.map { "\($0.score)/4 \($0.label)" } ?? "—") |\n"
        }
        let rated = scores.filter { $0.score > 0 }
        if !rated.isEmpty {
            let mean = Double(rated.reduce(0) { $0 + $1.score }) / Double(rated.count)
            o += "\nCoach's mean: \(decimals(mean, 1))/4 over \(rated.count) area\(rated.count == 1 ? "" : "s").\n"
        }
        o += "\n## Comments in time order\n\n"
        if comments.isEmpty { o += "No comments.\n" }
        for c in sortedComments {
            let stage = c.stage >= 0 && c.stage < sc.stages.count ? sc.stages[c.stage].title : "?"
            o += "- **\(Report.clock(c.at))** (\(stage)) \(c.text.replacing("\n", with: " "))\n"
        }
        o += "\n---\n\n"
        // The automatic report follows, one heading level down.
        let auto = report.markdown().split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("#") ? "#" + line : String(line)
        }
        o += auto.joined(separator: "\n")
        return SafeText.visible(o, keepNewlines: true)
    }

    func cell(_ s: String) -> String { s.replacing("|", with: "\\|").replacing("\n", with: " ") }
}
