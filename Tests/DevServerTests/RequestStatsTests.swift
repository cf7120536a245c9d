import Foundation
import XCTest

/// `--debug-stats`: the server counts what it answers (by status, secret listings apart) and
/// serves the counts at `GET /debug/stats`, which it does not count itself; the audit event of a
/// read is still written when the read is answered 304.
final class RequestStatsTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--debug-stats"] }

    func stats() throws -> JSON {
        let r = try call("GET", "/debug/stats", as: nil)
        guard assertStatus(r, 200), let j = r.json else { throw HTTPError(description: "no stats: \(r)") }
        return j
    }

    func testListingsAndTheir304sAreCountedAndTheStatsRouteIsNot() throws {
        let q = try secretQuery("dev", "/stripe", [("viewSecretValue", "false")])
        let first = try call("GET", "/api/v4/secrets", query: q)     // after projectId()'s own requests
        guard assertStatus(first, 200), let etag = first.header("etag") else { return XCTFail("no ETag") }
        let before = try stats()
        XCTAssertEqual(try stats()["requests"]?.int, before["requests"]?.int, "GET /debug/stats counted itself")
        let audits = try call("GET", "/api/v1/organization/audit-logs", query: [("eventType", "get-secrets"), ("limit", "1000")])
        let auditCount = audits.json?["auditLogs"]?.array?.count
        for _ in 0..<3 { XCTAssertEqual(try call("GET", "/api/v4/secrets", query: q, headers: ["If-None-Match": etag]).status, 304) }
        assertStatus(try call("GET", "/api/v4/secrets", query: q), 200)
        let after = try stats()
        func n(_ j: JSON, _ group: String, _ key: String) -> Int { j[group]?[key]?.int ?? 0 }
        // The audit listing in between is one more request (200), not a listing.
        XCTAssertEqual((after["requests"]?.int ?? 0) - (before["requests"]?.int ?? 0), 5)
        XCTAssertEqual(n(after, "secretLists", "304") - n(before, "secretLists", "304"), 3)
        XCTAssertEqual(n(after, "secretLists", "200") - n(before, "secretLists", "200"), 1)
        XCTAssertEqual(n(after, "byStatus", "304") - n(before, "byStatus", "304"), 3)
        // Each of the four reads left its audit event, the three 304s included.
        if let auditCount {
            let later = try call("GET", "/api/v1/organization/audit-logs", query: [("eventType", "get-secrets"), ("limit", "1000")])
            XCTAssertEqual(later.json?["auditLogs"]?.array?.count, auditCount + 4, "\(later)")
        } else {
            XCTFail("audit log not readable: \(audits)")
        }
    }
}

/// Without the flag there is no stats route: the stock 404 of an unknown route.
final class RequestStatsOffTests: DevServerTestCase {
    func testNoStatsRouteWithoutTheFlag() throws {
        XCTAssertEqual(try call("GET", "/debug/stats", as: nil).status, 404)
    }
}
