import Foundation

/// Cases already read and checked, kept between runs so that start-up need not parse YAML:
/// reading a 40 KB case with Yams costs about 3 ms on a cold start, decoding its JSON form
/// under 1 ms.
///
/// One file per case file, `$XDG_CACHE_HOME/mlsd/cases/NAME-HASH.json`. Its first line is the
/// key: the case file's path, size, change times and inode, and the same for the running
/// program, so an edited case and a rebuilt program both miss. The rest is the case's JSON
/// (the form a recording embeds). Only valid cases are kept: a broken file is parsed, and its
/// problems reported, every time. A missing, stale or damaged entry is a miss; an entry that
/// cannot be written is skipped. `MLSD_NO_CACHE=1` turns the cache off.
public struct ScenarioCache: Sendable {
    public let folder: String
    /// Identifies the running program's build; nil where it cannot be known (no cache then).
    let program: String

    public init(folder: String, program: String) {
        self.folder = folder
        self.program = program
    }

    /// The user's cache, or nil when turned off or when there is nowhere to put it.
    public static func standard(environment: [String: String]) -> ScenarioCache? {
        if let off = environment["MLSD_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        guard let program = programStamp else { return nil }
        let base: String
        if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") {
            base = x
        } else if let h = environment["HOME"], h.hasPrefix("/") {
            base = h + "/.cache"
        } else {
            return nil
        }
        return ScenarioCache(folder: base + "/mlsd/cases", program: program)
    }

    /// The running executable's size, modification time and inode.
    static let programStamp: String? = stamp(of: "/proc/self/exe")

    /// Size, modification and status-change times (nanoseconds) and inode of a file.
    static func stamp(of path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return "\(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec) \(st.st_dev):\(st.st_ino)"
    }

    /// The key line for a case file as it is now, or nil when it cannot be cached.
    func key(for path: String) -> String? {
        guard !path.contains("\n"), let file = Self.stamp(of: path) else { return nil }
        return "mlsd-case-cache 1 \(program) | \(file) | \(path)"
    }

    func entryPath(for path: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a of the path
        for b in path.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let name = (path as NSString).lastPathComponent.split(separator: ".").first.map(String.init) ?? "case"
        let safe = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }.prefix(40))
        return folder + "/" + safe + "-" + String(h, radix: 16) + ".json"
    }

    /// The case in `path`: the kept one when the file has not changed since, otherwise
    /// `read(path)`, which is then kept. The key is taken before the file is read, so a file
    /// changed while it is read is read again next time.
    public func load(_ path: String, read: (String) throws -> Scenario) rethrows -> Scenario {
        guard let key = key(for: path) else { return try read(path) }
        let entry = entryPath(for: path)
        if var s = lookup(entry, key: key) {
            s.sourcePath = path
            return s
        }
        let s = try read(path)
        store(s, key: key, at: entry)
        return s
    }

    func lookup(_ entry: String, key: String) -> Scenario? {
        guard let fh = FileHandle(forReadingAtPath: entry) else { return nil }
        defer { try? fh.close() }
        guard let data = try? fh.read(upToCount: 8 << 20), let nl = data.firstIndex(of: 10),
              data[data.startIndex..<nl].elementsEqual(key.utf8) else { return nil }
        return try? JSONDecoder().decode(Scenario.self, from: data[(nl + 1)...])
    }

    /// Written beside and renamed, so a reader never sees half an entry.
    func store(_ s: Scenario, key: String, at entry: String) {
        guard let json = try? JSONEncoder().encode(s) else { return }
        let tmp = entry + ".\(getpid()).tmp"
        var data = Data(key.utf8)
        data.append(10)
        data.append(json)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: tmp))
            if rename(tmp, entry) != 0 { unlink(tmp) }
        } catch {
            unlink(tmp)
        }
    }
}
