import CNcursesw
import Synchronization

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
    /// Sets the character type (LC_CTYPE, the only category the program reads: `wcwidth` does)
    /// from the environment, falling back to a UTF-8 one when the environment's is not UTF-8
    /// (under `LANG=C` wcwidth gives wide characters one column). Call it before opening the terminal.
    ///
    /// When the environment names a UTF-8 locale (`LANG=C.UTF-8`, the usual case), the locale
    /// itself is loaded only when a character first needs `wcwidth` (see `localeLoaded`):
    /// loading it reads `locale.alias` and maps a 350 KB table, about 0.05 ms of a 3 ms start
    /// whose first frame (ASCII, box drawing, accented Latin) needs none of it.
    @discardableResult
    public static func setUpLocale(environment: [String: String]? = nil) -> LocaleResult {
        if let name = namedLocale(environment), isUTF8Name(name) {
            let r = LocaleResult(isUTF8: true, codeset: "UTF-8", name: name)
            localeState.withLock { $0 = r }
            return r
        }
        return loadLocale()
    }

    /// Loads the character type now: the environment's, else a UTF-8 one.
    @discardableResult
    static func loadLocale() -> LocaleResult {
        _ = mlsd_setlocale_ctype_from_env()
        if !localeInForce.isUTF8 {
            for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
                if mlsd_setlocale_ctype(name) != nil, localeInForce.isUTF8 { break }
            }
        }
        let r = localeInForce
        localeState.withLock { $0 = r }
        return r
    }

    /// The locale loaded, the first time a character needs the locale's width (`wcwidth`).
    static let localeLoaded: Bool = {
        loadLocale()
        return true
    }()

    /// What `setUpLocale` found (nil before it is called).
    private static let localeState = Mutex<LocaleResult?>(nil)

    /// The locale the environment names for LC_CTYPE (LC_ALL, else LC_CTYPE, else LANG; the
    /// first that is set and not empty), or nil.
    static func namedLocale(_ environment: [String: String]?) -> String? {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            let v = environment.map { $0[key] } ?? processEnvironment(key)
            if let v, !v.isEmpty { return v }
        }
        return nil
    }

    /// Whether a locale name's codeset (after the dot, before any `@`) is UTF-8.
    static func isUTF8Name(_ name: String) -> Bool {
        guard let dot = name.firstIndex(of: ".") else { return false }
        let codeset = name[name.index(after: dot)...].prefix { $0 != "@" }.uppercased()
        return codeset == "UTF-8" || codeset == "UTF8"
    }

    /// True when the codeset is UTF-8 (pick `Glyphs.unicode`, else `Glyphs.ascii`).
    public static var isUnicodeCapable: Bool { currentLocale.isUTF8 }

    /// What `setUpLocale` found, or (before it) the locale in force.
    public static var currentLocale: LocaleResult {
        localeState.withLock { $0 } ?? localeInForce
    }

    /// The C library's locale as it is now.
    static var localeInForce: LocaleResult {
        let codeset = mlsd_codeset().map { String(cString: $0) } ?? ""
        let name = mlsd_current_ctype().map { String(cString: $0) } ?? ""
        let c = codeset.uppercased()
        return LocaleResult(isUTF8: c == "UTF-8" || c == "UTF8", codeset: codeset, name: name)
    }
}
