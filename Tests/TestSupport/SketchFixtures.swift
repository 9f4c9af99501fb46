import InterviewKit

/// Sketches the tests share: built through the engine, as a candidate would build them.
public struct SketchScript {
    public private(set) var engine: Engine
    public private(set) var time: Double = 1

    /// A started session of the tiny case (or `scenario`), with an empty sketch.
    public init(scenario: Scenario = Fixtures.tiny()) {
        engine = Engine(scenario: scenario, settings: Settings(minutes: 45, level: .senior))
        _ = engine.handle(.start, at: 0)
    }

    public var sketch: Sketch { engine.session.sketch }
    public var session: Session { engine.session }

    /// Runs a sketch command; returns its events (empty when refused).
    @discardableResult
    public mutating func run(_ c: SketchCommand) -> [Event] {
        time += 1
        return engine.handle(.sketch(c), at: time)
    }

    /// Adds a box and returns its id.
    @discardableResult
    public mutating func box(_ label: String, _ kind: BoxKind = .service, at x: Int, _ y: Int) -> Int {
        SketchScript.id(run(.addBox(label: label, kind: kind, at: SketchPoint(x: x, y: y))))
    }

    /// Adds an arrow and returns its id.
    @discardableResult
    public mutating func arrow(_ from: Int, _ to: Int, _ label: String = "") -> Int {
        SketchScript.id(run(.addArrow(from: from, to: to, label: label)))
    }

    @discardableResult
    public mutating func text(_ words: String, at x: Int, _ y: Int) -> Int {
        SketchScript.id(run(.addText(words, at: SketchPoint(x: x, y: y))))
    }

    /// The id of the element a `sketchEdited` event made (-1 when there is none).
    public static func id(_ events: [Event]) -> Int {
        for e in events { if case .sketchEdited(let edit, _) = e.kind { return edit.id } }
        return -1
    }

    /// A recommender sketch with every box kind, labelled and unlabelled arrows, a detour around
    /// a box, a crossing, a wide-character label and free text.
    public static func recommender() -> SketchScript {
        var s = SketchScript()
        let client = s.box("mobile app", .client, at: 0, 0)
        let api = s.box("API gateway", at: 22, 0)
        let cand = s.box("candidate generation", at: 22, 8)
        let rank = s.box("ranker", .model, at: 56, 4)
        let fs = s.box("feature store", .store, at: 56, 12)
        let events = s.box("event stream", .queue, at: 0, 12)
        let wh = s.box("データ warehouse", .store, at: 22, 16)
        s.arrow(client, api, "HTTPS")
        s.arrow(api, cand, "user id")
        s.arrow(cand, rank, "500 items")
        s.arrow(fs, rank)
        s.arrow(rank, api, "top 50")
        s.arrow(client, events, "clicks")
        s.arrow(events, wh)
        s.arrow(wh, fs, "daily")
        s.text("offline: daily batch", at: 0, 20)
        return s
    }

    /// Labels that break naive exporters: quotes, backslashes, keywords, entity look-alikes, pipes.
    public static func awkward() -> SketchScript {
        var s = SketchScript()
        let a = s.box("say \"hi\"", at: 0, 0)
        let b = s.box("a\\b \\N end", .store, at: 24, 0)
        let c = s.box("graph", .queue, at: 0, 6)
        let d = s.box("#1 <b>tag</b> & co", .model, at: 24, 6)
        let e = s.box("o-ring x|y `tick`", .client, at: 50, 3)
        s.arrow(a, b, "end")
        s.arrow(b, d, "x|y \"q\"")
        s.arrow(c, d, "#35; %% not a comment")
        s.arrow(d, e, "a\\nb")
        s.arrow(a, c)
        s.text("note: {curly} [square]", at: 0, 10)
        return s
    }
}
