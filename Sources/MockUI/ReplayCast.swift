import InterviewKit
import TerminalKit

/// A recorded session as an asciicast v2 file: the practice screen drawn by the same views at a
/// fixed size, frame by frame, with stage changes, follow-ups, hints, questions and pauses as
/// "m" markers. Only our own cursor and colour sequences are written: every cell's text is
/// checked, so nothing typed into the session can reach the viewer's terminal as a control.
public enum ReplayCast {
    public struct Options: Sendable {
        public var size: Size
        public var glyphs: Glyphs
        /// The cast's `idle_time_limit` (players shorten longer pauses); nil leaves it out.
        public var idleTimeLimit: Double?
        /// Events closer together than this are drawn as one frame.
        public var frameInterval: Double
        /// Extra markers (the coach's comments).
        public var extraMarkers: [ReplayMarker]
        /// Unix time of the session's start, for the header.
        public var timestamp: Int?
        public init(size: Size = Size(width: 100, height: 30), glyphs: Glyphs = .unicode, idleTimeLimit: Double? = 2,
                    frameInterval: Double = 0.05, extraMarkers: [ReplayMarker] = [], timestamp: Int? = nil) {
            self.size = size; self.glyphs = glyphs; self.idleTimeLimit = idleTimeLimit
            self.frameInterval = frameInterval; self.extraMarkers = extraMarkers; self.timestamp = timestamp
        }
    }

    /// Writes the whole cast, line by line, to `out`.
    public static func render(_ r: Recording, options o: Options = Options(), to out: (String) -> Void) {
        var header = "{\"version\":2,\"width\":\(o.size.width),\"height\":\(o.size.height)"
        if let ts = o.timestamp { header += ",\"timestamp\":\(ts)" }
        header += ",\"duration\":"
        JSONWriter.seconds(r.duration, into: &header)
        if let l = o.idleTimeLimit { header += ",\"idle_time_limit\":"; JSONWriter.number(l, into: &header) }
        header += ",\"title\":"
        JSONWriter.string("mlsd · " + SafeText.visible(r.scenario.title), into: &header)
        header += ",\"env\":{\"TERM\":\"xterm-256color\"}}"
        out(header + "\n")

        var screen = PracticeScreen(replaying: r.scenario, settings: r.settings)
        screen.resize(o.size)
        var writer = AnsiFrameWriter()
        let markers = (Replay.markers(of: r) + o.extraMarkers).sorted { $0.at < $1.at }
        var nextMarker = 0
        func line(_ t: Double, _ code: String, _ data: String) {
            var s = "["
            JSONWriter.seconds(t, into: &s)
            s += ",\"" + code + "\","
            JSONWriter.string(data, into: &s)
            out(s + "]\n")
        }
        func frame(at t: Double) {
            while nextMarker < markers.count && markers[nextMarker].at <= t {
                line(markers[nextMarker].at, "m", SafeText.visible(markers[nextMarker].label))
                nextMarker += 1
            }
            let bytes = writer.write(screen.view(size: o.size, at: t, glyphs: o.glyphs))
            if !bytes.isEmpty { line(t, "o", bytes) }
        }
        frame(at: 0)
        let events = r.events
        var i = 0
        var nextSecond = 1.0
        while i < events.count {
            let te = events[i].at
            if nextSecond < te {
                // the clocks move on even when nobody types
                screen.expireMessage(at: nextSecond)
                frame(at: nextSecond)
                nextSecond += 1
                continue
            }
            let limit = te + o.frameInterval
            var last = te
            while i < events.count && events[i].at <= limit {
                screen.replay(events[i])
                last = events[i].at
                i += 1
            }
            frame(at: last)
            nextSecond = last.rounded(.down) + 1
        }
        while nextMarker < markers.count { line(markers[nextMarker].at, "m", SafeText.visible(markers[nextMarker].label)); nextMarker += 1 }
        line(r.duration, "o", "\u{1b}[0m\u{1b}[?25h")
    }

