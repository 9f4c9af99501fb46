import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import InterviewKit

/// `mlsd scenarios …`: list, show, validate and write cases.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List, show, check and create interview cases.",
        subcommands: [List.self, Show.self, Validate.self, New.self, Check.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cases with their one-line summaries.")
        @OptionGroup var library: LibraryOptions

        func run() throws {
            let lib = library.library()
            let w = max(4, lib.scenarios.map(\.id.count).max() ?? 4)
            for s in lib.scenarios {
                print(padded(s.id, w) + "  " + padded("\(s.minutes) min", 7) + "  " + s.summary)
            }
            reportSkipped(lib)
            if lib.scenarios.isEmpty {
                printError("mlsd: no cases found in \(lib.folders.isEmpty ? "any folder" : lib.folders.joined(separator: ", "))")
                throw ExitStatus.unknownCase.code
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case: problem, facts, stages, checklist, follow-ups and rubric.")
        @OptionGroup var library: LibraryOptions
        @Argument(help: "The case id (see `mlsd scenarios list`) or a path to a case file.") var id: String

        func run() throws {
            print(ScenarioText.describe(try library.scenario(id)), terminator: "")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check case files and print every problem as file:line:column.",
            discussion: "Exits 0 when every file is valid, 1 when any has a problem. With no file, checks every case the program finds.")
        @OptionGroup var library: LibraryOptions
        @Argument(help: "Case files to check.") var files: [String] = []

        func run() throws {
            var paths = files
            if paths.isEmpty { paths = ScenarioLibrary.caseFiles(in: library.cases.folders()) }
            var bad = 0
            for (p, r) in zip(paths, caseReader().read(paths)) {
                switch r {
                case .success(let s):
                    let items = s.stages.reduce(0) { $0 + $1.checklist.count }
                    let fus = s.stages.reduce(0) { $0 + $1.followUps.count }
                    print("\(p): ok (\(s.id): \(s.stages.count) stages, \(items) checklist points, \(fus) follow-ups, \(s.facts.count) facts)")
                case .failure(let e):
                    bad += 1
                    print(e.description)
                }
            }
            if bad > 0 {
                printError("mlsd: \(bad) of \(paths.count) file(s) have problems")
                throw ExitStatus.invalidScenario.code
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a commented template for a new case.",
            discussion: "Example: mlsd scenarios new churn-prediction > Scenarios/churn-prediction.yaml")
        @Argument(help: "The new case's id: lower-case letters, digits and hyphens.") var id: String
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output (refuses to overwrite).") var output: String?

        func validate() throws {
            let ok = id.first.map { $0 >= "a" && $0 <= "z" } == true
                && id.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
            if !ok { throw ValidationError("`\(id)` is not a valid id: use lower-case letters, digits and hyphens, starting with a letter") }
        }

        func run() throws {
            let text = ScenarioTemplate.text(id: id)
            guard let out = output else { print(text, terminator: ""); return }
            if FileBytes.exists(out) {
                printError("mlsd: \(out) exists; choose another name or remove it first")
                throw ExitStatus.io.code
            }
            do { try FileBytes.writeAtomically(out, text: text) } catch {
                printError("mlsd: cannot write \(out): \(error)")
                throw ExitStatus.io.code
            }
            print("wrote \(out); check it with: mlsd scenarios validate \(out)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which checklist points a sample answer covers, to tune a case's signals.",
            discussion: "The answer is Markdown with one `## clarify` … `## monitoring` section per stage.")
        @OptionGroup var library: LibraryOptions
        @Argument(help: "The case id or file.") var id: String
        @Option(help: "The sample answer (Markdown).") var answer: String
        @Flag(help: "List each point, covered or missed.") var verbose = false

        func run() throws {
            let s = try library.scenario(id)
            guard let text = try? String(contentsOfFile: answer, encoding: .utf8) else {
                printError("mlsd: cannot read \(answer)")
                throw ExitStatus.io.code
            }
            let session = AnswerScript(markdown: text).play(s)
            var covered = 0, total = 0
            for (i, st) in s.stages.enumerated() {
                let c = session.coverageCount(stage: i)
                covered += c.covered; total += c.total
                print("\(padded(st.kind.rawValue, 11)) \(c.covered)/\(c.total)")
                if verbose {
                    for item in st.checklist { print("  \(session.isCovered(item.id) ? "✓" : "·") \(item.id)") }
                }
            }
            let pct = total == 0 ? 0 : Double(covered) * 100 / Double(total)
            print("total       \(covered)/\(total) = \(decimals(pct, 0)) %")
        }
    }
}

/// `s` cut or filled with spaces to `width` characters.
func padded(_ s: String, _ width: Int) -> String {
    s.count >= width ? String(s.prefix(width)) : s + String(repeating: " ", count: width - s.count)
}
