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

extension OverviewEndToEndTests {
    /// Sync from the overview: the marked key lands in staging with dev's value (read back through
    /// the API), nothing else is written, production is refused; `secrets copy` does the same.
    func testSyncToStagingWritesExactlyTheMarkedKeyAndProductionIsRefused() throws {
        let h = try AuditHarness(role: "admin", bulkAudit: 0)
        let listStaging = { try h.cli(["secrets", "list", "--projectId", "opticworks-store", "--env", "staging", "--json"]) }
        let before = try JSONSerialization.jsonObject(with: Data(try listStaging().utf8)) as? [[String: Any]] ?? []
        try h.start(env: "dev", path: "/", waitKey: "MOTD_BANNER")
        h.tmux.send("o")
        h.tmux.waitFor("Overview · opticworks-store · /", "MOTD_BANNER")
        h.tmux.send("m")                                                  // only missing keys
        h.tmux.waitFor("only missing", "MOTD_BANNER: missing in staging, prod")
        h.tmux.send("Right"); h.tmux.send("Right")
        h.tmux.send("c")
        h.tmux.waitFor("cannot copy into prod: production is read-only in the TUI")
        h.tmux.send("Left"); h.tmux.send("Space")
        h.tmux.waitFor("+MOTD_BANNER")
        h.tmux.send("c")
        h.tmux.waitFor("Copy 1 key (values are not shown)", "MOTD_BANNER   dev → staging")
        h.tmux.send("y")
        h.tmux.waitFor("✓ copied 1 into staging")
        let dev = try h.cli(["secrets", "get", "MOTD_BANNER", "--projectId", "opticworks-store", "--env", "dev", "--plain"])
        let staging = try h.cli(["secrets", "get", "MOTD_BANNER", "--projectId", "opticworks-store", "--env", "staging", "--plain"])
        XCTAssertEqual(staging, dev, "the source value, byte for byte")
        let after = try JSONSerialization.jsonObject(with: Data(try listStaging().utf8)) as? [[String: Any]] ?? []
        XCTAssertEqual(after.count, before.count + 1, "exactly the marked key was written")
        XCTAssertFalse(h.tmux.capture().contains(dev.trimmingCharacters(in: .newlines)), "the value was never on screen")
        // The CLI: production needs --allow-production; an existing key is refused without --overwrite.
        XCTAssertThrowsError(try h.cli(["secrets", "copy", "MOTD_BANNER", "--projectId", "opticworks-store", "--from", "dev", "--to", "prod"]))
        XCTAssertThrowsError(try h.cli(["secrets", "copy", "MOTD_BANNER", "--projectId", "opticworks-store", "--from", "dev", "--to", "staging"]))
        let ok = try h.cli(["secrets", "copy", "MOTD_BANNER", "--projectId", "opticworks-store", "--from", "dev", "--to", "staging", "--overwrite"])
        XCTAssertTrue(ok.contains("✓ MOTD_BANNER: replaced in staging"), ok)
        XCTAssertFalse(ok.contains(dev.trimmingCharacters(in: .newlines)))
    }
}

extension OverviewEndToEndTests {
    /// `s` in the overview: one new value in dev and staging (read back through the API), prod untouched.
    func testANewValueInEveryNonProductionEnvironment() throws {
        let h = try AuditHarness(role: "admin", bulkAudit: 0)
        let get = { (env: String) in try h.cli(["secrets", "get", "SUPPORT_GREETING", "--projectId", "opticworks-store", "--env", env, "--plain"]) }
        let prodBefore = try get("prod")
        try h.start(env: "dev", path: "/", waitKey: "SUPPORT_GREETING")
        h.tmux.send("o")
        h.tmux.waitFor("Overview · opticworks-store · /", "SUPPORT_GREETING")
        for _ in 0..<30 where !h.tmux.capture().contains("SUPPORT_GREETING: ") { h.tmux.send("Down") }
        h.tmux.waitFor("SUPPORT_GREETING: ")
        h.tmux.send("s")
        h.tmux.waitFor("New value for SUPPORT_GREETING", "Writes it in dev, staging (never production)")
        h.tmux.type("rotated-greeting-7f3a")
        h.tmux.waitFor("••••••••")
        XCTAssertFalse(h.tmux.capture().contains("rotated-greeting-7f3a"), "masked while typing")
        h.tmux.send("Enter")
        h.tmux.waitFor("✓ new value of SUPPORT_GREETING written in dev, staging")
        XCTAssertEqual(try get("dev").trimmingCharacters(in: .newlines), "rotated-greeting-7f3a")
        XCTAssertEqual(try get("staging").trimmingCharacters(in: .newlines), "rotated-greeting-7f3a")
        XCTAssertEqual(try get("prod"), prodBefore, "production is never written from the dashboard")
    }
}