    /// The whole cast as one string.
    public static func render(_ r: Recording, options: Options = Options()) -> String {
        var s = ""
        render(r, options: options) { s += $0 }
        return s
    }
}

/// Turns frames into the terminal output that draws them, sending only what changed.
struct AnsiFrameWriter {
    var previous: Frame?
    /// The colour sequence in force (equal looks share one).
    var sgr: String?
    var cursorShown: Bool?

    mutating func write(_ f: Frame) -> String {
        var o = ""
        let w = f.size.width, h = f.size.height
        let full = previous == nil || previous!.size != f.size
        if full {
            o += "\u{1b}[0m\u{1b}[?25l\u{1b}[H\u{1b}[2J"
            sgr = nil
            cursorShown = false
        }
        var atX = -1, atY = -1
        for y in 0..<h {
            var x = 0
            while x < w {
                let c = f[x, y]
                if c.isContinuation { x += 1; continue }
                let text = AnsiFrameWriter.text(of: c, in: f)
                if !full, let p = previous, p[x, y] == c, AnsiFrameWriter.text(of: p[x, y], in: p) == text,
                   !(x + 1 < w && p[x + 1, y].isContinuation != f[x + 1, y].isContinuation) {
                    x += 1; continue
                }
                if atX != x || atY != y { o += "\u{1b}[\(y + 1);\(x + 1)H" }
                let look = AnsiFrameWriter.sgr(c.style)
                if sgr != look { o += look; sgr = look }
                o += text
                let wide = x + 1 < w && f[x + 1, y].isContinuation
                x += wide ? 2 : 1
                atX = x; atY = y
            }
        }
        if let c = f.cursor, c.x >= 0, c.y >= 0, c.x < w, c.y < h {
            if !full && atX == -1, let p = previous, p.cursor == c, cursorShown == true { } else {
                o += "\u{1b}[\(c.y + 1);\(c.x + 1)H"
                if cursorShown != true { o += "\u{1b}[?25h"; cursorShown = true }
            }
        } else if cursorShown != false {
            o += "\u{1b}[?25l"; cursorShown = false
        }
        previous = f
        return o
    }

    /// A cell's text with anything that a terminal would obey replaced by a visible character.
    static func text(of c: Cell, in f: Frame) -> String {
        if c.scalar >= 0x20 && c.scalar < 0x7F { return String(UnicodeScalar(UInt8(c.scalar))) }
        var o = ""
        for ch in rawText(c, f) { o.append(SafeText.character(ch)) }
        return o.isEmpty ? " " : o
    }

    static func rawText(_ c: Cell, _ f: Frame) -> String {
        if c.scalar >= Cell.clusterBase {
            let i = Int(c.scalar - Cell.clusterBase)
            return i < f.clusters.count ? f.clusters[i] : "?"
        }
        return Unicode.Scalar(c.scalar).map { String(Character($0)) } ?? "?"
    }

    /// 256-colour looks by role (the same choices as the terminal's palette).
    static let looks: [(fg: Int, bg: Int, bold: Bool)] = [
        (-1, -1, false), (117, -1, true), (255, 24, true), (245, -1, false), (75, -1, false), (214, -1, false),
        (203, -1, true), (114, -1, false), (231, 25, false), (240, -1, false), (75, -1, true), (116, -1, false),
        (222, -1, true), (16, 221, false), (-1, 236, false),
    ]

    static func sgr(_ s: Style) -> String {
        let l = looks[Int(s.role.rawValue) % looks.count]
        var p = ["0"]
        if s.bold || l.bold { p.append("1") }
        if s.underline { p.append("4") }
        if s.reverse { p.append("7") }
        if l.fg >= 0 { p.append("38;5;\(l.fg)") }
        if l.bg >= 0 { p.append("48;5;\(l.bg)") }
        return "\u{1b}[" + p.joined(separator: ";") + "m"
    }
}
