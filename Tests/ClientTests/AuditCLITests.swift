import Foundation
import XCTest

/// `audit` through the real binary: filters combine, paging fills `--limit`, JSON/CSV shapes.
final class AuditCLITests: XCTestCase {
    func testAuditFiltersPagingAndFormats() throws {
        let server = try DevServerFixture(extraArgs: ["--bulk-audit", "1200"]); defer { server.stop() }
        let cli = try CLI(server: server, role: "admin"); defer { cli.cleanup() }
        let get = try cli.run(["secrets", "get", "STRIPE_SECRET_KEY", "--projectId", "opticworks-store", "--env", "staging", "--path", "/stripe", "--plain"])
        XCTAssertEqual(get.status, 0, get.stderr)

        let j = try cli.run(["audit", "--projectId", "opticworks-store", "--event", "get-secret", "--secret-key", "STRIPE_SECRET_KEY",
                             "--env", "staging", "--since", "1h", "--json"])
        XCTAssertEqual(j.status, 0, j.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [[String: Any]], j.stdout)
        XCTAssertGreaterThanOrEqual(rows.count, 1)
        for r in rows {
            let event = r["event"] as? [String: Any], meta = event?["metadata"] as? [String: Any]
            XCTAssertEqual(event?["type"] as? String, "get-secret")
            XCTAssertEqual(meta?["secretKey"] as? String, "STRIPE_SECRET_KEY")
            XCTAssertEqual(meta?["environment"] as? String, "staging")
        }
        let mine = rows.first { ($0["actor"] as? [String: Any])?["type"] as? String == "identity" }
        XCTAssertEqual(((mine?["actor"] as? [String: Any])?["metadata"] as? [String: Any])?["identityId"] as? String,
                       server.identity("admin").identityId)
        XCTAssertFalse(j.stdout.contains("sk_"), "audit output must never carry a value")

        // Paging: more rows than one page (500) are fetched until --limit.
        let many = try cli.run(["audit", "--since", "30d", "--limit", "1100", "--json"])
        XCTAssertEqual(many.status, 0, many.stderr)
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(many.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(all.count, 1100)
        XCTAssertEqual(Set(all.compactMap { $0["id"] as? String }).count, 1100, "no duplicates across pages")
        let times = all.compactMap { $0["createdAt"] as? String }
        XCTAssertEqual(times, times.sorted(by: >), "newest first")

        let csv = try cli.run(["audit", "--since", "30d", "--limit", "5", "--csv"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.hasPrefix("time,actor,actorType,event,environment,secretPath,secretKey,source,ip,project\r\n"), csv.stdout)
        XCTAssertEqual(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 6)

        let table = try cli.run(["audit", "--since", "1h", "--projectId", "opticworks-store"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("TIME"), table.stdout)
        XCTAssertTrue(table.stdout.contains("get-secret"))

        XCTAssertEqual(try cli.run(["audit", "--since", "soon"]).status, 2)
        XCTAssertEqual(try cli.run(["audit", "--json", "--csv"]).status, 2)
    }
}
