import Foundation
import XCTest

/// The audit screen against a real dev server with bulk history: paging to the end of ~10,000
/// events, filters that combine, follow, export (0600, same rows as the API), and the detail
/// view's recent activity.
final class AuditEndToEndTests: XCTestCase {
    static let utc: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()

    static func isoMinute(_ typed: String) -> String { typed.replacingOccurrences(of: " ", with: "T") + ":00Z" }

    static func parseISO(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }

    /// `audit --json` rows as dictionaries.
    func jsonRows(_ out: String) throws -> [[String: Any]] {
        (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]) ?? []
    }

    func testPagingToTheEndOfTenThousandEventsAndFiltersThatCombine() throws {
        let h = try AuditHarness(bulkAudit: 20_000)
        try h.start()
        h.tmux.send("a")
        h.tmux.waitFor("Audit · opticworks-store · last 24 h", "100 loaded · more…")
        // A custom range typed in local time (TZ=UTC), so the API can be asked the same question.
        let now = Date()
        let from = Self.utc.string(from: now.addingTimeInterval(-25 * 3600))
        let to = Self.utc.string(from: now.addingTimeInterval(120))
        h.fillFilters([nil, nil, nil, nil, from, to])
        h.tmux.waitFor("\(from) → \(to)", "100 loaded · more…")
        // G: pages load one after another until the end.
        let started = Date()
        h.tmux.send("G")
        let screen = h.tmux.waitUntil("the end of the listing", timeout: 120) { AuditHarness.loadedCount($0) != nil }
        let loadAll = Date().timeIntervalSince(started)
        let loaded = try XCTUnwrap(AuditHarness.loadedCount(screen))
        print("audit e2e: loaded \(loaded) events with G in \(String(format: "%.1f", loadAll)) s")
        XCTAssertGreaterThanOrEqual(loaded, 10_000, screen)
        XCTAssertTrue(screen.contains("\(loaded)/\(loaded) loaded"), "the cursor is on the last row:\n\(screen)")
        let api = try jsonRows(h.cli(["audit", "--projectId", "opticworks-store", "--start", Self.isoMinute(from),
                                      "--end", Self.isoMinute(to), "--limit", "100000", "--json"]))
        XCTAssertEqual(loaded, api.count, "every event of the window, each once")
        // g goes back to the newest row.
        h.tmux.send("g")
        h.tmux.waitFor("1/\(loaded) loaded")

        // Four filters at once (actor by name, event, environment, key), keeping the range.
        h.fillFilters(["demo-developer", "get-secret", "prod", "STRIPE_SECRET_KEY"])
        // The footer's count must have changed too: a capture taken while the terminal is still
        // receiving the redraw can show the new title above the old listing.
        let filtered = h.tmux.waitUntil("the filtered listing") { s in
            s.contains("actor=demo-developer") && !s.contains("loading")
                && AuditHarness.loadedCount(s).map { $0 != loaded } == true
        }
        let rows = AuditHarness.tableRows(filtered)
        let expected = api.filter { r in
            let event = r["event"] as? [String: Any], meta = event?["metadata"] as? [String: Any]
            let actor = (r["actor"] as? [String: Any])?["metadata"] as? [String: Any]
            return event?["type"] as? String == "get-secret" && meta?["environment"] as? String == "prod"
                && meta?["secretKey"] as? String == "STRIPE_SECRET_KEY" && actor?["name"] as? String == "demo-developer"
        }
        XCTAssertGreaterThan(expected.count, 0, "the bulk history has such reads")
        XCTAssertEqual(AuditHarness.loadedCount(filtered), expected.count, filtered)
        XCTAssertEqual(rows.count, min(expected.count, 35), filtered)
        for row in rows {
            XCTAssertTrue(row.contains("demo-developer") && row.contains("get-secret ") && row.contains(" prod ")
                          && row.contains("/stripe/STRIPE_SECRET_KEY"), "row outside the filters: \(row)")
        }
        // x clears the filters; the range stays.
        h.tmux.send("x")
        h.tmux.waitFor("\(from) → \(to)", "100 loaded · more…")
        XCTAssertFalse(h.tmux.capture().contains("actor=demo-developer"))
    }

    /// The "done when": who read STRIPE_SECRET_KEY in prod this week, answered and exported at 80×24.
    func testWhoReadStripeSecretKeyInProdThisWeekExportedToCSV() throws {
        let h = try AuditHarness(bulkAudit: 10_000)
        try h.start(width: 80, height: 24)
        h.tmux.send("a")
        h.tmux.waitFor("last 24 h", "loaded")
        h.tmux.send("3")
        h.tmux.waitFor("last 7 d")
        let asked = Date()
        h.fillFilters([nil, "get-secret", "prod", "STRIPE_SECRET_KEY"])
        let screen = h.tmux.waitUntil("the filtered week") { s in
            s.contains("event=get-secret") && AuditHarness.loadedCount(s) != nil
        }
        XCTAssertFalse(AuditHarness.tableRows(screen).isEmpty, screen)
        for row in AuditHarness.tableRows(screen) { XCTAssertTrue(row.contains("get-secret") && row.contains("prod"), row) }
        // Export: the prompt proposes a name in the working directory; Enter writes it.
        h.tmux.send("y")
        let day = Self.utc.string(from: Date()).prefix(10).replacingOccurrences(of: "-", with: "")
        let name = "audit-opticworks-store-\(day).csv"
        h.tmux.waitFor("Export audit events", name)
        h.tmux.send("Enter")
        let done = h.tmux.waitFor("wrote ")
        let path = h.workdir + "/" + name
        XCTAssertTrue(done.contains("wrote \(AuditHarness.loadedCount(screen) ?? -1) events"), done)
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFREG)
        let file = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(file.first, "time,actor,actorType,event,environment,secretPath,secretKey,source,ip,project")
        // The API's answer for a slightly wider window, cut at the same boundary (a minute inside
        // the week, so seconds between the two questions cannot matter).
        let api = try h.cli(["audit", "--projectId", "opticworks-store", "--since", "8d", "--event", "get-secret",
                             "--env", "prod", "--secret-key", "STRIPE_SECRET_KEY", "--limit", "100000", "--csv"])
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let cut = asked.addingTimeInterval(-7 * 86400 + 60)
        func inside(_ rows: [String]) -> [String] {
            rows.dropFirst().filter { Self.parseISO(String($0.prefix { $0 != "," })).map { $0 >= cut } ?? false }
        }
        XCTAssertGreaterThan(inside(file).count, 0)
        XCTAssertEqual(inside(file), inside(api))
        // Writing again asks before overwriting.
        h.tmux.send("y")
        h.tmux.waitFor("Export audit events")
        h.tmux.send("Enter")
        h.tmux.waitFor("the file exists: overwrite it?")
        h.tmux.send("Escape", "Escape")
        h.tmux.waitUntil("the dialog to close") { !$0.contains("Export audit events") }
        // A symbolic link is refused with the reason; nothing is written through it.
        let outside = h.home + "/outside.csv"
        XCTAssertEqual(symlink(outside, h.workdir + "/link.csv"), 0)
        h.tmux.send("y")
        h.tmux.waitFor("Export audit events")
        h.tmux.send("C-u")
        h.tmux.type("link.csv")
        h.tmux.send("Enter")
        h.tmux.waitFor("is a symbolic link")
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside))
        // Inside a git work tree, an unignored path asks first; JSON by the name's extension.
        let git = ProcessRunner.run("git", ["init", "-q", h.workdir])
        XCTAssertEqual(git.status, 0, git.output)
        h.tmux.send("C-u")
        h.tmux.type("who-read.json")
        h.tmux.send("Enter")
        h.tmux.waitFor("not ignored")
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.workdir + "/who-read.json"), "nothing written before y")
        h.tmux.send("y")
        h.tmux.waitFor("who-read.json")
        h.tmux.waitFor("wrote ")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: h.workdir + "/who-read.json"))) as? [[String: Any]]
        XCTAssertEqual(json?.count, file.count - 1, "the same events as the CSV")
        XCTAssertEqual(json?.first?["createdAt"] as? String, file.dropFirst().first.map { String($0.prefix { $0 != "," }) })
        // q leaves the audit screen, not the app.
        h.tmux.send("q")
        h.tmux.waitFor("Secrets · prod · /stripe")
        XCTAssertFalse(h.tmux.capture().contains("EXIT="))
    }

    func testFollowShowsNewEventsAndTheDetailShowsASecretsActivity() throws {
        let h = try AuditHarness(bulkAudit: 100)
        try h.start(width: 120, height: 40)
        h.tmux.send("a")
        h.tmux.waitFor("last 24 h", "loaded")
        h.tmux.send("f")
        h.tmux.waitFor("following")
        // Another identity reads the secret with the CLI: the row appears without a key press.
        _ = try h.cli(["secrets", "get", "STRIPE_SECRET_KEY", "--plain", "--projectId", "opticworks-store", "--env", "prod",
                       "--path", "/stripe"], as: "developer")
        let s = h.tmux.waitUntil("the followed event", timeout: 30) { screen in
            screen.contains("(1 new)") && AuditHarness.tableRows(screen).first.map {
                $0.contains("demo-developer") && $0.contains("get-secret") && $0.contains("/stripe/STRIPE_SECRET_KEY")
            } == true
        }
        XCTAssertTrue(s.contains("following"))
        // The new row is drawn highlighted (audit.new), not as the selection.
        XCTAssertTrue(AuditHarness.tableRows(s).count > 1)
        // Enter shows the event's metadata.
        h.tmux.send("g", "Enter")
        h.tmux.waitFor("Metadata", "\"secretKey\": \"STRIPE_SECRET_KEY\"", "Event id")
        h.tmux.send("Escape", "a")
        h.tmux.waitFor("Secrets · prod · /stripe")
        // The detail view lists the secret's recent reads: select it, focus the detail.
        h.tmux.send("/")
        h.tmux.type("STRIPE_SECRET_KEY")
        h.tmux.send("Enter")
        h.tmux.waitFor("/STRIPE_SECRET_KEY 1/")
        h.tmux.send("Enter")          // the detail takes focus: its activity loads (not on j/k in the list)
        h.tmux.waitFor("Key      STRIPE_SECRET_KEY")
        h.tmux.send("G")              // the activity is at the end of the detail
        h.tmux.waitFor("Activity", "demo-developer · get-secret")
        // A new read, then a reload of the list (as after a save): the activity follows.
        _ = try h.cli(["secrets", "get", "STRIPE_SECRET_KEY", "--plain", "--projectId", "opticworks-store", "--env", "prod",
                       "--path", "/stripe"], as: "admin")
        h.tmux.send("R")
        h.tmux.waitUntil("the new read in the activity") { screen in
            if !screen.contains("demo-admin · get-secret") { h.tmux.send("G"); usleep(200_000); return false }
            return true
        }
    }
}
