/// A moment of a recording worth jumping to.
public struct ReplayMarker: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case stage, followUp, hint, question, pause, resume, overrun, end, comment
    }
    /// Recording time in seconds.
    public var at: Double
    public var kind: Kind
    public var stage: Int
    public var label: String
}

/// One stretch of the recording spent in a stage.
public struct StageSpan: Equatable, Sendable {
    public var stage: Int
    public var from: Double
    public var to: Double
}

/// The coach's player: a recording, a play head that moves at a chosen speed (long idle stretches
/// compressed), the session state at the play head, markers and stage spans. Pure: the console
/// hands it the real time that passed.
public struct Replay: Sendable {
    public let recording: Recording
    public let snapshots: Snapshots
    /// Recording time of the play head (seconds since the session began, pauses included).
    public private(set) var time: Double = 0
    /// Events folded into `session`.
    public private(set) var applied = 0
    /// The state at the play head.
    public private(set) var session: Session
    public var playing = false
    public private(set) var speedIndex = 2
    /// Gaps between events longer than this play as this long; nil plays them in full.
    public private(set) var idleLimit: Double?
    public private(set) var coach: CoachNotes
    /// The candidate's markers and the coach's comments, in time order.
    public private(set) var markers: [ReplayMarker] = []
    public let eventMarkers: [ReplayMarker]
    public let stageSpans: [StageSpan]
    /// Compressed play time at each event (for idle compression).
    var compressed: [Double] = []

    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    public static let defaultIdleLimit = 5.0

    public init(recording: Recording, coach: CoachNotes? = nil, idleLimit: Double? = Replay.defaultIdleLimit) throws(Snapshots.TooMuchWork) {
        self.recording = recording
        snapshots = try Snapshots(scenario: recording.scenario, settings: recording.settings, events: recording.events)
        session = snapshots.state(after: 0)
        self.coach = coach ?? CoachNotes(recording: String(recording.path.split(separator: "/").last ?? ""))
        eventMarkers = Replay.markers(of: recording)
        stageSpans = Replay.spans(of: recording)
        self.idleLimit = idleLimit.flatMap { $0 > 0 ? $0 : nil }
        rebuildCompression()
        rebuildMarkers()
        seek(to: 0)
    }

    public var duration: Double { recording.duration }
    public var speed: Double { Replay.speeds[speedIndex] }
    public var atEnd: Bool { time >= duration }

    // MARK: moving the play head

    /// Puts the play head at recording time `t` (clamped to the recording).
    public mutating func seek(to t: Double) {
        let t = min(max(0, t.isFinite ? t : 0), duration)
        let k = snapshots.count(atOrBefore: t)
        snapshots.advance(&session, from: applied, to: k)
        applied = k
        time = t
    }

    public mutating func seek(by dt: Double) { seek(to: time + dt) }

    /// Moves on by `real` seconds of the coach's time while playing; stops at the end.
    public mutating func advance(real: Double) {
        guard playing, real > 0 else { return }
        let c = compressedTime(time) + real * speed
        let t = recordingTime(compressed: c)
        if t >= duration { seek(to: duration); playing = false } else { seek(to: t) }
    }

    public mutating func togglePlay() {
        if !playing && atEnd { seek(to: 0) }
        playing.toggle()
    }

    public mutating func faster() { speedIndex = min(Replay.speeds.count - 1, speedIndex + 1) }
    public mutating func slower() { speedIndex = max(0, speedIndex - 1) }

    public mutating func setIdleLimit(_ limit: Double?) {
        idleLimit = limit.flatMap { $0 > 0 ? $0 : nil }
        rebuildCompression()
    }

    /// The next marker after the play head, if any; the play head moves to it.
    @discardableResult
    public mutating func nextMarker() -> ReplayMarker? {
        guard let m = markers.first(where: { $0.at > time + 0.0005 }) else { return nil }
        seek(to: m.at)
        return m
    }

    /// The marker before the play head (a quarter second of grace, so that pressing it again
    /// while playing goes further back).
    @discardableResult
    public mutating func previousMarker() -> ReplayMarker? {
        let limit = time - (playing ? 1.0 : 0.0005)
        guard let m = markers.last(where: { $0.at < limit }) else { return nil }
        seek(to: m.at)
        return m
    }

    // MARK: the coach's notes

    public mutating func addComment(_ text: String) {
        coach.addComment(at: time, stage: session.stageIndex, text: text)
        rebuildMarkers()
    }

    public mutating func setScore(area: String, score: Int? = nil, note: String? = nil) {
        coach.setScore(area: area, score: score, note: note)
    }

    /// The automatic report of the whole recording.
    public var report: Report { Report(session: snapshots.final, at: duration) }

    // MARK: what the view shows

    /// Stage spans and the current stage's time, at the play head.
    public func span(at t: Double) -> StageSpan? { stageSpans.last { $0.from <= t } }

    /// For the notes of `stage`, the characters typed in the last `window` seconds: line → range
    /// of character offsets in that line of the current text.
    public func recentChanges(stage: Int, window: Double) -> [Int: Range<Int>] {
        guard stage >= 0, stage < session.notes.count else { return [:] }
        let before = snapshots.state(after: snapshots.count(atOrBefore: time - window))
        return TextChanges.changed(old: before.notes[stage].lines, new: session.notes[stage].lines)
    }

