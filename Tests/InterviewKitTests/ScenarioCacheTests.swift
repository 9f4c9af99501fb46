import Foundation
@testable import InterviewKit
import Testing
import ScenarioYAML
import Synchronization
import TestSupport

/// Reads YAML in this process, and counts what it was asked to read.
final class CountingReader: CaseFileReader {
    private let asked = Mutex<[String]>([])
    var files: [String] { asked.withLock { $0 } }
    func read(_ paths: [String]) -> [Result<Scenario, ScenarioErrors>] {
        asked.withLock { $0 += paths }
        return YAMLCaseReader().read(paths)
    }
}

/// The cache of parsed cases: a hit gives what parsing gives, and anything that could make it
/// wrong (an edited case, another build of the program, a damaged entry) is a miss.
@Suite struct ScenarioCacheTests {
    /// A case file copied into a fresh folder, and a cache beside it.
    private func setUp(_ id: String = "video-recommendation") throws -> (path: String, cache: ScenarioCache) {
        let dir = Paths.temporaryFolder("mlsd-cache")
        let path = dir + "/\(id).yaml"
        try FileManager.default.copyItem(atPath: Paths.scenarios + "/\(id).yaml", toPath: path)
        return (path, ScenarioCache(folder: dir + "/cache", program: "test-build-1"))
    }

    private func load(_ path: String, _ cache: ScenarioCache) throws -> (Scenario, parsed: Bool) {
        let reader = CountingReader()
        let s = try cache.load([path], reader: reader)[0].get()
        return (s, reader.files == [path])
    }

    /// Changes the title inside the kept entry, so that a hit can be told from a parse.
    private func tamper(_ cache: ScenarioCache, for path: String) throws {
        let entry = cache.entryPath(for: path)
        let key = try #require(cache.key(for: path))
        var s = try #require(cache.lookup(entry, key: key))
        s.title = "KEPT " + s.title
        cache.store(s, key: key, at: entry)
    }

