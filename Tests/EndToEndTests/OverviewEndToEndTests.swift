import Foundation
import XCTest

/// The overview against the real dev server, in tmux: `o`, sub-folders, the flagged filter shows
/// exactly the seeded shared secret, and Enter opens it in production.
final class OverviewEndToEndTests: XCTestCase {
    func testTheOverviewFlagsExactlyTheSeededSharedSecretAndOpensIt() throws {
        let h = try AuditHarness(role: "admin", bulkAudit: 0)
        try h.start(env: "dev", path: "/", waitKey: "MOTD_BANNER")
        h.tmux.send("o")
        h.tmux.waitFor("Overview · opticworks-store · /", "dev ", "MOTD_BANNER")
        h.tmux.send("C-r")
        h.tmux.waitFor("/ and below", "easypost/EASYPOST_WEBHOOK_SECRET")
        h.tmux.send("!")
        let flagged = h.tmux.waitFor("only flagged", "EASYPOST_WEBHOOK_SECRET: differs in staging · ⚠ same value in production and dev")
        let rows = flagged.split(separator: "\n").filter { $0.contains("⚠") && !$0.contains("EASYPOST_WEBHOOK_SECRET:") }
        XCTAssertEqual(rows.count, 1, "exactly one flagged key:\n\(flagged)")
        XCTAssertTrue(rows.first?.contains("easypost/EASYPOST_WEBHOOK_SECRET") == true, flagged)
        // The same answer as `diff`, which a CI job would run.
        let diff = try? h.cli(["diff", "--projectId", "opticworks-store", "--env", "dev", "--to", "prod", "--recursive", "--json"])
        XCTAssertNil(diff, "diff exits 1 when environments differ (cli() throws on a non-zero exit)")
        // Enter on the prod column opens the secret there.
        h.tmux.send("Right"); h.tmux.send("Right"); h.tmux.send("Enter")
        h.tmux.waitFor("Secrets · prod · /easypost", "Key      EASYPOST_WEBHOOK_SECRET")
    }
}
