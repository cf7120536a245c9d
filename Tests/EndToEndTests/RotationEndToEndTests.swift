import Foundation
import TestSupport
import XCTest

/// Issue 12 parts 2–3 in a real terminal against the real dev server: the rotation badge on the
/// seeded stale prod DATABASE_URL (not on the old DATABASE_POOL_SIZE), the `!` filter, and `e` on
/// an audit row of leo.fischer@optic.works opening his exposure report.
final class RotationEndToEndTests: XCTestCase {
    func testBadgeOverdueFilterAndExposureFromAnAuditRow() throws {
        let h = try AuditHarness(bulkAudit: 0)
        try h.start(env: "prod", path: "/database", waitKey: "DATABASE_POOL_SIZE", width: 120, height: 40)
        let s = h.tmux.waitFor("overdue 30d")
        let lines = s.components(separatedBy: "\n")
        let url = lines.first { $0.contains("DATABASE_URL ") } ?? ""
        let pool = lines.first { $0.contains("DATABASE_POOL_SIZE") } ?? ""
        XCTAssertTrue(url.contains("overdue 30d") && url.contains("120d!"), "badge on the stale URL: \(url)")
        XCTAssertFalse(pool.contains("overdue") || pool.contains("due "), "a setting has no badge: \(pool)")
        h.tmux.send("!")
        // Wait for the filtered rows themselves, not only the title: a capture mid-redraw can show the
        // new title over the old rows (the wait fails the test if the setting never goes).
        _ = h.tmux.waitFor("overdue only 1/2")
        _ = h.tmux.waitUntil("the filter hides the setting") { s in
            s.contains("overdue only 1/2")
                && !s.components(separatedBy: "\n").contains { $0.contains("DATABASE_POOL_SIZE") && $0.contains("│") && !$0.contains("Detail") }
        }

        // The seeded leaver, found by id in the audit filter (the CLI says which id).
        let report = try JSONSerialization.jsonObject(with: Data(try h.cli(["exposure", "--actor", "leo.fischer@optic.works", "--json"]).utf8))
        let leoId = try XCTUnwrap((report as? [String: Any])?["actorId"] as? String)
        h.tmux.send("a")
        h.tmux.waitFor("last 24 h")
        h.tmux.send("4")
        h.tmux.waitFor("last 30 d", "100 loaded")
        h.fillFilters([leoId])
        let listed = h.tmux.waitFor("6 loaded · end")
        XCTAssertTrue(AuditHarness.tableRows(listed).allSatisfy { $0.contains("leo.fischer") }, listed)
        h.tmux.send("e")
        let x = h.tmux.waitFor("3 read one by one", "1 listed with values")
        XCTAssertTrue(x.contains("prod     /database/DATABASE_URL") || x.contains("/database/DATABASE_URL"), x)
        XCTAssertTrue(x.contains("2 reads"), x)
        XCTAssertTrue(x.contains("/internal/JWT_SECRET"), x)
        XCTAssertTrue(x.contains("/stripe/STRIPE_SECRET_KEY"), x)
        XCTAssertTrue(x.contains("5 secrets"), "the staging /database listing: \(x)")
        XCTAssertFalse(x.contains("FIRMWARE_SIGNING_KEY"), "another project's read is not in this project's report")
        h.tmux.send("Escape")
        h.tmux.waitFor("6 loaded · end")
        h.tmux.send("q", "q")
        h.tmux.waitFor("EXIT=0")
    }
}
