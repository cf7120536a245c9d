import Foundation
import InfisicalModels
import TestSupport
import XCTest
import Yams
@testable import InfisicalClient

/// Property: for thousands of random keys and values, through every writer, each value reads back
/// identically with a real reader, or the key is refused (dotenv only, `DotenvKeyRule`). The
/// values that python-dotenv cannot read back in any quoting (`${`, CR, ...) are the declared
/// exception: they are flagged `notPortable` (a warning) and must still read back in bash.
/// Seeded, so a failure is reproducible: the seed is in the failure message.
final class ExportPropertyTests: XCTestCase {
    static let seed: UInt64 = 0x1D_2026_1202
    static let batches = 12, perBatch = 250          // 3,000 entries per format

    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    /// Characters that break quoting: quotes, backslashes, shell and dotenv metacharacters,
    /// line breaks of every kind, C0/C1 controls, NUL, combining marks after quotes, bidi and
    /// zero-width characters, wide and astral characters.
    static let nasty: [String] = ["'", "\"", "\\", "$", "`", "{", "}", "(", ")", "$(", "${", "#", "=", " ", "\t", "\n", "\r", "\r\n",
                                  "\u{0}", "\u{1}", "\u{1b}", "\u{7f}", "\u{85}", "\u{9b}", "\u{2028}", "\u{2029}", "\u{feff}",
                                  "\u{301}", "'\u{301}", "\\\u{301}", "\u{200b}", "\u{200d}", "\u{202e}", "\u{2066}", "é", "日本",
                                  "🚀", "\u{1F3F3}\u{FE0F}", ";", "|", "&", "*", "?", "~", "!", ":", ",", "-", "@", "+", "export ",
                                  "$(touch${IFS}pwned)", "`touch pwned`", "\\n", "\\'", "\\\"", "'\\''"]
    static let plain = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:%").map(String.init)

    static func randomString(_ g: inout SplitMix64, maxParts: Int) -> String {
        var s = ""
        for _ in 0..<g.int(maxParts + 1) { s += g.int(3) == 0 ? g.pick(nasty) : g.pick(plain) }
        return s
    }

    /// Half shell names, half anything. Shell names get a `K` prefix so none is one of bash's
    /// special or read-only variables (`UID`, `PATH`, `IFS`): those say nothing about the writer.
    static func randomKey(_ g: inout SplitMix64) -> String {
        if g.int(2) == 0 {
            let tail = (0..<(1 + g.int(12))).map { _ in g.pick(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")) }
            return "K" + String(tail)
        }
        let k = randomString(&g, maxParts: 8)
        return k.isEmpty ? "e" : k
    }

    static func batch(_ g: inout SplitMix64) -> [ExportEntry] {
        var seen = Set<String>(), out: [ExportEntry] = []
        while out.count < perBatch {
            let k = randomKey(&g)
            if seen.insert(k).inserted { out.append(ExportEntry(key: k, value: randomString(&g, maxParts: 20))) }
        }
        return out
    }

    /// Reads an export back with a real parser: python-dotenv (dotenv), JSONSerialization, Yams
    /// and python's csv module.
    static func readBack(_ path: String, _ format: ExportFormat) throws -> [String: String] {
        switch format {
        case .dotenv, .dotenvExport:
            return try HostileKeyExportTests.pythonDotenv(path)
        case .json, .yaml:
            // Python's json and PyYAML: what most consumers read these with. (Yams drops a BOM at
            // the start of a value; ExportFormatTests reads YAML with Yams too.)
            let loader = format == .json ? "json.load(f)" : "yaml.safe_load(f)"
            let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
                "import json,sys,yaml\nwith open(sys.argv[1], encoding='utf-8') as f: d = \(loader)\n"
                + "d = {o['key']: o['value'] for o in d} if isinstance(d, list) else d\nsys.stdout.write(json.dumps(d))", path],
                env: ProcessInfo.processInfo.environment)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String], r.stderr)
        case .csv:
            let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
                "import csv,json,sys; sys.stdout.write(json.dumps(dict(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[1:])))", path],
                env: ProcessInfo.processInfo.environment)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String], r.stderr)
        }
    }

    func testRandomKeysAndValuesThroughEveryWriter() throws {
        var g = SplitMix64(state: Self.seed)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // PROPERTY_KEEP=1 keeps the files for a failing seed to be inspected.
        defer { if ProcessInfo.processInfo.environment["PROPERTY_KEEP"] == nil { try? FileManager.default.removeItem(at: dir) } else { print("kept \(dir.path)") } }
        var cases = 0, refused = 0, flagged = 0
        for b in 0..<Self.batches {
            let entries = Self.batch(&g)
            let tag = "seed \(Self.seed) batch \(b)"
            let accepted = entries.filter(DotenvKeyRule.accepts)
            let refusedKeys = entries.filter { !DotenvKeyRule.accepts($0) }.map(\.key)
            for format in ExportFormat.allCases {
                cases += entries.count
                let path = dir.appendingPathComponent("b\(b).\(format.rawValue)").path
                switch format {
                case .dotenv, .dotenvExport:
                    if !refusedKeys.isEmpty { XCTAssertThrowsError(try ExportFormatter.render(entries, as: format), tag) }
                    let result = try ExportFormatter.render(entries, as: format, invalidKeys: .skip)
                    XCTAssertEqual(result.skipped, refusedKeys, tag)
                    refused += result.skipped.count
                    try AtomicFileWriter.write(Data(result.text.utf8), to: path)
                    let unportable = Set(result.issues.map(\.key))
                    flagged += unportable.count
                    let py = try Self.readBack(path, format)
                    // No key appears that was not written (no injected lines); none with a portable value goes missing.
                    XCTAssertTrue(Set(py.keys).isSubset(of: Set(accepted.map(\.key))), "\(tag) \(format) python-dotenv read keys never written")
                    XCTAssertTrue(Set(accepted.map(\.key)).subtracting(unportable).isSubset(of: Set(py.keys)), "\(tag) \(format) python-dotenv lost keys")
                    let sh = try HostileKeyExportTests.bashSource(path, keys: accepted.map(\.key))
                    XCTAssertFalse(sh.pwned, "\(tag) \(format): sourcing ran a command")
                    XCTAssertEqual(sh.status, 0, "\(tag) \(format): bash could not source the file")
                    // `$_` is bash's own (the last argument): no file can set it.
                    for e in accepted where e.key != "_" {
                        XCTAssertEqual(sh.values[e.key], e.value, "\(tag) \(format) bash \(e.key.debugDescription)")
                        if !unportable.contains(e.key) {
                            XCTAssertEqual(py[e.key], e.value, "\(tag) \(format) python-dotenv \(e.key.debugDescription) = \(e.value.debugDescription)")
                        }
                    }
                case .json, .yaml, .csv:
                    let result = try ExportFormatter.render(entries, as: format)
                    try AtomicFileWriter.write(Data(result.text.utf8), to: path)
                    let got = try Self.readBack(path, format)
                    XCTAssertEqual(got.count, entries.count, "\(tag) \(format) count")
                    for e in entries where got[e.key] != e.value {
                        XCTFail("\(tag) \(format): \(e.key.debugDescription) = \(e.value.debugDescription) read back as \(got[e.key].debugDescription)")
                    }
                }
            }
        }
        print("export property: \(cases) cases (\(ExportFormat.allCases.count) formats), \(refused) dotenv keys refused, \(flagged) values flagged not portable to python-dotenv")
        XCTAssertGreaterThanOrEqual(cases, 10_000)
    }
}
