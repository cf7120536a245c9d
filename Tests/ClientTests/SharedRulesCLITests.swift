import Foundation
import InfisicalModels
import XCTest

/// The shared rules as the CLI prints them: the real binary against a real dev server. The
/// alignment check fails with the CLI's old width rule (it counted ☕ as one column); the others pin
/// the CLI's use of the shared age wording, PATH/KEY, local time and strict date parsing.
final class SharedRulesCLITests: XCTestCase {
    var server: DevServerFixture!
    var cli: CLI!

    override func setUpWithError() throws {
        server = try DevServerFixture()
        cli = try CLI(server: server, role: "admin")
        cli.env["INFISICAL_PROJECT_ID"] = "opticworks-store"
    }
    override func tearDownWithError() throws { server?.stop(); cli?.cleanup() }

    /// Display column where `needle` starts in `line` (terminal cells, the shared width rule).
    func column(of needle: String, in line: String) -> Int? {
        line.range(of: needle).map { Glyphs.width(String(line[..<$0.lowerBound])) }
    }

    func testTableColumnsAlignAfterWideTextAndAgesUseTheSharedWording() throws {
        // ☕ and the flag are one wide glyph each: the old CLI counted ☕ as 1 column.
        var r = try cli.run(["secrets", "set", "WIDE_VALUE=日本☕🇩🇪", "--path", "/internal"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try cli.run(["secrets", "--path", "/internal", "--reveal"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(lines.first { $0.hasPrefix("KEY") }, r.stdout)
        let wide = try XCTUnwrap(lines.first { $0.hasPrefix("WIDE_VALUE ") }, r.stdout)
        XCTAssertEqual(column(of: "VERSION", in: header), column(of: "  1  ", in: wide).map { $0 + 2 },
                       "VERSION column misaligned:\n\(header)\n\(wide)")
        for line in lines.dropFirst() where !line.isEmpty {
            XCTAssertEqual(column(of: "UPDATED", in: header), line.range(of: #"(just now|\d+[smhd] ago)"#, options: .regularExpression)
                .map { Glyphs.width(String(line[..<$0.lowerBound])) }, "UPDATED column in:\n\(header)\n\(line)")
        }
        let age = try XCTUnwrap(wide.range(of: #"(just now|\d+s ago)"#, options: .regularExpression), wide)
        XCTAssertFalse(wide[age].isEmpty)
    }

    func testAuditTablePathKeyAndLocalTime() throws {
        let get = try cli.run(["secrets", "get", "STRIPE_SECRET_KEY", "--env", "staging", "--path", "/stripe", "--plain"])
        XCTAssertEqual(get.status, 0, get.stderr)
        let args = ["audit", "--event", "get-secret", "--secret-key", "STRIPE_SECRET_KEY", "--env", "staging", "--since", "1h", "--limit", "1"]
        let json = try cli.run(args + ["--json"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]], json.stdout)
        let createdAt = try XCTUnwrap(rows.first?["createdAt"] as? String)
        let when = try XCTUnwrap(ISODate.parse(createdAt))

        let utc = try cli.run(args, extraEnv: ["TZ": "UTC"])
        XCTAssertEqual(utc.status, 0, utc.stderr)
        XCTAssertTrue(utc.stdout.contains("/stripe/STRIPE_SECRET_KEY"), utc.stdout)
        XCTAssertTrue(utc.stdout.contains(AuditTime.formatLocal(when, utcOffset: 0)), "UTC time of \(createdAt):\n\(utc.stdout)")
        // The CLI shows the local zone's time at that date (the TUI's layout, the zone's offset).
        let india = try cli.run(args, extraEnv: ["TZ": "Asia/Kolkata"])
        XCTAssertTrue(india.stdout.contains(AuditTime.formatLocal(when, utcOffset: 5 * 3600 + 1800)), india.stdout)
    }

    func testAuditDatesAreParsedStrictly() throws {
        let today = String(AuditTime.formatLocal(Date(), utcOffset: 0).prefix(10))
        XCTAssertEqual(try cli.run(["audit", "--start", today]).status, 0, "a bare date is midnight UTC")
        XCTAssertEqual(try cli.run(["audit", "--start", today + "T00:00:00+02:00"]).status, 0)
        let typo = try cli.run(["audit", "--start", today + "x"])
        XCTAssertEqual(typo.status, 1, typo.stderr)
        XCTAssertTrue(typo.stderr.contains("is not an ISO-8601 time"), typo.stderr)
    }
}
