import TestSupport
import Foundation
import XCTest
import Yams
@testable import InfisicalClient

/// Values that break naive exporters. Every format is parsed back by a real parser and compared
/// value for value: python-dotenv and bash for dotenv, JSONSerialization, Yams, python's csv.
let trickyValues: [ExportEntry] = [
    .init(key: "PLAIN", value: "postgres://app:pw@db:5432/app?sslmode=require"),
    .init(key: "MULTILINE", value: "-----BEGIN KEY-----\nMIIB\nabc==\n-----END KEY-----\n"),
    .init(key: "SINGLE_QUOTE", value: "it's"),
    .init(key: "DOUBLE_QUOTE", value: "say \"hi\""),
    .init(key: "BOTH_QUOTES", value: "it's \"quoted\"\nnext line"),
    .init(key: "DOLLAR", value: "$HOME $(whoami) `id` $1"),
    .init(key: "HASH", value: "a # not a comment #x"),
    .init(key: "EQUALS", value: "k=v=w=="),
    .init(key: "UNICODE", value: "日本語 🚀 ünïcødé"),
    .init(key: "BACKSLASH", value: "C:\\new\\table \\\\ say \\\"x\\\" end"),
    .init(key: "BACKSLASH_DOLLAR", value: "\\d+ costs $5 \\n"),
    .init(key: "TAB_SPACES", value: "  padded\tvalue  "),
    .init(key: "EMPTY", value: ""),
]

final class ExportFormatTests: XCTestCase {
    var tmp: URL!
    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("exp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func write(_ text: String, _ name: String) throws -> String {
        let p = tmp.appendingPathComponent(name).path
        try AtomicFileWriter.write(Data(text.utf8), to: p)
        return p
    }

