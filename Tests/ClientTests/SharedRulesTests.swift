import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// The rules the CLI and the TUI share, one copy each in InfisicalModels / InfisicalClient:
/// display width, the production check, ISO parsing, local times and ages, audit PATH/KEY, XDG dirs.
final class SharedRulesTests: XCTestCase {
    // MARK: display width (Glyphs / DisplayWidth)

    func testDisplayWidthCountsTerminalColumns() {
        XCTAssertEqual(Glyphs.width("STRIPE_KEY"), 10)
        XCTAssertEqual(Glyphs.width("日本語"), 6, "CJK is wide")
        // Joiners and variation selectors are shown (issue 13: two keys never look the same), so a
        // ZWJ family is measured as drawn: 👨<U+200D>👩<U+200D>👧.
        XCTAssertEqual(Glyphs.width("👨‍👩‍👧"), 2 + 8 + 2 + 8 + 2, "joiners are visible and counted")
        XCTAssertEqual(Glyphs.width("🇩🇪"), 2, "a flag is one wide glyph")
        XCTAssertEqual(Glyphs.width("☕"), 2, "emoji presentation in the BMP is wide (the old CLI counted 1)")
        XCTAssertEqual(Glyphs.width("e\u{301}"), 1, "a combining accent adds nothing")
        XCTAssertEqual(Glyphs.width("❤️"), 1 + 8, "the variation selector is shown as <U+FE0F>")
        // Unsafe text is measured as it will be shown: ESC as `^[`, RLO as `<U+202E>`.
        XCTAssertEqual(Glyphs.width("a\u{1b}b"), 4)
        XCTAssertEqual(Glyphs.width("\u{202E}"), 8)
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
    }

    func testTruncateNeverSplitsAWideCharacter() {
        XCTAssertEqual(Glyphs.truncate("abcdef", to: 4), "abc…")
        XCTAssertEqual(Glyphs.truncate("abcd", to: 4), "abcd", "fits: unchanged")
        XCTAssertEqual(Glyphs.truncate("日本語", to: 4), "日 …", "a straddling wide char becomes a space")
        XCTAssertEqual(Glyphs.width(Glyphs.truncate("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", to: 5)), 5)
        XCTAssertEqual(Glyphs.truncate("x", to: 0), "")
    }

    // MARK: production

    func testProductionIsTheProdSlugWhereverTheSlugComesFrom() {
        XCTAssertTrue(Environment.isProduction(slug: "prod"))
        XCTAssertTrue(Environment.isProduction(slug: "production"))
        for slug in ["dev", "staging", "Prod", "prod-eu", "preprod", ""] {
            XCTAssertFalse(Environment.isProduction(slug: slug), slug)
        }
        XCTAssertTrue(Environment(id: "e", name: "Live", slug: "production").isProduction,
                      "the CLI's export check used to know only `prod`")
        XCTAssertFalse(Environment(id: "e", name: "Production", slug: "live").isProduction, "the slug decides, not the name")
    }

    // MARK: ISO-8601

    func testISOParsesWhatTheServerAndUsersWrite() throws {
        let z = try XCTUnwrap(ISODate.parse("2025-03-11T08:01:09Z")).timeIntervalSince1970
        XCTAssertEqual(z, 1_741_680_069)
        XCTAssertEqual(try XCTUnwrap(ISODate.parse("2025-03-11T08:01:09.554Z")).timeIntervalSince1970, 1_741_680_069.554, accuracy: 0.0005)
        XCTAssertEqual(ISODate.parse("2025-03-11T09:01:09+01:00")?.timeIntervalSince1970, z)
        XCTAssertEqual(ISODate.parse("2025-03-11T09:01:09+0100")?.timeIntervalSince1970, z)
        XCTAssertEqual(ISODate.parse("2025-03-11T07:01:09-01")?.timeIntervalSince1970, z)
        XCTAssertEqual(ISODate.parse("2025-03-11 08:01:09")?.timeIntervalSince1970, z, "no zone = UTC")
        XCTAssertEqual(ISODate.parse("2025-03-11T08:01Z")?.timeIntervalSince1970, z - 9)
        XCTAssertEqual(ISODate.parse("2025-03-11")?.timeIntervalSince1970, 1_741_651_200, "a bare date is midnight UTC")
        XCTAssertEqual(ISODate.parse("2024-02-29")?.timeIntervalSince1970, 1_709_164_800)
    }

