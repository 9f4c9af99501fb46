import TerminalKit

/// How many colours to use, as asked for on the command line.
public enum ColorMode: String, Sendable, CaseIterable {
    /// As many as the terminal offers, none when `NO_COLOR` is set.
    case auto
    /// No colour at all, only attributes (also what `NO_COLOR` gives).
    case monochrome
    /// The eight basic colours, even on a terminal that offers more.
    case eight
    /// The 256-colour palette (falls back to eight when the terminal has fewer).
    case twoFiftySix

    /// Parses a command-line value: auto, none/never/mono/monochrome, 8, 256.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "none", "never", "no", "mono", "monochrome", "off": self = .monochrome
        case "8", "eight", "basic": self = .eight
        case "256", "twofiftysix", "always": self = .twoFiftySix
        default: return nil
        }
    }
}

/// The colour set actually in use.
public enum ColorProfile: String, Sendable, CaseIterable {
    case monochrome, eight, twoFiftySix

    /// Picks the profile; pure so that tests can hand in any environment.
    /// - Parameters:
    ///   - hasColors: what `has_colors()` said.
    ///   - colors: what `COLORS` said after `start_color()`.
    ///   - environment: looks a variable up (`NO_COLOR` wins over everything but a forced mode).
    public static func choose(
        mode: ColorMode, hasColors: Bool, colors: Int, environment: (String) -> String?
    ) -> ColorProfile {
        if !hasColors || colors < 8 { return .monochrome }
        switch mode {
        case .monochrome:
            return .monochrome
        case .eight:
            return .eight
        case .twoFiftySix:
            return colors >= 256 ? .twoFiftySix : .eight
        case .auto:
            // https://no-color.org: any non-empty value.
            if let v = environment("NO_COLOR"), !v.isEmpty { return .monochrome }
            return colors >= 256 ? .twoFiftySix : .eight
        }
    }
}