    @Test func everyBundledCaseComesBackFromTheCacheAsParsed() throws {
        let dir = Paths.temporaryFolder("mlsd-cache")
        let cache = ScenarioCache(folder: dir, program: "test-build-1")
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.scenarios).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 11)
        for name in names {
            let path = Paths.scenarios + "/" + name
            let parsed = try ScenarioLoader.load(path: path)
            let first = try load(path, cache)
            let second = try load(path, cache)
            #expect(first.parsed && !second.parsed, "\(name): the second load should come from the cache")
            #expect(second.0 == parsed, "\(name)")
            #expect(second.0.sourcePath == path)
        }
    }

    @Test func aHitIsReallyTheKeptEntry() throws {
        let (path, cache) = try setUp()
        _ = try load(path, cache)
        try tamper(cache, for: path)
        let (s, parsed) = try load(path, cache)
        #expect(!parsed)
        #expect(s.title.hasPrefix("KEPT "))
    }

    @Test func anEditedCaseIsReadAgain() throws {
        let (path, cache) = try setUp()
        _ = try load(path, cache)
        try tamper(cache, for: path)
        // Same size, new text: only the file's times tell.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "Video", with: "VIDEO")
        #expect(edited != text && edited.utf8.count == text.utf8.count)
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        let (s, parsed) = try load(path, cache)
        #expect(parsed)
        #expect(!s.title.hasPrefix("KEPT ") && s.title.contains("VIDEO"))
        #expect(!(try load(path, cache)).parsed, "the new parse is kept")
    }

    @Test func anotherBuildOfTheProgramMisses() throws {
        let (path, cache) = try setUp()
        _ = try load(path, cache)
        let rebuilt = ScenarioCache(folder: cache.folder, program: "test-build-2")
        #expect(try load(path, rebuilt).parsed)
    }

    @Test(arguments: ["", "garbage", "mlsd-case-cache 1 test-build-1 | 1 2 3 4 | x\n{", "\n{\"id\":1}"])
    func aDamagedEntryIsAMissAndIsReplaced(_ junk: String) throws {
        let (path, cache) = try setUp()
        _ = try load(path, cache)
        let entry = cache.entryPath(for: path)
        // The right key, then damage; or damage from the start.
        let key = try #require(cache.key(for: path))
        try (junk.hasPrefix("\n") ? key + junk : junk).write(toFile: entry, atomically: true, encoding: .utf8)
        let (s, parsed) = try load(path, cache)
        #expect(parsed)
        #expect(s == (try ScenarioLoader.load(path: path)))
        #expect(!(try load(path, cache)).parsed)
    }

    @Test func aBrokenCaseIsNeverKept() throws {
        let (path, cache) = try setUp()
        try "id: broken\ntitle: [unclosed\n".write(toFile: path, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            #expect(throws: ScenarioErrors.self) { _ = try load(path, cache) }
        }
        #expect(!FileManager.default.fileExists(atPath: cache.entryPath(for: path)))
    }

    @Test func anUnwritableCacheStillLoads() throws {
        let (path, _) = try setUp()
        let cache = ScenarioCache(folder: "/proc/mlsd-no-such-place", program: "test-build-1")
        #expect(try load(path, cache).parsed)
        #expect(try load(path, cache).parsed)
    }

    @Test func theCacheFollowsXDGAndCanBeTurnedOff() {
        #expect(ScenarioCache.standard(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"])?.folder == "/x/cache/mlsd/cases")
        #expect(ScenarioCache.standard(environment: ["HOME": "/h"])?.folder == "/h/.cache/mlsd/cases")
        #expect(ScenarioCache.standard(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.folder == "/h/.cache/mlsd/cases")
        #expect(ScenarioCache.standard(environment: ["HOME": "/h", "MLSD_NO_CACHE": "1"]) == nil)
        #expect(ScenarioCache.standard(environment: [:]) == nil)
    }

    @Test func theBinaryFormRoundTripsEveryCase() throws {
        for s in Fixtures.allScenarios() {
            var plain = s
            plain.sourcePath = ""
            let bytes = ScenarioBinary.encode(s)
            #expect(bytes.withUnsafeBytes { ScenarioBinary.decode($0) } == plain, "\(s.id)")
        }
    }

    /// A cut or damaged form never crashes the reader; a cut one is always refused.
    @Test func aDamagedBinaryFormIsRefusedOrReadSafely() throws {
        let s = try #require(Fixtures.allScenarios().first)
        let bytes = ScenarioBinary.encode(s)
        for n in stride(from: 0, to: bytes.count, by: 97) {
            #expect(Array(bytes.prefix(n)).withUnsafeBytes { ScenarioBinary.decode($0) } == nil)
        }
        var rng = SplitMix64(seed: 4)
        for _ in 0..<300 {
            var b = bytes
            for _ in 0..<3 { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            _ = b.withUnsafeBytes { ScenarioBinary.decode($0) }
        }
        // Absurd lengths and counts are refused before anything is allocated.
        #expect([ScenarioBinary.layout, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F].withUnsafeBytes { ScenarioBinary.decode($0) } == nil)
    }

    @Test func theCacheKeepsItsNewestEntriesAndClearsOldFiles() throws {
        let dir = Paths.temporaryFolder("mlsd-cache")
        let cache = ScenarioCache(folder: dir, program: "test-build-1")
        let fm = FileManager.default
        for k in 0..<(ScenarioCache.maxEntries + 10) {
            let p = dir + "/e\(k).case"
            fm.createFile(atPath: p, contents: Data("x".utf8))
            // older entries were used longer ago
            var times = [timespec(tv_sec: 1_000_000 + k, tv_nsec: 0), timespec(tv_sec: 1_000_000 + k, tv_nsec: 0)]
            utimensat(AT_FDCWD, p, &times, 0)
        }
        fm.createFile(atPath: dir + "/old-layout.json", contents: Data("{}".utf8))
        fm.createFile(atPath: dir + "/fresh.case.123.tmp", contents: Data())
        cache.prune(now: time(nil))
        let left = Set(try fm.contentsOfDirectory(atPath: dir))
        #expect(left.filter { $0.hasSuffix(".case") }.count == ScenarioCache.maxEntries)
        #expect(!left.contains("e0.case") && left.contains("e\(ScenarioCache.maxEntries + 9).case"))
        #expect(!left.contains("old-layout.json"))
        #expect(left.contains("fresh.case.123.tmp"), "a writer may still be busy with it")
    }
}

/// Several files at once: only the new and changed ones are read, in one go, and the answers
/// come back in the order asked.
@Suite struct ScenarioCacheBatchTests {
    @Test func onlyTheMissesAreReadAndTheOrderIsKept() throws {
        let dir = Paths.temporaryFolder("mlsd-cache-batch")
        let cache = ScenarioCache(folder: dir + "/cache", program: "test-build-1")
        let ids = ["video-recommendation", "fraud-detection", "ad-click-prediction"]
        var paths = ids.map { Paths.scenarios + "/\($0).yaml" }
        let broken = dir + "/broken.yaml"
        try "id: broken\n".write(toFile: broken, atomically: true, encoding: .utf8)
        paths.insert(broken, at: 1)

        _ = cache.load([paths[0]], reader: CountingReader())
        let reader = CountingReader()
        let results = cache.load(paths, reader: reader)
        #expect(reader.files == Array(paths[1...]), "the kept case is not read again; the rest are read together")
        #expect(results.count == 4)
        #expect((try? results[0].get())?.id == ids[0])
        guard case .failure(let e) = results[1] else { Issue.record("the broken file should fail"); return }
        #expect(e.issues.allSatisfy { $0.file == broken })
        #expect((try? results[2].get())?.id == ids[1])
        #expect((try? results[3].get())?.id == ids[2])

        let again = CountingReader()
        _ = cache.load(paths, reader: again)
        #expect(again.files == [broken], "a broken file is read every time, the valid ones never again")
    }
}