    static func pythonDotenv(_ path: String) throws -> [String: String] {
        let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
            "import json,sys; from dotenv import dotenv_values; sys.stdout.write(json.dumps(dotenv_values(sys.argv[1])))", path],
            env: ProcessInfo.processInfo.environment)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String]) ?? [:]
    }

    static func bashSource(_ path: String, keys: [String]) throws -> [String: String] {
        let r = try ChildProcess.run("/bin/bash", ["-c", #"set -a; . "$1" || exit 3; shift; for k in "$@"; do printf '%s\0' "${!k}"; done"#,
                                                    "_", path] + keys, env: ["PATH": "/usr/bin:/bin"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let parts = r.stdout.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var out: [String: String] = [:]
        for (i, k) in keys.enumerated() where i < parts.count { out[k] = parts[i] }
        return out
    }

    func testDotenvRoundTripsThroughPythonDotenvAndBash() throws {
        // Both orders: a quoting bug can hide when a later line happens to re-balance quotes.
        for (format, entries) in [(ExportFormat.dotenv, trickyValues), (.dotenvExport, trickyValues), (.dotenv, trickyValues.reversed())] {
            let result = try ExportFormatter.render(entries, as: format)
            XCTAssertEqual(result.warnings, [], "\(format)")
            let path = try write(result.text, "x.\(format.rawValue)")
            let py = try Self.pythonDotenv(path)
            let sh = try Self.bashSource(path, keys: trickyValues.map(\.key))
            for e in trickyValues {
                XCTAssertEqual(py[e.key], e.value, "python-dotenv \(format) \(e.key)")
                XCTAssertEqual(sh[e.key], e.value, "bash \(format) \(e.key)")
            }
        }
    }

    func testUnportableValuesAreWarnedAndStillBashCorrect() throws {
        let odd = [ExportEntry(key: "QUOTE_AND_DOLLAR", value: "it's $5"), ExportEntry(key: "REF", value: "${OTHER}"),
                   ExportEntry(key: "TRAILING_BS", value: "ends with \\"), ExportEntry(key: "Z", value: "\"q\"")]
        let result = try ExportFormatter.render(odd, as: .dotenv)
        XCTAssertEqual(result.warnings.count, 3, "\(result.warnings)")
        let sh = try Self.bashSource(try write(result.text, "odd.env"), keys: odd.map(\.key))
        XCTAssertEqual(sh["QUOTE_AND_DOLLAR"], "it's $5")
        XCTAssertEqual(sh["REF"], "${OTHER}")
        XCTAssertEqual(sh["TRAILING_BS"], "ends with \\")
        XCTAssertEqual(sh["Z"], "\"q\"")
        // A key that is not a shell name is refused, not warned about (HostileKeyExportTests has more).
        XCTAssertThrowsError(try ExportFormatter.render([.init(key: "my-key", value: "x")], as: .dotenv))
    }

    func testJSONRoundTrip() throws {
        let text = try ExportFormatter.render(trickyValues, as: .json).text
        let arr = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: String]])
        XCTAssertEqual(arr.map { $0["key"]! }, trickyValues.map(\.key))
        XCTAssertEqual(arr.map { $0["value"]! }, trickyValues.map(\.value))
        let esc = try ExportFormatter.render([.init(key: "E", value: "\u{1b}[2J\u{7}")], as: .json).text
        XCTAssertFalse(esc.contains("\u{1b}"))
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(esc.utf8)) as? [[String: String]])?.first?["value"], "\u{1b}[2J\u{7}")
    }

    func testYAMLRoundTrip() throws {
        let all = trickyValues + [.init(key: "ESCAPES", value: "\u{1b}]0;title\u{7} \u{202e}rtl"), .init(key: "YES", value: "yes"),
                                  .init(key: "NUM", value: "0123"), .init(key: "NULLISH", value: "null")]
        let text = try ExportFormatter.render(all, as: .yaml).text
        let loaded = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        for e in all { XCTAssertEqual(loaded[e.key] as? String, e.value, "yaml \(e.key)\n\(text)") }
        // Python's yaml (if present) must agree too: it is what most consumers use.
        let p = try write(text, "x.yaml")
        let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
            "import json,sys,yaml; sys.stdout.write(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))", p],
            env: ProcessInfo.processInfo.environment)
        if r.status == 0, let d = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] {
            for e in all { XCTAssertEqual(d[e.key] as? String, e.value, "pyyaml \(e.key)") }
        }
    }

    func testCSVRoundTripThroughPythonCSV() throws {
        let text = try ExportFormatter.render(trickyValues, as: .csv).text
        let p = try write(text, "x.csv")
        let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
            "import csv,json,sys; sys.stdout.write(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", p],
            env: ProcessInfo.processInfo.environment)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String]])
        XCTAssertEqual(rows.first, ["Key", "Value"])
        XCTAssertEqual(Array(rows.dropFirst()).map { $0[0] }, trickyValues.map(\.key))
        XCTAssertEqual(Array(rows.dropFirst()).map { $0[1] }, trickyValues.map(\.value))
    }

    func testAtomicWriterModeAndSymlinkRefusal() throws {
        let p = try write("a", "f")
        var st = stat(); XCTAssertEqual(stat(p, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600)
        _ = try write("b", "f")
        XCTAssertEqual(try String(contentsOfFile: p, encoding: .utf8), "b")
        let link = tmp.appendingPathComponent("link").path
        symlink(p, link)
        XCTAssertThrowsError(try AtomicFileWriter.write(Data("c".utf8), to: link))
        XCTAssertThrowsError(try AtomicFileWriter.write(Data("c".utf8), to: "/nonexistent-dir/x")) {
            XCTAssertTrue(($0 as? InfisicalError)?.message.contains("No such file") ?? false, "\($0)")
        }
        // No temp files left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.contains(".tmp-") }, [])
    }

    func testFullDiskIsReported() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        // /dev/full cannot host a temp file; emulate ENOSPC via a tiny tmpfs is root-only, so check the mapping.
        errno = ENOSPC
        let e = AtomicFileWriter.ioError("cannot write /x")
        XCTAssertEqual(e.hint, "free some disk space and try again")
        XCTAssertTrue(e.message.contains("No space left"))
    }

    func testTerminalEscaping() {
        XCTAssertEqual(TerminalText.escape("a\u{1b}[2Jb\u{7}\u{7f}"), "a^[[2Jb^G^?")
        XCTAssertEqual(TerminalText.escape("x\u{202e}y\u{9b}"), "x<U+202E>y<U+009B>")
        XCTAssertEqual(TerminalText.escape("l1\nl2\t", keepNewlines: true), "l1\nl2\t")
        XCTAssertEqual(TerminalText.escape("l1\nl2"), "l1^Jl2")
        XCTAssertEqual(TerminalText.escape("日本 🚀"), "日本 🚀")
    }
}

import InfisicalModels
