import ArgumentParser
import MockUI

/// `mlsd keys`: every key binding, from the same table as help and the status line.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print every key binding (the same table help and the status line use).")
    func run() throws { print(Keymaps.allText, terminator: "") }
}
