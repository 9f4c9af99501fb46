import Glibc
import ArgumentParser

/// The program's exit statuses, one per kind of failure, as documented in `mlsd --help`.
enum ExitStatus: Int32 {
    case ok = 0
    case invalidScenario = 1
    case noTerminal = 2
    case unknownCase = 3
    case locale = 4
    case io = 5
    case badRecording = 6
    case usage = 64

    var code: ExitCode { ExitCode(rawValue) }
}

/// Prints to standard error.
func printError(_ message: String) {
    var err = StandardErrorStream()
    print(message, to: &err)
}

struct StandardErrorStream: TextOutputStream {
    mutating func write(_ s: String) {
        FileHandleWriter.write(fd: 2, s)
    }
}

enum FileHandleWriter {
    static func write(fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { break }
                off += n
            }
        }
    }
}
