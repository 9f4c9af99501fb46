// mlsd-yaml: reads case files (YAML) for mlsd, which runs it when a case file is new or has
// changed since it was last read (see `CaseFileReader` in InterviewKit for why it is apart).
//
//     mlsd-yaml FILE...
//
// writes to standard output, for each file in order, the case or its problems, in the form
// `CaseFileAnswers` reads. It exits 0 when it answered for every file, valid or not; 2 when
// started by hand on a terminal or without files, with a word on what it is for.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import InterviewKit
import ScenarioYAML

let files = Array(CommandLine.arguments.dropFirst())
if files.isEmpty || isatty(1) != 0 {
    let usage = """
        mlsd-yaml: the part of mlsd that reads case files; mlsd runs it, people need not.
          To check a case file, run `mlsd scenarios validate FILE`.

        """
    _ = usage.withCString { write(2, $0, strlen($0)) }
    exit(2)
}
var out: [UInt8] = []
for r in YAMLCaseReader().read(files) { out += CaseFileAnswers.encode(r) }
do { try FileBytes.writeAll(1, out) } catch { exit(1) }
exit(0)
