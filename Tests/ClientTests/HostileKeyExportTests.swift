import Foundation
import InfisicalModels
import TestSupport
import XCTest
import Yams
@testable import InfisicalClient

/// Keys a developer-role member can create (Infisical forbids little more than `:` and `/`) that
/// would run code or inject lines in a dotenv file, through every export format of the real CLI
/// against the dev server. The dotenv file is sourced by bash in a scratch directory: the `pwned`
/// file must never appear. python-dotenv reads the same file back.
final class HostileKeyExportTests: XCTestCase {
    static let hostile: [ExportEntry] = [
        .init(key: "X=$(touch${IFS}pwned)", value: "v1"),
        .init(key: "NL\nPWN=$(touch${IFS}pwned)", value: "v2"),
        .init(key: "Q\"K", value: "v3"),
        .init(key: "Q'K", value: "v4"),
        .init(key: "WITH SPACE", value: "v5"),
        .init(key: "A;touch${IFS}pwned", value: "v6"),
        .init(key: "`touch${IFS}pwned`", value: "v7"),
        .init(key: "1LEADING_DIGIT", value: "v8"),
        .init(key: "my-key", value: "v9"),
        .init(key: "CLÉ", value: "v10"),
        .init(key: "ESC\u{1b}]0;title\u{7}", value: "v11"),
    ]
    static let valid: [ExportEntry] = [
        .init(key: "GOOD_KEY", value: "$(touch pwned) `touch pwned`; touch pwned \"q\""),
        .init(key: "_UNDERSCORE_1", value: "line1\nline2"),
    ]

