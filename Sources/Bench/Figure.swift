import Foundation

/// One benchmark figure: samples of one quantity in one unit. `make bench` prints each as a JSON
/// line `{"name","unit","median","p95","n"}` and as a row of the table after.
struct Figure {
    let name: String
    let unit: String
    let samples: [Double]
    /// What the figure measures, for the table (the JSON line carries only the numbers).
    var note: String = ""

    var median: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }

    func percentile(_ p: Double) -> Double {
        let s = samples.sorted()
        guard !s.isEmpty else { return .nan }
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded(.up)))]
    }

    var jsonLine: String {
        func num(_ v: Double) -> String {
            guard v.isFinite else { return "null" }
            return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.4f", v)
        }
        return "{\"name\":\"\(name)\",\"unit\":\"\(unit)\",\"median\":\(num(median)),\"p95\":\(num(p95)),\"n\":\(samples.count)}"
    }

    var tableRow: String {
        func v(_ x: Double) -> String {
            guard x.isFinite else { return "-" }
            if unit == "bytes" || unit == "requests" || unit == "count" { return String(Int(x)) }
            return x >= 100 ? String(format: "%.0f", x) : x >= 1 ? String(format: "%.2f", x) : String(format: "%.4f", x)
        }
        let label = name.padding(toLength: 40, withPad: " ", startingAt: 0)
        let unitCol = unit.padding(toLength: 9, withPad: " ", startingAt: 0)
        let nums = v(median).leftPad(10) + " " + v(p95).leftPad(10) + " " + String(samples.count).leftPad(5)
        return "\(label) \(unitCol)\(nums)  \(note)"
    }

    static let tableHeader = "name".padding(toLength: 40, withPad: " ", startingAt: 0) + " unit     "
        + "median".leftPad(10) + " " + "p95".leftPad(10) + " " + "n".leftPad(5) + "  what"
}

extension Measurement {
    /// The measurement (seconds per iteration) as a figure in milliseconds.
    func figure(_ key: String) -> Figure {
        Figure(name: key, unit: "ms", samples: samples.map { $0 * 1000 }, note: name)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Collects figures as they come; JSON lines are printed at once (a long run shows progress),
/// the table at the end.
final class Report {
    private(set) var figures: [Figure] = []
    var failures: [String] = []

    func add(_ f: Figure) {
        figures.append(f)
        Report.out(f.jsonLine)
    }

    func add(_ fs: [Figure]) { fs.forEach(add) }

    /// Runs one section; a failure is reported (and makes the exit status 1) without stopping the rest.
    func section(_ name: String, _ body: () throws -> Void) {
        do { try body() } catch {
            failures.append("\(name): \(error)")
            FileHandle.standardError.write(Data("infisical-bench: \(name) failed: \(error)\n".utf8))
        }
    }

    func printTable() {
        Report.out("")
        Report.out(Figure.tableHeader)
        for f in figures { Report.out(f.tableRow) }
        for f in failures { Report.out("FAILED  \(f)") }
    }

    /// Unbuffered, so JSON lines show as they come even through a pipe.
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
