#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled terminfo description (the format of term(5)), read by the program itself.
///
/// ncurses' `setupterm` reads the same file, then converts it to its own tables and looks each
/// capability up by name: about 0.12 M instructions and the code pages that do it, on every
/// start, for the 30 capabilities `Capabilities` takes. This reads them by their standard
/// index straight from the file. It is only a shortcut: where the file is not where it usually
/// is (`TERMINFO` or `TERMINFO_DIRS` set, a hashed folder) or does not read as expected,
/// `Capabilities.load` asks ncurses, and a test holds the two to the same answers for every
/// description installed.
struct TerminfoFile {
    let bytes: [UInt8]
    private let boolBase: Int, boolCount: Int
    private let numberBase: Int, numberCount: Int, numberSize: Int
    private let stringBase: Int, stringCount: Int
    private let tableBase: Int, tableSize: Int
    /// Where the extended part (user-defined capabilities) starts, if the file has one.
    private let extendedBase: Int

    /// The folders searched, in ncurses' order as Debian builds it, after `~/.terminfo`.
    static let systemFolders = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"]

    /// The file describing `type`, or nil when ncurses should be asked instead.
    static func path(for type: String, environment: (String) -> String?) -> String? {
        for v in ["TERMINFO", "TERMINFO_DIRS"] where !(environment(v) ?? "").isEmpty { return nil }
        guard let first = type.utf8.first, first != UInt8(ascii: "."), !type.utf8.contains(UInt8(ascii: "/")),
              type.utf8.count < 256 else { return nil }
        var folders = systemFolders
        if let home = environment("HOME"), home.hasPrefix("/") { folders.insert(home + "/.terminfo", at: 0) }
        let letter = String(decoding: [first], as: UTF8.self)
        for f in folders {
            let p = f + "/" + letter + "/" + type
            if access(p, R_OK) == 0 { return p }
        }
        return nil
    }

    init?(_ bytes: [UInt8]) {
        self.bytes = bytes
        func short(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= bytes.count else { return nil }
            return Int(Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8))
        }
        guard let magic = short(0), magic == 0o432 || magic == 0o1036,
              let names = short(2), let bools = short(4), let numbers = short(6), let strings = short(8), let table = short(10),
              names >= 0, bools >= 0, numbers >= 0, strings >= 0, table >= 0 else { return nil }
        numberSize = magic == 0o1036 ? 4 : 2
        boolBase = 12 + names
        boolCount = bools
        numberBase = (boolBase + bools + 1) & ~1   // numbers start on an even byte
        numberCount = numbers
        stringBase = numberBase + numbers * numberSize
        stringCount = strings
        tableBase = stringBase + strings * 2
        tableSize = table
        guard tableBase + table <= bytes.count, table == 0 || bytes[tableBase + table - 1] == 0 else { return nil }
        for i in 0..<strings where (short(stringBase + i * 2) ?? 0) >= table { return nil }
        extendedBase = (tableBase + table + 1) & ~1
    }

    private func short(_ at: Int) -> Int {
        Int(Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8))
    }

    /// Standard boolean `i` (`am` is 1): set or not.
    func flag(_ i: Int) -> Bool { i < boolCount && bytes[boolBase + i] == 1 }

    /// Standard number `i` (`cols` is 0); -1 when absent or cancelled.
    func number(_ i: Int) -> Int {
        guard i < numberCount else { return -1 }
        let at = numberBase + i * numberSize
        if numberSize == 2 { return max(-1, short(at)) }
        let v = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        return max(-1, Int(Int32(bitPattern: v)))
    }

    /// Standard string `i` (`clear` is 5) without its padding (see `withoutPadding`); nil when
    /// absent or cancelled.
    func string(_ i: Int) -> [UInt8]? {
        guard i < stringCount else { return nil }
        let offset = short(stringBase + i * 2)
        guard offset >= 0 else { return nil }
        // In the table, and ended by a NUL in it (`init` checked that the table ends with one).
        let start = tableBase + offset
        return bytes.withUnsafeBufferPointer { b in
            let n = strlen(UnsafeRawPointer(b.baseAddress! + start).assumingMemoryBound(to: CChar.self))
            return withoutPadding(UnsafeBufferPointer(rebasing: b[start..<(start + n)]))
        }
    }

    /// User-defined boolean `name` (such as `AX`); nil when the extended part does not read.
    func extendedFlag(_ name: String) -> Bool? {
        guard extendedBase + 10 <= bytes.count else { return extendedBase >= bytes.count ? false : nil }
        let bools = short(extendedBase), numbers = short(extendedBase + 2), strings = short(extendedBase + 4)
        let tableSize = short(extendedBase + 8)
        guard bools >= 0, numbers >= 0, strings >= 0, tableSize >= 0 else { return nil }
        let boolBase = extendedBase + 10
        let numberBase = (boolBase + bools + 1) & ~1
        let offsetBase = numberBase + numbers * numberSize
        let nameOffsets = offsetBase + strings * 2
        let table = nameOffsets + (bools + numbers + strings) * 2
        guard table + tableSize <= bytes.count else { return nil }
        // The names follow the string values in the table.
        var namesStart = 0
        for i in 0..<strings {
            let o = short(offsetBase + i * 2)
            guard o >= 0 else { continue }
            guard o < tableSize, let nul = bytes[(table + o)..<(table + tableSize)].firstIndex(of: 0) else { return nil }
            namesStart = max(namesStart, nul - table + 1)
        }
        let wanted = Array(name.utf8)
        for i in 0..<bools {
            let o = short(nameOffsets + i * 2)
            let at = table + namesStart + o
            guard o >= 0, at + wanted.count < table + tableSize else { return nil }
            if bytes[at + wanted.count] == 0 && bytes[at..<(at + wanted.count)].elementsEqual(wanted) {
                return bytes[boolBase + i] == 1
            }
        }
        return false
    }
}