    /// The repository's venv python when it exists (pinned python-dotenv), else python3.
    static var python: (String, [String]) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let venv = root.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? (venv, []) : ("/usr/bin/env", ["python3"])
    }

    static func pythonDotenv(_ path: String) throws -> [String: String] {
        let (exe, pre) = python
        let r = try ChildProcess.run(exe, pre + ["-c",
            "import json,sys; from dotenv import dotenv_values; sys.stdout.write(json.dumps(dotenv_values(sys.argv[1])))", path],
            env: ProcessInfo.processInfo.environment)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String]) ?? [:]
    }

    /// `set -a; . file` in a fresh scratch directory; returns the values of `keys` and whether a
    /// `pwned` file appeared there.
    static func bashSource(_ file: String, keys: [String]) throws -> (values: [String: String], pwned: Bool, status: Int32) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("src-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try ChildProcess.run("/bin/bash", ["-c", #"set -a; . "$1"; rc=$?; shift; for __harness_k in "$@"; do printf '%s\0' "${!__harness_k}"; done; exit $rc"#,
                                                    "_", file] + keys, env: ["PATH": "/usr/bin:/bin"], cwd: scratch.path)
        // Split on scalars: a NUL followed by a combining mark is one Character.
        var parts: [String] = [], cur = String.UnicodeScalarView()
        for u in r.stdout.unicodeScalars { if u == "\0" { parts.append(String(cur)); cur = .init() } else { cur.append(u) } }
        var out: [String: String] = [:]
        for (i, k) in keys.enumerated() where i < parts.count { out[k] = parts[i] }
        return (out, FileManager.default.fileExists(atPath: scratch.appendingPathComponent("pwned").path), r.status)
    }

    /// The harness itself: a line that really is executable must trip the `pwned` check, or the
    /// checks below would prove nothing.
    func testHarnessDetectsExecution() throws {
        let f = FileManager.default.temporaryDirectory.appendingPathComponent("ctl-\(UUID().uuidString).env").path
        defer { unlink(f) }
        try "X=$(touch${IFS}pwned)='v1'\n".write(toFile: f, atomically: true, encoding: .utf8)
        XCTAssertTrue(try Self.bashSource(f, keys: []).pwned)
    }

    func testHostileKeysThroughEveryFormatOfTheCLI() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let admin = server.identity("admin")
        let api = try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: server.url)!,
                                                                      credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret)))
        let project = try api.project(idOrSlug: "opticworks-store")
        try api.createFolder(projectId: project.id, environment: "dev", path: "/", name: "hostile")
        for e in Self.hostile + Self.valid {
            _ = try api.createSecret(projectId: project.id, environment: "dev", path: "/hostile", name: e.key, value: e.value)
        }
        var truth: [String: String] = [:]
        for s in try api.listSecrets(projectId: project.id, environment: "dev", path: "/hostile", viewValues: true).secrets {
            truth[s.secretKey] = s.secretValue
        }
        // The server keeps every hostile key as given: the export really meets them.
        XCTAssertEqual(Set(truth.keys), Set((Self.hostile + Self.valid).map(\.key)))

        let cli = try CLI(server: server, role: "developer"); defer { cli.cleanup() }
        let scope = ["--projectId", "opticworks-store", "--env", "dev", "--path", "/hostile"]
        for format in [ExportFormat.dotenv, .dotenvExport] {
            // Default: refused, keys named (escaped), nothing written, nothing on stdout.
            let out = cli.home.appendingPathComponent("refused.\(format.rawValue)").path
            let refused = try cli.run(["export", "--format", format.rawValue, "--output-file", out] + scope)
            XCTAssertEqual(refused.status, 1, refused.stderr)
            XCTAssertTrue(refused.stderr.hasPrefix("error: refusing to write a dotenv file: 11 keys are not a shell variable name"), refused.stderr)
            for shown in ["\"X=$(touch${IFS}pwned)\"", "\"NL^JPWN=$(touch${IFS}pwned)\"", "\"Q\"K\"", "\"WITH SPACE\"", "\"ESC^[]0;title^G\""] {
                XCTAssertTrue(refused.stderr.contains(shown), "\(shown) in \(refused.stderr)")
            }
            XCTAssertFalse(refused.stderr.contains("\u{1b}"), "the key's escape sequence reaches the terminal raw")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
            let piped = try cli.run(["export", "--format", format.rawValue] + scope)
            XCTAssertEqual(piped.status, 1); XCTAssertEqual(piped.stdout, "")

            // --skip-invalid-keys: the rest is written and the skipped keys are listed.
            let kept = cli.home.appendingPathComponent("kept.\(format.rawValue)").path
            let r = try cli.run(["export", "--format", format.rawValue, "--output-file", kept, "--skip-invalid-keys"] + scope)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("warning: skipped 11 keys a dotenv file cannot carry: \"1LEADING_DIGIT\", "), r.stderr)
            XCTAssertTrue(r.stderr.contains(", \"X=$(touch${IFS}pwned)\", "), r.stderr)
            XCTAssertTrue(r.stderr.contains("wrote 2 secrets"), r.stderr)
            let validKeys = Self.valid.map(\.key)
            let sourced = try Self.bashSource(kept, keys: validKeys)
            XCTAssertFalse(sourced.pwned, "sourcing the \(format) export ran a command")
            XCTAssertEqual(sourced.status, 0)
            for k in validKeys { XCTAssertEqual(sourced.values[k], truth[k], "bash \(format) \(k)") }
            let py = try Self.pythonDotenv(kept)
            XCTAssertEqual(py, truth.filter { validKeys.contains($0.key) }, "python-dotenv \(format): no injected keys, exact values")
        }

        // JSON, YAML and CSV keep every key as quoted data, read back exactly by real parsers.
        for format in [ExportFormat.json, .yaml, .csv] {
            let out = cli.home.appendingPathComponent("all.\(format.rawValue)").path
            let r = try cli.run(["export", "--format", format.rawValue, "--output-file", out] + scope)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try ExportPropertyTests.readBack(out, format), truth, format.rawValue)
        }
    }

    /// The TUI's copy-to-file uses the same rule and says the same thing.
    func testTUIWriterRefusesWithTheSameMessage() throws {
        let entries = Self.hostile + Self.valid
        XCTAssertThrowsError(try ExportFormatter.render(entries, as: .dotenv)) { e in
            let err = e as? InfisicalError
            XCTAssertEqual(err?.message, DotenvKeyRule.refusal(Self.hostile.map(\.key)).message)
            XCTAssertEqual(err?.kind, .usage)
        }
        let skipped = try ExportFormatter.render(entries, as: .dotenvExport, invalidKeys: .skip)
        XCTAssertEqual(skipped.skipped, Self.hostile.map(\.key))
        XCTAssertFalse(skipped.text.contains("pwned)="))
        // A NUL in a value cannot be carried by a dotenv file either (bash drops it).
        XCTAssertEqual(DotenvKeyRule.refusedKeys([.init(key: "OK", value: "a\u{0}b")]), ["OK"])
        for k in ["A", "_", "a_1", "_9", "ABC_DEF"] { XCTAssertTrue(DotenvKeyRule.isValidKey(k), k) }
        for k in ["", "1A", "A-B", "A B", "É", "A\u{301}", "A\n", "A=B", "Ａ"] { XCTAssertFalse(DotenvKeyRule.isValidKey(k), k) }
    }

    /// Audit CSV is opened in spreadsheets: a cell that starts like a formula is defused.
    func testAuditCSVFormulaGuard() throws {
        let csv = ExportFormatter.csvTable(["a", "b", "c", "d", "e", "f"],
                                           [["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain", "\tTAB"]], formulaGuard: true)
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).csv").path
        defer { unlink(p) }
        try csv.write(toFile: p, atomically: true, encoding: .utf8)
        let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
            "import csv,json,sys; sys.stdout.write(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))", p],
            env: ProcessInfo.processInfo.environment)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String]], r.stderr)
        XCTAssertEqual(rows[1], ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "plain", "'\tTAB"])
        for cell in rows[1] { XCTAssertFalse("=+-@\t".contains(cell.first!), cell) }
        // Secret exports are data and stay exact.
        XCTAssertTrue(try ExportFormatter.render([.init(key: "K", value: "=1+1")], as: .csv).text.contains("K,=1+1\r\n"))
    }
}
