import Foundation

/// Runs `body` repeatedly and reports the median and 95th percentile of one iteration.
struct Measurement {
    let name: String
    let samples: [Double]   // seconds

    var median: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }

    func percentile(_ p: Double) -> Double {
        let s = samples.sorted()
        guard !s.isEmpty else { return .nan }
        return s[min(s.count - 1, Int(Double(s.count - 1) * p))]
    }

    var line: String {
        "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) median \(format(median))  p95 \(format(p95))  (n=\(samples.count))"
    }

    static func run(_ name: String, iterations: Int, warmup: Int = 3, _ body: () throws -> Void) rethrows -> Measurement {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Measurement(name: name, samples: samples)
    }
}

func format(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%7.1f µs", seconds * 1e6) }
    return String(format: "%7.2f ms", seconds * 1e3)
}
