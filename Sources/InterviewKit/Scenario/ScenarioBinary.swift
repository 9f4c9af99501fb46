/// A compact binary form of a `Scenario`, for the case cache (see `ScenarioCache`).
///
/// Written and read by hand rather than through `Codable`: on a cold start, `JSONDecoder`
/// spends most of its time instantiating generic containers for each type (about 1.5 ms for
/// one case), while this reads the bytes straight into the values (about 0.1 ms). Lengths and
/// numbers are LEB128 varints, strings are a length and UTF-8, doubles their 8 bytes. A
/// reader checks every length against what is left and returns nil on anything malformed,
/// so a damaged cache entry is only a miss. A test round-trips every bundled case.
public enum ScenarioBinary {
    /// Changes whenever the layout below does.
    static let layout: UInt8 = 1

    public static func encode(_ s: Scenario) -> [UInt8] {
        var w = Writer()
        w.byte(layout)
        w.string(s.id); w.string(s.title); w.string(s.summary); w.string(s.problem)
        w.int(s.minutes)
        w.array(s.levels) { w, l in w.string(l.rawValue) }
        w.array(s.facts) { w, f in w.string(f.id); w.string(f.topic); w.strings(f.asks); w.string(f.answer) }
        w.array(s.stages) { w, st in
            w.string(st.kind.rawValue); w.string(st.prompt); w.int(st.share)
            w.array(st.checklist) { w, c in w.string(c.id); w.string(c.point); w.strings(c.signals); w.string(c.answer); w.strings(c.tags) }
            w.array(st.followUps) { w, f in
                w.string(f.id); w.string(f.ask)
                switch f.trigger {
                case .enter: w.byte(0)
                case .at(let x): w.byte(1); w.double(x)
                case .missing(let x, let items): w.byte(2); w.double(x); w.strings(items)
                case .mention(let ps): w.byte(3); w.strings(ps)
                }
                w.array(f.levels) { w, l in w.string(l.rawValue) }
            }
            w.strings(st.hints)
        }
        w.array(s.rubric) { w, r in
            w.string(r.id); w.string(r.title)
            w.array(r.stages) { w, k in w.string(k.rawValue) }
            w.string(r.veryWeak); w.string(r.weak); w.string(r.strong); w.string(r.veryStrong)
        }
        w.array(s.pitfalls) { w, p in
            w.string(p.id); w.string(p.text)
            switch p.when {
            case .mention(let ps): w.byte(0); w.strings(ps)
            case .missing(let ids): w.byte(1); w.strings(ids)
            }
        }
        w.string(s.referenceArchitecture)
        return w.bytes
    }

    /// The case, or nil when the bytes are not one this layout wrote.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Scenario? {
        var r = Reader(bytes)
        guard r.byte() == layout else { return nil }
        guard let id = r.string(), let title = r.string(), let summary = r.string(), let problem = r.string(),
              let minutes = r.int(),
              let levels = r.array({ r in r.string().flatMap(Level.init(rawValue:)) }),
              let facts = r.array({ r -> Fact? in
                  guard let id = r.string(), let topic = r.string(), let asks = r.strings(), let answer = r.string() else { return nil }
                  return Fact(id: id, topic: topic, asks: asks, answer: answer)
              }),
              let stages = r.array({ r -> Stage? in
                  guard let kind = r.string().flatMap(StageKind.init(rawValue:)), let prompt = r.string(), let share = r.int(),
                        let checklist = r.array({ r -> ChecklistItem? in
                            guard let id = r.string(), let point = r.string(), let signals = r.strings(), let answer = r.string(),
                                  let tags = r.strings() else { return nil }
                            return ChecklistItem(id: id, point: point, signals: signals, answer: answer, tags: tags)
                        }),
                        let followUps = r.array({ r -> FollowUp? in
                            guard let id = r.string(), let ask = r.string(), let t = r.byte() else { return nil }
                            let trigger: Trigger
                            switch t {
                            case 0: trigger = .enter
                            case 1: guard let x = r.double() else { return nil }; trigger = .at(x)
                            case 2: guard let x = r.double(), let items = r.strings() else { return nil }; trigger = .missing(at: x, items: items)
                            case 3: guard let ps = r.strings() else { return nil }; trigger = .mention(ps)
                            default: return nil
                            }
                            guard let levels = r.array({ r in r.string().flatMap(Level.init(rawValue:)) }) else { return nil }
                            return FollowUp(id: id, ask: ask, trigger: trigger, levels: levels)
                        }),
                        let hints = r.strings() else { return nil }
                  return Stage(kind: kind, prompt: prompt, share: share, checklist: checklist, followUps: followUps, hints: hints)
              }),
              let rubric = r.array({ r -> RubricArea? in
                  guard let id = r.string(), let title = r.string(),
                        let stages = r.array({ r in r.string().flatMap(StageKind.init(rawValue:)) }),
                        let a = r.string(), let b = r.string(), let c = r.string(), let d = r.string() else { return nil }
                  return RubricArea(id: id, title: title, stages: stages, veryWeak: a, weak: b, strong: c, veryStrong: d)
              }),
              let pitfalls = r.array({ r -> Pitfall? in
                  guard let id = r.string(), let text = r.string(), let t = r.byte(), let list = r.strings() else { return nil }
                  switch t {
                  case 0: return Pitfall(id: id, text: text, when: .mention(list))
                  case 1: return Pitfall(id: id, text: text, when: .missing(list))
                  default: return nil
                  }
              }),
              let reference = r.string(), r.atEnd else { return nil }
        return Scenario(id: id, title: title, summary: summary, problem: problem, minutes: minutes, levels: levels, facts: facts,
                        stages: stages, rubric: rubric, pitfalls: pitfalls, referenceArchitecture: reference)
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func byte(_ b: UInt8) { bytes.append(b) }
        mutating func int(_ v: Int) {
            var u = UInt64(bitPattern: Int64(v))
            while u >= 0x80 { bytes.append(UInt8(u & 0x7F) | 0x80); u >>= 7 }
            bytes.append(UInt8(u))
        }
        mutating func double(_ d: Double) { withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes += $0 } }
        mutating func string(_ s: String) { int(s.utf8.count); bytes += s.utf8 }
        mutating func strings(_ ss: [String]) { array(ss) { w, s in w.string(s) } }
        mutating func array<T>(_ xs: [T], _ each: (inout Writer, T) -> Void) {
            int(xs.count)
            for x in xs { each(&self, x) }
        }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0
        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
        var atEnd: Bool { at == bytes.count }

        mutating func byte() -> UInt8? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return bytes[at]
        }
        mutating func int() -> Int? {
            var u: UInt64 = 0, shift: UInt64 = 0
            while let b = byte() {
                u |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return Int(Int64(bitPattern: u)) }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        mutating func double() -> Double? {
            guard bytes.count - at >= 8 else { return nil }
            defer { at += 8 }
            return Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
        }
        mutating func string() -> String? {
            guard let n = int(), n >= 0, n <= bytes.count - at else { return nil }
            defer { at += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
        }
        mutating func strings() -> [String]? { array { $0.string() } }
        /// An array whose every element reads; the count is checked against the bytes left
        /// (each element takes at least one), so a damaged count cannot ask for a huge array.
        mutating func array<T>(_ each: (inout Reader) -> T?) -> [T]? {
            guard let n = int(), n >= 0, n <= bytes.count - at else { return nil }
            var out: [T] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                guard let x = each(&self) else { return nil }
                out.append(x)
            }
            return out
        }
    }
}
