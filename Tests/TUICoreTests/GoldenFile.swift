import Foundation
import XCTest

/// Exact-screen golden files, in the style of ratatui's `assert_buffer_lines` and tig's expected
/// displays: the WHOLE rendered screen, compared line by line with a text file.
///
/// Files live in `Tests/TUICoreTests/Golden/<screen>.<W>x<H>.txt`, found relative to this source
/// file (`#filePath`), so no SwiftPM resources are needed. A file holds exactly H lines, one per
/// screen row, each with its trailing spaces trimmed (as `Grid.text` trims them) so the files read
/// well in a diff and an editor; leading spaces and blank rows are kept, and the line count must
/// equal the height. Colours and styles are not in the files (other tests check styles).
///
/// Re-record every golden (then review `git diff Tests/TUICoreTests/Golden`):
///
///     GOLDEN_RECORD=1 swift test --skip-build --disable-swift-testing --filter GoldenScreenTests
///
/// or `make goldens`, which builds, records, then re-runs the check. A recording run writes the files
/// and FAILS with "recorded N goldens, re-run without GOLDEN_RECORD", so it is never green by accident.
enum GoldenFile {
    static let recordCommand = "GOLDEN_RECORD=1 swift test --skip-build --disable-swift-testing --filter GoldenScreenTests"

    static var recording: Bool {
        let v = ProcessInfo.processInfo.environment["GOLDEN_RECORD"] ?? ""
        return !v.isEmpty && v != "0"
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func fileName(_ screen: String, width: Int, height: Int) -> String { "\(screen).\(width)x\(height).txt" }

    static func url(_ screen: String, width: Int, height: Int) -> URL {
        directory.appendingPathComponent(fileName(screen, width: width, height: height))
    }

    /// The file's text for a screen: its lines, trailing spaces trimmed, newline-terminated.
    static func encode(_ lines: [String]) -> String { lines.map(trimTrailing).joined(separator: "\n") + "\n" }

    static func decode(_ text: String) -> [String] {
        var t = text
        if t.hasSuffix("\n") { t.removeLast() }
        return t.components(separatedBy: "\n")
    }

    static func trimTrailing(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    /// Writes the golden (recording) or compares `actual` with it. Returns true when it recorded.
    @discardableResult
    static func check(_ actual: [String], screen: String, width: Int, height: Int,
                      file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let name = fileName(screen, width: width, height: height)
        let lines = actual.map(trimTrailing)
        XCTAssertEqual(lines.count, height, "\(name): the rendered screen has \(lines.count) lines, not the height \(height)",
                       file: file, line: line)
        let target = url(screen, width: width, height: height)
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try encode(lines).write(to: target, atomically: true, encoding: .utf8)
            } catch {
                XCTFail("\(name): cannot write the golden: \(error)", file: file, line: line)
            }
            return true
        }
        guard let text = try? String(contentsOf: target, encoding: .utf8) else {
            XCTFail("\(name): no golden file at \(target.path); record it with\n    \(recordCommand)\nactual screen:\n"
                    + numbered(lines), file: file, line: line)
            return false
        }
        let expected = decode(text)
        XCTAssertEqual(expected.count, height, "\(name): the golden has \(expected.count) lines, not the height \(height)",
                       file: file, line: line)
        let report = diff(expected: expected, actual: lines)
        if !report.isEmpty {
            XCTFail("\(name): screen differs from the golden (- expected, + actual; re-record with `\(recordCommand)` "
                    + "if the change is intended)\n" + report + "\nactual screen:\n" + numbered(lines), file: file, line: line)
        }
        return false
    }

    /// A unified-style diff, row by row (a screen has fixed rows, so no alignment search is needed):
    /// for each differing row its number, the expected line and the actual line.
    static func diff(expected: [String], actual: [String]) -> String {
        var out: [String] = []
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : nil
            let a = i < actual.count ? actual[i] : nil
            guard e != a else { continue }
            out.append("@@ line \(i + 1) @@")
            out.append("-" + (e.map { "|\($0)|" } ?? "(no line)"))
            out.append("+" + (a.map { "|\($0)|" } ?? "(no line)"))
        }
        return out.joined(separator: "\n")
    }

    static func numbered(_ lines: [String]) -> String {
        lines.enumerated().map { n, l in
            let num = String(n + 1)
            return String(repeating: " ", count: max(0, 3 - num.count)) + num + " |\(l)|"
        }.joined(separator: "\n")
    }
}
