import Foundation
import InterviewKit
import Testing

@Suite struct FilesTests {
    @Test func aFolderListsItsNamesWithoutDotEntriesAndAMissingOneIsNil() throws {
        let dir = NSTemporaryDirectory() + "mlsd-dir-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for n in ["a.yaml", ".hidden", "été 中文.md"] { FileManager.default.createFile(atPath: "\(dir)/\(n)", contents: Data()) }
        #expect(Directory.names(dir)?.sorted() == [".hidden", "a.yaml", "sub", "été 中文.md"].sorted())
        #expect(Directory.names(dir + "/sub") == [])
        #expect(Directory.names(dir + "/missing") == nil)
        #expect(Directory.names(dir + "/a.yaml") == nil, "a file is not a folder")
    }

    @Test func variablesComeFromALiteralOrFromTheProcess() {
        let fixed: EnvironmentVariables = ["HOME": "/h", "XDG_DATA_HOME": "", "HOME ": "x"]
        #expect(fixed["HOME"] == "/h")
        #expect(fixed["XDG_DATA_HOME"] == "")
        #expect(fixed["TERM"] == nil)
        let name = "MLSD_TEST_VARIABLE_\(getpid())"
        #expect(EnvironmentVariables.process[name] == nil)
        setenv(name, "é 1", 1)
        defer { unsetenv(name) }
        #expect(EnvironmentVariables.process[name] == "é 1")
    }
}
