import Foundation

/// One measured figure: a name, a value with its unit, and the target it is held to.
struct Figure {
    var name: String
    var value: Double
    var unit: String
    var target: String
    var ok: Bool?
}

/// Measures CPU time (user + system) of a block, in seconds.
func cpuTime(_ body: () throws -> Void) rethrows -> Double {
    var a = rusage(), b = rusage()
    getrusage(RUSAGE_SELF.rawValue, &a)
    try body()
    getrusage(RUSAGE_SELF.rawValue, &b)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return (s(b.ru_utime) - s(a.ru_utime)) + (s(b.ru_stime) - s(a.ru_stime))
}

/// CPU time of the calling thread, in seconds.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Wall time of a block, in seconds.
func wallTime(_ body: () throws -> Void) rethrows -> Double {
    let c = ContinuousClock()
    let d = try c.measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// The best (lowest) of `n` runs.
func best(of n: Int, _ measure: () throws -> Double) rethrows -> Double {
    var m = Double.infinity
    for _ in 0..<n { m = min(m, try measure()) }
    return m
}

func report(_ f: Figure) {
    let v: String
    switch f.unit {
    case "ms": v = String(format: "%.2f ms", f.value)
    case "µs": v = String(format: "%.1f µs", f.value)
    case "B": v = String(format: "%.1f bytes", f.value)
    case "MB": v = String(format: "%.2f MB", f.value)
    case "%": v = String(format: "%.1f %%", f.value)
    default: v = String(format: "%.3f %@", f.value, f.unit)
    }
    let mark = f.ok.map { $0 ? "ok  " : "MISS" } ?? "    "
    print("\(mark) \(f.name.padding(toLength: 58, withPad: " ", startingAt: 0)) \(v.padding(toLength: 14, withPad: " ", startingAt: 0)) target \(f.target)")
}
