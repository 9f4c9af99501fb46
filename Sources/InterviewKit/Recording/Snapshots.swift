/// The session state at any point of a recording, fast: the fold is saved every `interval`
/// events, so that reaching any moment (backwards as easily as forwards) is the nearest saved
/// state plus a short fold. The fold defers the coverage scan and catches it up only for the
/// states it keeps or returns (the result is the same as scanning each edit, at a tenth of the cost).
public struct Snapshots: Sendable {
    public let events: [Event]
    /// `states[k]` is the state after `k * interval` events.
    let states: [Session]
    public let interval: Int
    /// The state after every event.
    public let final: Session

    /// How much text the fold may copy (the edited lines, summed over the edits) before a file is
    /// refused as hostile: a real 3-hour session copies about 20 MB.
    public static let workLimit = 1_000_000_000

    /// Why a recording could not be folded.
    public struct TooMuchWork: Error, Sendable {
        public var eventIndex: Int
    }

    public init(scenario: Scenario, settings: Settings, events: [Event], interval: Int = 256, workLimit: Int = Snapshots.workLimit) throws(TooMuchWork) {
        self.events = events
        self.interval = max(1, interval)
        var s = Session(scenario: scenario, settings: settings)
        s.deferCoverage()
        var saved: [Session] = [s]
        saved.reserveCapacity(events.count / self.interval + 1)
        var work = 0
        for (k, e) in events.enumerated() {
            s.apply(e)
            // What the coverage scan just read: the edited paragraph(s).
            // (An undo or redo applies a whole step, a paste as much as the paste did.)
            var edited: (stage: Int, edit: TextEdit)?
            switch e.kind {
            case .notesEdited(let st, let edit): edited = (st, edit)
            case .notesUndone(let st) where s.notesHistory.indices.contains(st), .notesRedone(let st) where s.notesHistory.indices.contains(st):
                edited = s.notesHistory[st].lastApplied.map { (st, $0) }
            default: break
            }
            if let (st, edit) = edited {
                let doc = s.notes[st]
                let first = min(edit.from.line, edit.to.line, doc.lines.count - 1)
                work += doc.lines[max(0, first)].utf8.count + edit.text.utf8.count
                if work > workLimit { throw TooMuchWork(eventIndex: k) }
            }
            if (k + 1) % self.interval == 0 { s.catchUpCoverage(); saved.append(s) }
        }
        s.catchUpCoverage()
        states = saved
        final = s
    }

    /// The state after the first `count` events.
    public func state(after count: Int) -> Session {
        let c = min(max(0, count), events.count)
        if c == events.count { return final }
        let k = c / interval
        var s = states[k]
        var i = k * interval
        while i < c { s.apply(events[i]); i += 1 }
        s.catchUpCoverage()
        return s
    }

    /// Brings `state`, which holds the first `from` events, to the first `to` events: forwards by
    /// folding when that is short, otherwise from the nearest saved state.
    public func advance(_ state: inout Session, from: Int, to: Int) {
        let to = min(max(0, to), events.count)
        if to >= from && to - from <= interval {
            var i = from
            while i < to { state.apply(events[i]); i += 1 }
            state.catchUpCoverage()
        } else {
            state = self.state(after: to)
        }
    }

    /// How many events happened at or before recording time `t`.
    public func count(atOrBefore t: Double) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].at <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
