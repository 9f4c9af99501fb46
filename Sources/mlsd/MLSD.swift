import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import InterviewKit

@main
struct MLSD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlsd",
        abstract: "Practise machine-learning system design interviews in the terminal.",
        discussion: """
        With no command, opens the home screen: pick a case, a length and a level, then Enter.

        Examples:
          mlsd                                   the home screen
          mlsd practice                          a timed mock of video-recommendation
          mlsd practice fraud-detection --minutes 30 --level staff
          mlsd scenarios list                    the cases
          mlsd scenarios validate my-case.yaml   check a case file
          mlsd keys                              every key binding
          mlsd sessions                          the recorded sessions
          mlsd replay last                       replay the newest session

        Exit status: 0 ok · 1 invalid case file · 2 no terminal · 3 unknown case ·
        4 no UTF-8 locale · 5 file error · 6 bad recording · 64 wrong arguments.
        """,
        version: MLSD.version,
        subcommands: [Home.self, Practice.self, ScenariosCommand.self, Keys.self,
                      SessionsCommand.self, ShowCommand.self, ReportCommand.self, ExportCommand.self, ReplayCommand.self],
        defaultSubcommand: Home.self)

    static let version = "0.1.0"
}

extension MLSD {
    /// The everyday command lines start without ArgumentParser's reflection (see `Launch.quick`);
    /// every other one, and every error, goes through it.
    static func main() {
        guard let launch = Launch.quick(Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        do { try launch.run() } catch { exit(withError: error) }
    }
}
