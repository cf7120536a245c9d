import Foundation
import XCTest

/// The README's screenshot is a real capture: run the real binary on the demo at 80×24, press the
/// keys the README lists (`2`, Tab, `G`, Enter, Tab, `j`, `r`), capture the pane and compare it with
/// the block after "Captured with `tmux capture-pane`", line by line.
final class ReadmeCaptureEndToEndTests: XCTestCase {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    func testReadmeCaptureMatchesTheRealScreen() throws {
        let expected = try Self.readmeCapture()
        XCTAssertEqual(expected.count, 24, "the README block is an 80×24 screen")

        let app = try DemoApp(width: 80, height: 24)
        let t = app.tmux
        app.waitForProjects()
        // Each key is sent on a settled screen (see ListNavigation.swift): a key that meets a list
        // still loading would land elsewhere. Keys sent together are handled in order by the app.
        settle(t, "the dev root") { $0.contains("Secrets · dev · /") && $0.contains("stripe/") }
        t.send("2")
        settle(t, "the staging root") { $0.contains("Secrets · staging · /") && $0.contains("stripe/") }
        t.send("Tab"); t.send("G"); t.send("Enter")
        settle(t, "staging /stripe") { $0.contains("Secrets · staging · /stripe") && $0.contains("STRIPE_SECRET_KEY") }
        t.send("Tab"); t.send("j")
        settle(t, "STRIPE_SECRET_KEY selected") { $0.contains("Key      STRIPE_SECRET_KEY") }
        t.send("r")
        let screen = settle(t, "the value revealed") { $0.contains("masks again in") && $0.contains("? help") }

        let actual = Array(screen.components(separatedBy: "\n").prefix(24))
        let e = expected.map(Self.normalise), a = actual.map(Self.normalise)
        var report: [String] = []
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : nil) != (i < a.count ? a[i] : nil) {
            report.append("@@ line \(i + 1) @@\n-|\(i < e.count ? e[i] : "(no line)")|\n+|\(i < a.count ? a[i] : "(no line)")|")
        }
        XCTAssertTrue(report.isEmpty, "README capture is stale (- README, + real screen, after normalising):\n"
                      + report.joined(separator: "\n") + "\nreal screen:\n" + screen)
        t.send("q")
        app.assertExitedCleanly()
    }

    /// The capture block: the fenced block after the line that says "Captured with".
    static func readmeCapture() throws -> [String] {
        let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        guard let said = lines.firstIndex(where: { $0.contains("Captured with") }),
              let open = lines[said...].firstIndex(where: { $0.hasPrefix("```") }),
              let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") }) else {
            throw TmuxError("README.md has no capture block after \"Captured with\"")
        }
        return Array(lines[(open + 1)..<close])
    }

    /// Only what provably changes between runs is normalised, and only on its own line:
    /// - the dev server's port (`--demo` picks a free one) → `PORT`;
    /// - the re-mask countdown (`masks again in 30s`, ticking each second) → `Ns`;
    /// - the data age on the status line (`data fresh`, or `data 5s old` on a slow machine) → `AGE`.
    /// A line with one of these also has its runs of spaces collapsed, since a shorter or longer
    /// number shifts the padding after it. Every other line must match exactly (trailing spaces
    /// aside, which `capture-pane` does not keep).
    static func normalise(_ line: String) -> String {
        var s = line
        var timeDependent = false
        for (pattern, replacement) in [(#"127\.0\.0\.1:[0-9]+"#, "127.0.0.1:PORT"),
                                        (#"masks again in [0-9]+s"#, "masks again in Ns"),
                                        (#"data (fresh|[0-9]+[smhd] old)"#, "data AGE")] {
            if s.range(of: pattern, options: .regularExpression) != nil {
                s = s.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
                timeDependent = true
            }
        }
        if timeDependent { s = s.replacingOccurrences(of: " {2,}", with: " ", options: .regularExpression) }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// A settled screen (same twice, no spinner) that holds `predicate`; fails with the last screen.
    @discardableResult
    func settle(_ t: TmuxSession, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                _ predicate: @escaping (String) -> Bool) -> String {
        if let s = t.settledScreen(until: Date().addingTimeInterval(30), where: { predicate($0.text) }) { return s.text }
        let last = t.capture()
        XCTFail("timed out waiting for \(what); screen was:\n\(last)", file: file, line: line)
        return last
    }
}
