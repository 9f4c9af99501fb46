import CNcursesw

/// What `CursesTerminal.setUpLocale()` achieved.
public struct LocaleResult: Sendable, Equatable {
    /// A UTF-8 codeset is in force: wide characters and box drawing will work.
    public var isUTF8: Bool
    /// The codeset, e.g. "UTF-8" or "ANSI_X3.4-1968".
    public var codeset: String
    /// The LC_CTYPE locale name in force, e.g. "C.UTF-8".
    public var name: String
}

extension CursesTerminal {
    /// Sets the character type (LC_CTYPE, the only category the program reads) from the
    /// environment, falling back to a UTF-8 one when the environment's is not UTF-8 (under
    /// `LANG=C` wcwidth gives wide characters one column).
    /// Call it before opening the terminal.
    @discardableResult
    public static func setUpLocale() -> LocaleResult {
        _ = mlsd_setlocale_ctype_from_env()
        if !isUnicodeCapable {
            for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
                if mlsd_setlocale_ctype(name) != nil, isUnicodeCapable { break }
            }
        }
        return currentLocale
    }

    /// True when the codeset in force is UTF-8 (pick `Glyphs.unicode`, else `Glyphs.ascii`).
    public static var isUnicodeCapable: Bool {
        let c = currentLocale.codeset.uppercased()
        return c == "UTF-8" || c == "UTF8"
    }

    public static var currentLocale: LocaleResult {
        let codeset = mlsd_codeset().map { String(cString: $0) } ?? ""
        let name = mlsd_current_ctype().map { String(cString: $0) } ?? ""
        let c = codeset.uppercased()
        return LocaleResult(isUTF8: c == "UTF-8" || c == "UTF8", codeset: codeset, name: name)
    }
}
