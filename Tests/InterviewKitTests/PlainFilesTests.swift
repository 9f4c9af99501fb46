import Foundation
import InterviewKit
import Testing
import TestSupport

/// What the program took from Foundation and now does with system calls and the standard library.
@Suite struct PlainFilesTests {
    @Test func foldersAreMadeWithTheirParentsAndAFileInTheWayIsAnError() throws {
        let dir = Paths.temporaryFolder("mlsd-files")
        try FileBytes.makeFolders(dir + "/a/b/./c")
        #expect(FileBytes.exists(dir + "/a/b/c"))
        try FileBytes.makeFolders(dir + "/a/b/c")   // already there: fine
        try FileBytes.writeAtomically(dir + "/file", text: "x")
        #expect(throws: FileError(ENOTDIR)) { try FileBytes.makeFolders(dir + "/file/d") }
        #expect(throws: FileError(ENOTDIR)) { try FileBytes.makeFolders(dir + "/file") }
    }

    @Test func anAtomicWriteReplacesTheWholeFileAndLeavesNothingBeside() throws {
        let dir = Paths.temporaryFolder("mlsd-files")
        let path = dir + "/report.md"
        try FileBytes.writeAtomically(path, text: "first, longer text\n")
        try FileBytes.writeAtomically(path, text: "second ✓\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second ✓\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.md"])
        #expect(throws: FileError(ENOENT)) { try FileBytes.writeAtomically(dir + "/no/such/folder/x", text: "") }
    }

    @Test func aWholeFileIsReadUpToItsLimit() throws {
        let dir = Paths.temporaryFolder("mlsd-files")
        try FileBytes.writeAtomically(dir + "/f", Array(repeating: 7, count: 100_000), durable: false)
        #expect(try FileBytes.read(dir + "/f", limit: 100_000).get() == Array(repeating: 7, count: 100_000))
        #expect(throws: FileError(EFBIG)) { try FileBytes.read(dir + "/f", limit: 99_999).get() }
        #expect(throws: FileError(ENOENT)) { try FileBytes.read(dir + "/missing", limit: 10).get() }
        let fd = open(dir + "/f", O_RDONLY)
        defer { close(fd) }
        #expect(FileBytes.bytes(fd: fd, from: 99_990, count: 50).count == 10, "short at the end")
        #expect(FileError(ENOENT).description == "No such file or directory")
    }

    @Test(arguments: [
        ("  a b \n", "a b", "a b \n"), ("\u{3000}x\u{00A0}", "x", "x"), ("\t\n", "", "\n"), ("", "", ""), ("x", "x", "x"),
    ])
    func trimming(_ s: String, _ all: String, _ spaces: String) {
        #expect(s.trimmed == all)
        #expect(s.trimmedSpaces == spaces)
    }

    @Test func numbersAndPathParts() {
        #expect(decimals(2.25, 1) == "2.2" || decimals(2.25, 1) == "2.3")
        #expect(decimals(3.14159, 1) == "3.1")
        #expect(decimals(66.6, 0) == "67")
        #expect(decimals(-0.04, 1) == "-0.0")
        #expect("/a/b/c.mlsd".lastPathPart == "c.mlsd")
        #expect("c.mlsd".lastPathPart == "c.mlsd")
        #expect("/a/".lastPathPart == "")
    }
}
