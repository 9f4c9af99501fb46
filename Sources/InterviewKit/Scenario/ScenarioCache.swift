import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Cases already read and checked, kept between runs so that start-up need not parse YAML:
/// reading a 40 KB case with Yams costs about 3 ms on a cold start, reading it back from the
/// cache about 0.1 ms.
///
/// One file per case file, `$XDG_CACHE_HOME/mlsd/cases/NAME-HASH.case`. Its first line is the
/// key: the case file's path, size, change times and inode, and the same for the running
/// program, so an edited case and a rebuilt program both miss. Then the case in
/// `ScenarioBinary` form and an 8-byte checksum of it. Only valid cases are kept: a broken
/// file is parsed, and its problems reported, every time. A missing, stale or damaged entry
/// is a miss; an entry that cannot be written is skipped. `MLSD_NO_CACHE=1` turns the cache off.
public struct ScenarioCache: Sendable {
    public let folder: String
    /// Identifies the running program's build; nil where it cannot be known (no cache then).
    let program: String

    public init(folder: String, program: String) {
        self.folder = folder
        self.program = program
    }

    /// The user's cache, or nil when turned off or when there is nowhere to put it.
    public static func standard(environment: EnvironmentVariables) -> ScenarioCache? {
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
        // Concatenated, not interpolated: interpolating Ints goes through generic code whose
        // first use costs more than the rest of a lookup (it runs on every start).
        return String(st.st_size) + " " + String(st.st_mtim.tv_sec) + "." + String(st.st_mtim.tv_nsec) + " "
            + String(st.st_ctim.tv_sec) + "." + String(st.st_ctim.tv_nsec) + " " + String(st.st_dev) + ":" + String(st.st_ino)
    }

    /// The key line for a case file as it is now, or nil when it cannot be cached.
    func key(for path: String) -> String? {
        guard !path.contains("\n"), let file = Self.stamp(of: path) else { return nil }
        return "mlsd-case-cache 3 " + program + " | " + file + " | " + path
    }

    func entryPath(for path: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a of the path
        for b in path.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        // The file's name up to its first dot, in letters, digits, - and _ only, for people
        // looking in the folder.
        let u = path.utf8
        let start = u.lastIndex(of: UInt8(ascii: "/")).map { u.index(after: $0) } ?? u.startIndex
        var name: [UInt8] = []
        for b in u[start...] {
            if b == UInt8(ascii: ".") || name.count == 40 { break }
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): name.append(b)
            default: break
            }
        }
        let safe = name.isEmpty ? "case" : String(decoding: name, as: UTF8.self)
        return folder + "/" + safe + "-" + String(h, radix: 16) + ".case"
    }

    /// The cases in `paths`, in order: the kept one for each file that has not changed since;
    /// the others are read by `reader` (in one go) and kept when valid. A key is taken before
    /// its file is read, so a file changed while it is read is read again next time.
    public func load(_ paths: [String], reader: any CaseFileReader) -> [Result<Scenario, ScenarioErrors>] {
        var out = [Result<Scenario, ScenarioErrors>?](repeating: nil, count: paths.count)
        var missed: [(index: Int, key: String?, entry: String)] = []
        for (i, path) in paths.enumerated() {
            guard let key = key(for: path) else { missed.append((i, nil, "")); continue }
            let entry = entryPath(for: path)
            if var s = lookup(entry, key: key) {
                s.sourcePath = path
                out[i] = .success(s)
            } else {
                missed.append((i, key, entry))
            }
        }
        if !missed.isEmpty {
            let read = reader.read(missed.map { paths[$0.index] })
            for (m, r) in zip(missed, read) {
                out[m.index] = r
                if case .success(let s) = r, let key = m.key { store(s, key: key, at: m.entry) }
            }
        }
        return out.map { $0! }
    }

    func lookup(_ entry: String, key: String) -> Scenario? {
        guard case .success(let bytes) = FileBytes.read(entry, limit: 8 << 20) else { return nil }
        return bytes.withUnsafeBytes { raw -> Scenario? in
            let k = Array(key.utf8)
            guard raw.count > k.count + 8, raw[k.count] == 10,
                  k.withUnsafeBytes({ memcmp($0.baseAddress!, raw.baseAddress!, k.count) == 0 }) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[(k.count + 1)...])
            let payload = UnsafeRawBufferPointer(rebasing: body[..<(body.count - 8)])
            guard UInt64(littleEndian: body.loadUnaligned(fromByteOffset: body.count - 8, as: UInt64.self)) == Self.checksum(payload) else { return nil }
            return ScenarioBinary.decode(payload)
        }
    }

    /// A 64-bit check of the payload, eight bytes at a step (FNV-style multiply and fold).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let words = bytes.count / 8
        for i in 0..<words {
            h = (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) &* 0x100_0000_01b3
            h ^= h >> 29
        }
        for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return h ^ UInt64(bytes.count)
    }

    /// Written beside and renamed, so a reader never sees half an entry.
    func store(_ s: Scenario, key: String, at entry: String) {
        let payload = ScenarioBinary.encode(s)
        let sum = payload.withUnsafeBytes { Self.checksum($0) }
        var bytes = Array(key.utf8)
        bytes.append(10)
        bytes += payload
        withUnsafeBytes(of: sum.littleEndian) { bytes += $0 }
        do {
            try FileBytes.makeFolders(folder)
            try FileBytes.writeAtomically(entry, bytes, durable: false)
        } catch {
            return
        }
        prune()
    }

    /// At most this many entries are kept (a case moved or copied leaves its old entry behind).
    static let maxEntries = 64

    /// Removes the entries used least recently beyond `maxEntries`, files of an older layout,
    /// and temporary files a crashed writer left (after a minute).
    func prune(now: time_t = time(nil)) {
        guard let names = Directory.names(folder) else { return }
        var entries: [(path: String, used: Int)] = []
        for name in names {
            let path = folder + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if name.hasSuffix(".case") {
                entries.append((path, max(st.st_atim.tv_sec, st.st_mtim.tv_sec)))
            } else if !name.hasSuffix(".tmp") || now - st.st_mtim.tv_sec > 60 {
                unlink(path)
            }
        }
        guard entries.count > Self.maxEntries else { return }
        for e in entries.sorted(by: { $0.used > $1.used }).dropFirst(Self.maxEntries) { unlink(e.path) }
    }
}