    func testISORejectsTyposInsteadOfGuessing() {
        for bad in ["", "2025", "2025-3-11", "2025/03/11", "2025-02-30", "2023-02-29", "2025-03-11x",
                    "2025-03-11T", "2025-03-11T24:00:00Z", "2025-03-11T08:60Z", "2025-03-11T08:01:09.Z",
                    "2025-03-11T08:01:09Zjunk", "2025-03-11T08:01:09+1", "2025-03-11T08:01:09+01:7",
                    "yesterday", "11.03.2025"] {
            XCTAssertNil(ISODate.parse(bad), bad)
        }
    }

    // MARK: local time and ages

    func testLocalTimeLayoutAndOffsets() throws {
        let d = try XCTUnwrap(ISODate.parse("2025-12-31T23:30:05Z"))
        XCTAssertEqual(AuditTime.formatLocal(d, utcOffset: 0), "2025-12-31 23:30:05")
        XCTAssertEqual(AuditTime.formatLocal(d, utcOffset: 3600), "2026-01-01 00:30:05", "across a year end")
        XCTAssertEqual(AuditTime.formatLocal(d, utcOffset: 5 * 3600 + 1800, seconds: false), "2026-01-01 05:00")
        XCTAssertEqual(AuditTime.formatLocal(Date(timeIntervalSince1970: -1), utcOffset: 0), "1969-12-31 23:59:59")
        XCTAssertEqual(AuditTime.compactDate(d, utcOffset: -3600), "20251231")
        XCTAssertEqual(AuditTime.parseLocal("2026-01-01 00:30", utcOffset: 3600), ISODate.parse("2025-12-31T23:30:00Z"))
    }

    func testAgesShortAndReadable() {
        let cases: [(TimeInterval, String, String)] = [
            (-30, "now", "just now"), (0, "now", "just now"), (4.9, "now", "just now"), (5, "5s", "5s ago"),
            (59, "59s", "59s ago"), (60, "1m", "1m ago"), (3599, "59m", "59m ago"), (3600, "1h", "1h ago"),
            (86399, "23h", "23h ago"), (86400, "1d", "1d ago"), (200 * 86400, "200d", "200d ago"),
        ]
        for (s, short, long) in cases {
            XCTAssertEqual(RelativeAge.format(s), short, "\(s)")
            XCTAssertEqual(RelativeAge.ago(s), long, "\(s)")
        }
    }

    // MARK: audit PATH/KEY

    func testAuditPathKey() {
        func entry(_ meta: [String: JSONValue]) -> AuditLogEntry {
            AuditLogEntry(id: "a", createdAt: "2025-01-01T00:00:00Z",
                          event: .init(type: "get-secret", metadata: .object(meta)), actor: .init(type: "user", metadata: nil))
        }
        XCTAssertEqual(entry(["secretPath": .string("/stripe"), "secretKey": .string("STRIPE_SECRET_KEY")]).pathKey, "/stripe/STRIPE_SECRET_KEY")
        XCTAssertEqual(entry(["secretPath": .string("/"), "secretKey": .string("KEY")]).pathKey, "/KEY")
        XCTAssertEqual(entry(["secretPath": .string("/stripe/"), "secretKey": .string("KEY")]).pathKey, "/stripe/KEY",
                       "the old CLI joined this as /stripe//KEY")
        XCTAssertEqual(entry(["secretKey": .string("KEY")]).pathKey, "KEY")
        XCTAssertEqual(entry(["folderPath": .string("/redis")]).pathKey, "/redis", "list events name their folder")
        XCTAssertEqual(entry(["secretPath": .string("/redis"), "secretKey": .string("")]).pathKey, "/redis")
        XCTAssertEqual(entry([:]).pathKey, "")
    }

    // MARK: XDG

    func testXDGDirectories() {
        let set = XDGPaths(environment: ["XDG_CONFIG_HOME": "/x/config", "XDG_STATE_HOME": "/x/state", "HOME": "/h"])
        XCTAssertEqual(set.configDirectory, "/x/config/infisical-tui")
        XCTAssertEqual(set.stateDirectory, "/x/state/infisical-tui")
        let unset = XDGPaths(environment: ["HOME": "/h"])
        XCTAssertEqual(unset.configDirectory, "/h/.config/infisical-tui")
        XCTAssertEqual(unset.stateDirectory, "/h/.local/state/infisical-tui")
        let relative = XDGPaths(environment: ["XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": "", "HOME": "/h"])
        XCTAssertEqual(relative.configDirectory, "/h/.config/infisical-tui", "a relative XDG dir is ignored (the spec)")
        XCTAssertEqual(relative.stateDirectory, "/h/.local/state/infisical-tui")
        XCTAssertEqual(XDGPaths(environment: ["HOME": ""]).stateDirectory, NSHomeDirectory() + "/.local/state/infisical-tui")
        XCTAssertEqual(SessionStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state"]), set.stateDirectory,
                       "login's session lives in the same state dir as the dashboard's files")
    }
}