    // MARK: building

    mutating func rebuildMarkers() {
        let sc = recording.scenario
        var all = eventMarkers
        for c in coach.comments {
            let stage = c.stage >= 0 && c.stage < sc.stages.count ? c.stage : 0
            all.append(ReplayMarker(at: c.at, kind: .comment, stage: stage, label: "Coach: " + c.text))
        }
        markers = all.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    mutating func rebuildCompression() {
        let ev = recording.events
        compressed = []
        compressed.reserveCapacity(ev.count)
        var c = 0.0, prev = 0.0
        for e in ev {
            let gap = e.at - prev
            c += idleLimit.map { min(gap, $0) } ?? gap
            compressed.append(c)
            prev = e.at
        }
    }

    /// Play time for recording time `t`.
    func compressedTime(_ t: Double) -> Double {
        let k = snapshots.count(atOrBefore: t)          // events at or before t
        let base = k == 0 ? 0 : compressed[k - 1]
        let prev = k == 0 ? 0 : recording.events[k - 1].at
        let into = t - prev
        return base + (idleLimit.map { min(into, $0) } ?? into)
    }

    /// Recording time for play time `c`.
    func recordingTime(compressed c: Double) -> Double {
        // the first event whose compressed time is beyond c
        var lo = 0, hi = compressed.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compressed[mid] <= c { lo = mid + 1 } else { hi = mid }
        }
        let base = lo == 0 ? 0 : compressed[lo - 1]
        let prev = lo == 0 ? 0 : recording.events[lo - 1].at
        if lo == compressed.count { return prev + (c - base) }
        return min(recording.events[lo].at, prev + (c - base))
    }

    /// The candidate's markers: stage changes, follow-ups, hints, questions, pauses, the end.
    public static func markers(of r: Recording) -> [ReplayMarker] {
        let sc = r.scenario
        var out: [ReplayMarker] = []
        var stage = 0
        for e in r.events {
            func add(_ k: ReplayMarker.Kind, _ label: String) {
                out.append(ReplayMarker(at: e.at, kind: k, stage: stage, label: SafeText.visible(label)))
            }
            switch e.kind {
            case .stageEntered(let i):
                stage = i
                add(.stage, "Stage \(i + 1): \(sc.stages[i].title)")
            case .followUpAsked(let i, let id):
                let ask = sc.stages[i].followUps.first { $0.id == id }?.ask ?? id
                add(.followUp, "Follow-up: " + ask)
            case .hintShown(let i, let level): add(.hint, "Hint \(level) of \(sc.stages[i].hints.count) (\(sc.stages[i].title))")
            case .clarificationAsked(_, let q, _): add(.question, "Question: " + q)
            case .paused: add(.pause, "Paused")
            case .resumed: add(.resume, "Resumed")
            case .stageOverrun(let i): add(.overrun, "Over budget: \(sc.stages[i].title)")
            case .ended: add(.end, "Interview ended")
            default: break
            }
        }
        return out
    }

    static func spans(of r: Recording) -> [StageSpan] {
        var out: [StageSpan] = []
        for e in r.events {
            if case .stageEntered(let i) = e.kind {
                if var last = out.popLast() {
                    last.to = e.at
                    if last.to > last.from { out.append(last) }
                }
                out.append(StageSpan(stage: i, from: e.at, to: r.duration))
            }
        }
        if out.isEmpty, !r.events.isEmpty { out.append(StageSpan(stage: 0, from: 0, to: r.duration)) }
        return out
    }
}

/// Where a text changed: the lines and characters of the new text that were not in the old.
public enum TextChanges {
    /// Line → character range of `new` that differs from `old` (common lines at both ends and
    /// common characters at both ends of the changed block are left out).
    public static func changed(old: [String], new: [String]) -> [Int: Range<Int>] {
        if old == new { return [:] }
        var p = 0
        while p < old.count && p < new.count && old[p] == new[p] { p += 1 }
        var s = 0
        while s < old.count - p && s < new.count - p && old[old.count - 1 - s] == new[new.count - 1 - s] { s += 1 }
        let newLines = p..<(new.count - s)
        if newLines.isEmpty { return [:] }   // only deletions
        let oldLines = p..<(old.count - s)
        var out: [Int: Range<Int>] = [:]
        let first = Array(new[newLines.lowerBound])
        let last = Array(new[newLines.upperBound - 1])
        // common characters at the start of the first changed line, at the end of the last
        var pre = 0
        if !oldLines.isEmpty {
            let o = Array(old[oldLines.lowerBound])
            while pre < o.count && pre < first.count && o[pre] == first[pre] { pre += 1 }
        }
        var suf = 0
        if !oldLines.isEmpty {
            let o = Array(old[oldLines.upperBound - 1])
            let limit = newLines.count == 1 ? first.count - pre : last.count
            let oLimit = oldLines.count == 1 ? o.count - pre : o.count
            while suf < limit && suf < oLimit && o[o.count - 1 - suf] == last[last.count - 1 - suf] { suf += 1 }
        }
        for l in newLines {
            let count = new[l].count
            var lo = 0, hi = count
            if l == newLines.lowerBound { lo = pre }
            if l == newLines.upperBound - 1 { hi = count - suf }
            if hi > lo { out[l] = lo..<hi }
        }
        return out
    }
}
