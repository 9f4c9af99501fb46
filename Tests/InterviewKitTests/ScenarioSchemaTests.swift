import Foundation
import InterviewKit
import ScenarioYAML
import Testing
import TestSupport

/// `Scenarios/schema.json`, the JSON Schema editors check case files with, against the bundled cases
/// and against the loader: what one rejects the other must reject too.
///
/// The schema checks run python3 with the `jsonschema` and `yaml` (PyYAML) modules (`scripts/deps.sh`
/// installs them). Without python3 they are skipped locally and fail when `CI` is set.
@Suite struct ScenarioSchemaTests {
    static let schemaPath = Paths.scenarios + "/schema.json"
    static let draft = "https://json-schema.org/draft/2020-12/schema"
    static let header = "# yaml-language-server: $schema=./schema.json"

    static let hasPython = ((try? shellStatus("command -v python3"))?.status ?? 1) == 0
    static let inCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    /// Run when python3 is there, or in CI (where its absence is a failure).
    static var runs: Bool { hasPython || inCI }

    // MARK: (c) the schema itself

    func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "schema.json is not a JSON object")
    }

    @Test func theSchemaIsJSONAndDeclaresDraft2020_12() throws {
        let s = try schema()
        #expect(s["$schema"] as? String == Self.draft)
        #expect(s["type"] as? String == "object")
        #expect(s["additionalProperties"] as? Bool == false)
        #expect(Set(s["required"] as? [String] ?? []) == ["id", "title", "summary", "problem", "stages"])
        let stages = (s["properties"] as? [String: Any])?["stages"] as? [String: Any]
        #expect(stages?["required"] as? [String] == StageKind.allCases.map(\.rawValue))
    }

    /// Descriptions are the editor's tooltips; object schemas reject unknown keys like the loader does.
    @Test func everyPropertyIsDescribedAndEveryObjectIsClosed() throws {
        let s = try schema()
        let defs = s["$defs"] as? [String: Any] ?? [:]
        var undescribed: [String] = [], open: [String] = []
        func described(_ v: [String: Any]) -> Bool {
            if v["description"] is String { return true }
            guard let ref = v["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return false }
            return (defs[String(ref.dropFirst("#/$defs/".count))] as? [String: Any])?["description"] is String
        }
        func walk(_ node: Any, _ path: String) {
            if let d = node as? [String: Any] {
                if let props = d["properties"] as? [String: Any] {
                    for (k, v) in props where !described(v as? [String: Any] ?? [:]) { undescribed.append(path + "/properties/" + k) }
                }
                if d["type"] as? String == "object", d["additionalProperties"] as? Bool != false { open.append(path) }
                for (k, v) in d { walk(v, path + "/" + k) }
            } else if let a = node as? [Any] {
                for (i, v) in a.enumerated() { walk(v, path + "/\(i)") }
            }
        }
        walk(s, "#")
        #expect(undescribed.isEmpty, "properties without a description: \(undescribed.sorted())")
        #expect(open.isEmpty, "object schemas without additionalProperties: false: \(open.sorted())")
    }

    @Test(.enabled(if: ScenarioSchemaTests.runs, "python3 is not installed")) func theSchemaPassesTheDraftMetaSchema() throws {
        guard let result = try Self.schemaErrors([:]) else { return }
        #expect(result.isEmpty)
    }

    // MARK: (a) the bundled cases

    @Test(.enabled(if: ScenarioSchemaTests.runs, "python3 is not installed")) func everyBundledCaseSatisfiesTheSchema() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.scenarios).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!names.isEmpty, "no cases in \(Paths.scenarios)")
        var files: [String: String] = [:]
        for n in names { files[n] = try String(contentsOfFile: Paths.scenarios + "/" + n, encoding: .utf8) }
        // The template `mlsd scenarios new` writes must satisfy the schema as well.
        files["(template) my-case.yaml"] = ScenarioTemplate.text(id: "my-case")
        for (n, text) in files {
            #expect(text.hasPrefix(Self.header + "\n"), "\(n) does not start with `\(Self.header)`")
        }
        guard let result = try Self.schemaErrors(files) else { return }
        for n in files.keys.sorted() {
            let errors = result[n] ?? ["(not checked)"]
            #expect(errors.isEmpty, "\(n) does not satisfy schema.json:\n\(errors.joined(separator: "\n"))")
        }
    }

    // MARK: (b) broken and unusual variants: the schema and the loader agree

    /// A small case that uses every kind of key; the variants below change one thing in it.
    static let base = """
        \(header)
        id: schema-base
        title: Schema test case
        summary: A small case that the loader and the schema both accept.
        problem: Recommend something to someone.
        minutes: 45
        levels: [mid, senior, staff]
        facts:
          - id: scale
            topic: Scale
            asks: [how many users, DAU]
            answer: Ten million a day.
        stages:
          clarify:
            share: 12
            prompt: Ask away.
            checklist:
              - id: goal
                point: Goal
                signals: [goal, business objective]
                answer: State the goal.
            follow_ups:
              - id: why-goal
                ask: Why does the goal matter?
                when: {at: 0.5, missing: [goal]}
                levels: [senior, staff]
            hints:
              - Who pays for this?
          frame:      {share: 12, prompt: Frame it., checklist: [{id: task, point: Task, signals: [ranking], answer: Rank items.}]}
          data:       {share: 18, prompt: "Data?", checklist: [{id: labels, point: Labels, signals: [label], answer: Use clicks.}]}
          model:      {share: 22, prompt: "Model?", checklist: [{id: base, point: Baseline, signals: [baseline], answer: Start simple., tags: [baseline]}]}
          evaluation: {share: 14, prompt: Evaluate., checklist: [{id: ab, point: Online test, signals: [a/b test], answer: Run an A/B test., tags: [online-metric]}]}
          serving:    {share: 12, prompt: Serve., checklist: [{id: lat, point: Latency, signals: [latency], answer: Stay within budget.}]}
          monitoring: {share: 10, prompt: Monitor., checklist: [{id: drift, point: Drift, signals: [drift], answer: Watch drift.}]}
        rubric:
          - id: navigation
            title: Problem navigation
            stages: [clarify, frame]
            very_weak: No questions.
            weak: Few questions.
            strong: Pins down goal and scale.
            very_strong: Also ties constraints to choices.
        pitfalls:
          - id: accuracy
            text: Uses accuracy on rare positives.
            when: {mention: [accuracy]}
        reference_architecture: |
          [client] --> [ranker]

        """

    static let trigger = "when: {at: 0.5, missing: [goal]}"
    static let frameShare = "frame:      {share: 12,"
    static let factsBlock = "facts:\n  - id: scale\n    topic: Scale\n    asks: [how many users, DAU]\n    answer: Ten million a day.\n"

    /// (what is wrong, text to find in `base`, what to put instead)
    static let broken: [(String, String, String)] = [
        ("unknown top-level key", "minutes: 45\n", "minutes: 45\nsumary: x\n"),
        ("unknown key in a checklist point", "answer: State the goal.\n", "answer: State the goal.\n        weight: 2\n"),
        ("unknown key in a rubric area", "weak: Few questions.\n", "weak: Few questions.\n    okay: Some questions.\n"),
        ("unknown stage name", "  monitoring: {", "  monitor: {"),
        ("missing required key", "summary: A small case that the loader and the schema both accept.\n", ""),
        ("rubric area without very_strong", "    very_strong: Also ties constraints to choices.\n", ""),
        ("id with capitals and a space", "id: schema-base", "id: Schema Base"),
        ("id starting with a digit", "- id: scale", "- id: 9scale"),
        ("id with an underscore", "- id: navigation", "- id: problem_navigation"),
        ("id longer than 64 characters", "id: schema-base", "id: a" + String(repeating: "b", count: 64)),
        ("unknown level", "levels: [mid, senior, staff]", "levels: [mid, junior]"),
        ("empty levels", "levels: [mid, senior, staff]", "levels: []"),
        ("unknown follow-up level", "levels: [senior, staff]", "levels: [principal]"),
        ("minutes above 180", "minutes: 45", "minutes: 500"),
        ("minutes below 10", "minutes: 45", "minutes: 5"),
        ("share 0", frameShare, "frame:      {share: 0,"),
        ("share above 90", frameShare, "frame:      {share: 95,"),
        ("share not a whole number", frameShare, "frame:      {share: 12.5,"),
        ("trigger that is not `enter`", trigger, "when: start"),
        ("trigger `Enter` in capitals", trigger, "when: Enter"),
        ("trigger with an unknown key", trigger, "when: {after: 0.5}"),
        ("trigger `at` above 1", trigger, "when: {at: 1.5}"),
        ("trigger `at` above 100%", trigger, "when: {at: 150%}"),
        ("trigger `at` not a number", trigger, "when: {at: soon}"),
        ("trigger `missing` without `at`", trigger, "when: {missing: [goal]}"),
        ("trigger `mention` with `at`", trigger, "when: {at: 0.5, mention: [revenue]}"),
        ("empty trigger", trigger, "when: {}"),
        ("trigger with an empty `mention`", trigger, "when: {mention: []}"),
        ("unknown tag", "tags: [baseline]", "tags: [base-line]"),
        ("empty checklist", "checklist: [{id: drift, point: Drift, signals: [drift], answer: Watch drift.}]", "checklist: []"),
        ("empty signals", "signals: [drift]", "signals: []"),
        ("signal without a letter or digit", "signals: [drift]", "signals: [drift, '+']"),
        ("empty hints", "hints:\n      - Who pays for this?\n", "hints: []\n"),
        ("empty title", "title: Schema test case", "title: '  '"),
        ("facts not a list", factsBlock, "facts: none\n"),
        ("rubric with an unknown stage", "stages: [clarify, frame]", "stages: [clarify, framing]"),
        ("pitfall `when` with an unknown key", "when: {mention: [accuracy]}", "when: {said: [accuracy]}"),
        ("empty pitfall `when`", "when: {mention: [accuracy]}", "when: {}"),
        ("empty reference architecture", "reference_architecture: |\n  [client] --> [ranker]\n", "reference_architecture: ''\n"),
    ]

    /// Unusual but valid forms the schema must not flag.
    static let unusual: [(String, String, String)] = [
        ("trigger `enter`", trigger, "when: enter"),
        ("trigger `at` alone", trigger, "when: {at: 0}"),
        ("trigger `at` as a percentage", trigger, "when: {at: 50%, missing: [goal]}"),
        ("trigger `at` 100%", trigger, "when: {at: 100%}"),
        ("trigger `at` as quoted text", trigger, "when: {at: '0.75'}"),
        ("trigger `mention`", trigger, "when: {mention: [revenue, ads]}"),
        ("levels in capitals", "levels: [mid, senior, staff]", "levels: [Mid, SENIOR]"),
        ("no minutes or levels", "minutes: 45\nlevels: [mid, senior, staff]\n", ""),
        ("empty facts", factsBlock, "facts: []\n"),
        ("pitfall with `missing`", "when: {mention: [accuracy]}", "when: {missing: [drift, lat]}"),
        ("numbers among phrases", "asks: [how many users, DAU]", "asks: [how many users, 2024]"),
        ("minutes at the limits", "minutes: 45", "minutes: 180"),
    ]

    @Test(.enabled(if: ScenarioSchemaTests.runs, "python3 is not installed")) func brokenVariantsAreRejectedByTheSchemaAndTheLoader() throws {
        try agree(Self.broken, valid: false)
    }

    @Test(.enabled(if: ScenarioSchemaTests.runs, "python3 is not installed")) func unusualValidFormsAreAcceptedByTheSchemaAndTheLoader() throws {
        try agree(Self.unusual + [("the base case itself", "", "")], valid: true)
    }

    func agree(_ variants: [(String, String, String)], valid: Bool) throws {
        var files: [String: String] = [:]
        for (name, find, replace) in variants {
            if !find.isEmpty { #expect(Self.base.contains(find), "variant `\(name)`: `\(find)` is not in the base case") }
            files[name] = find.isEmpty ? Self.base : Self.base.replacingOccurrences(of: find, with: replace)
        }
        // The loader is the reference: check that each variant really is (in)valid first.
        for (name, yaml) in files.sorted(by: { $0.key < $1.key }) {
            var problems: [String] = []
            do { _ = try ScenarioLoader.parse(yaml, file: "case.yaml") } catch { problems = ["\(error)"] }
            #expect(problems.isEmpty == valid, "variant `\(name)`: the loader \(valid ? "rejects" : "accepts") it \(problems)")
        }
        guard let result = try Self.schemaErrors(files) else { return }
        for name in files.keys.sorted() {
            let errors = result[name] ?? ["(not checked)"]
            if valid {
                #expect(errors.isEmpty, "variant `\(name)`: the schema rejects it:\n\(errors.joined(separator: "\n"))")
            } else {
                #expect(!errors.isEmpty, "variant `\(name)`: the schema accepts it")
            }
        }
    }

    // MARK: running python

    /// Checks the schema against the draft's meta-schema, then loads each YAML text (dates stay text,
    /// as in YAML 1.2 which the loader and editors use) and lists its schema errors as `path: message`.
    /// Exit 3: a module is missing.
    static let script = #"""
        import json, sys
        try:
            import jsonschema, yaml
        except ImportError as e:
            print(f"python3 cannot import {e.name}", file=sys.stderr)
            sys.exit(3)

        class Loader(yaml.SafeLoader):
            pass

        Loader.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        if cls is not jsonschema.Draft202012Validator:
            sys.exit(f"schema.json is checked as {cls.__name__}, not draft 2020-12")
        cls.check_schema(schema)
        validator = cls(schema)
        with open(sys.argv[2], encoding="utf-8") as f:
            names = json.load(f)
        out = {}
        for name, path in names.items():
            try:
                with open(path, encoding="utf-8") as f:
                    doc = yaml.load(f, Loader=Loader)
            except yaml.YAMLError as e:
                # PyYAML is stricter than the loader in places: quote a `?` inside [ ] for it.
                out[name] = ["PyYAML cannot read it: " + " ".join(str(e).split())]
                continue
            errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
            out[name] = ["/".join(str(p) for p in e.absolute_path) + ": " + e.message for e in errors]
        print(json.dumps(out))
        """#

    /// Schema errors of each named YAML text (an empty list when it satisfies the schema), or nil
    /// after recording why python could not check it.
    static func schemaErrors(_ texts: [String: String]) throws -> [String: [String]]? {
        guard hasPython else {
            Issue.record("python3 is not installed: the schema checks need python3 with the jsonschema and PyYAML modules (CI is set, so this fails; scripts/deps.sh installs the modules once python3 is there)")
            return nil
        }
        let dir = Paths.temporaryFolder("mlsd-schema")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String: String] = [:]
        for (i, (name, text)) in texts.sorted(by: { $0.key < $1.key }).enumerated() {
            let p = dir + "/case-\(i).yaml"
            try text.write(toFile: p, atomically: true, encoding: .utf8)
            paths[name] = p
        }
        let script = dir + "/check.py", list = dir + "/files.json"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        try JSONSerialization.data(withJSONObject: paths).write(to: URL(fileURLWithPath: list))
        let r = try shellStatus("python3 \(quote(script)) \(quote(schemaPath)) \(quote(list))")
        if r.status == 3 {
            Issue.record("\(r.error.trimmingCharacters(in: .whitespacesAndNewlines)): run scripts/deps.sh (make deps) or `python3 -m pip install jsonschema pyyaml`")
            return nil
        }
        guard r.status == 0, let data = r.output.data(using: .utf8),
              let out = try? JSONSerialization.jsonObject(with: data) as? [String: [String]] else {
            Issue.record("the schema check failed (exit \(r.status)):\n\(r.error)\(r.output)")
            return nil
        }
        return out
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
