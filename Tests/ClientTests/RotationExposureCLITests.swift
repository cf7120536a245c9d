import Foundation
import XCTest

/// `rotation` and `exposure` through the real binary against the dev server's demo seed: the
/// seed has stale database and JWT secrets (one overdue by its own reminder, one soon due, an old
/// DATABASE_POOL_SIZE that is not a credential) and leo.fischer@optic.works, who only read.
final class RotationExposureCLITests: XCTestCase {
    func json(_ s: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any], s, file: file, line: line)
    }

    func rows(_ obj: [String: Any], _ field: String) -> [[String: Any]] { (obj[field] as? [[String: Any]]) ?? [] }

    func testRotationListsExactlyTheStaleOnesAcrossProjectsAndNeverAValue() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: "admin"); defer { cli.cleanup() }

        let r = try cli.run(["rotation", "--json"])
        XCTAssertEqual(r.status, 1, "something is overdue: exit 1\n\(r.stderr)")
        let obj = try json(r.stdout)
        let got = rows(obj, "secrets").map { e in
            "\(e["project"]!) \(e["environment"]!) \(e["path"]!) \(e["key"]!) \(e["status"]!) \(e["policy"]!) \(e["dueInDays"]!)"
        }
        XCTAssertEqual(got, [
            "opticworks-store prod /internal JWT_SECRET overdue reminder -170",
            "opticworks-store prod /database DATABASE_URL overdue DATABASE_URL -30",
            "opticworks-store staging /internal JWT_SECRET overdue reminder -11",
            "opticworks-store staging /database DATABASE_PASSWORD overdue reminder -2",
            "presence-engine prod /database DATABASE_URL due-soon DATABASE_URL 5",
        ], "worst first; DATABASE_POOL_SIZE (200 days, a setting) and the fresh ones are not listed")
        XCTAssertEqual(obj["overdue"] as? Int, 4)
        XCTAssertEqual(obj["dueSoon"] as? Int, 1)
        XCTAssertEqual(obj["soonDays"] as? Int, 7)
        XCTAssertEqual(rows(obj, "unreadable").count, 0)
        let first = rows(obj, "secrets").first
        XCTAssertEqual(first?["periodDays"] as? Int, 30)
        XCTAssertEqual(first?["ageDays"] as? Int, 200)
        XCTAssertEqual(first?["daysOverdue"] as? Int, 170)
        XCTAssertNil(first?["value"], "no value field")
        for fragment in ["postgres://", "staging_demo_pw", "prod_demo_pw", "jwt_demo_"] {
            XCTAssertFalse(r.stdout.contains(fragment), "a value fragment (\(fragment)) in rotation output")
        }

        let table = try cli.run(["rotation"])
        XCTAssertEqual(table.status, 1, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("PROJECT"), table.stdout)
        XCTAssertTrue(table.stdout.contains("overdue 170d"), table.stdout)
        XCTAssertTrue(table.stdout.contains("due 5d"), "the TUI's badge text (RotationStatus.badge)\n\(table.stdout)")
        XCTAssertFalse(table.stdout.contains("DATABASE_POOL_SIZE"))
        XCTAssertTrue(table.stderr.contains("4 overdue, 1 due within 7 days"), table.stderr)

        // --soon 0: the soon-due one drops out; one project without stale secrets: exit 0.
        let none = try json(try cli.run(["rotation", "--json", "--soon", "0"]).stdout)
        XCTAssertEqual(rows(none, "secrets").count, 4)
        let hw = try cli.run(["rotation", "--projectId", "hardwareos"])
        XCTAssertEqual(hw.status, 0, hw.stderr)
        XCTAssertEqual(hw.stdout, "")
        XCTAssertTrue(hw.stderr.contains("nothing overdue or due within 7 days in 1 project"), hw.stderr)
        XCTAssertEqual(try cli.run(["rotation", "--soon", "-1"]).status, 2)
    }

    func testConfigOverridesPerProjectAndBrokenConfigIsAClearError() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: "viewer"); defer { cli.cleanup() }
        let dir = cli.home.appendingPathComponent(".config/infisical-tui")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let config = dir.appendingPathComponent("config.json")
        try Data("""
        {"rotation": {"soonDays": 0, "projects": {
           "opticworks-store": [{"pattern": "DATABASE_URL", "days": 0}],
           "hardwareos": [{"pattern": "FIRMWARE_SIGNING_KEY", "days": 90}]}}}
        """.utf8).write(to: config)
        let obj = try json(try cli.run(["rotation", "--json"]).stdout)
        let got = Set(rows(obj, "secrets").map { "\($0["project"]!) \($0["environment"]!) \($0["key"]!) \($0["daysOverdue"]!)" })
        XCTAssertEqual(got, [
            "hardwareos dev FIRMWARE_SIGNING_KEY 90", "hardwareos staging FIRMWARE_SIGNING_KEY 90", "hardwareos prod FIRMWARE_SIGNING_KEY 90",
            "opticworks-store prod JWT_SECRET 170", "opticworks-store staging JWT_SECRET 11",
            "opticworks-store staging DATABASE_PASSWORD 2",
        ], "the store exempts DATABASE_URL; hardwareos adds a rule; soonDays 0 from the file")
        XCTAssertEqual(obj["soonDays"] as? Int, 0)

        try Data(#"{"rotation": {"projects": {"x": [{"pattern": "A*", "days": -4}]}}}"#.utf8).write(to: config)
        let bad = try cli.run(["rotation"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("config.json: rotation.projects.x: A* has negative days (-4)"), bad.stderr)
        try Data("{not json".utf8).write(to: config)
        let broken = try cli.run(["rotation"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("is not valid"), broken.stderr)
        XCTAssertFalse(broken.stderr.contains("Swift/") || broken.stderr.contains("Fatal"), broken.stderr)
    }

    func testExposureListsExactlyWhatTheSeededActorRead() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: "admin"); defer { cli.cleanup() }

        let r = try cli.run(["exposure", "--actor", "leo.fischer@optic.works", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try json(r.stdout)
        XCTAssertEqual(obj["actor"] as? String, "leo.fischer@optic.works")
        XCTAssertEqual(obj["eventsRead"] as? Int, 8)
        XCTAssertEqual(obj["truncated"] as? Bool, false)
        XCTAssertEqual(rows(obj, "secrets").map { "\($0["project"]!) \($0["environment"]!) \($0["path"]!) \($0["key"]!) \($0["count"]!)" }, [
            "hardwareos prod /signing FIRMWARE_SIGNING_KEY 1",
            "opticworks-store prod /database DATABASE_URL 2",
            "opticworks-store prod /internal JWT_SECRET 1",
            "opticworks-store staging /stripe STRIPE_SECRET_KEY 1",
        ])
        XCTAssertEqual(rows(obj, "folders").map { "\($0["project"]!) \($0["environment"]!) \($0["path"]!) \($0["count"]!) \($0["secrets"]!)" }, [
            "infrastructure prod /cloudflare 1 2",
            "opticworks-store staging /database 2 5",
        ])
        XCTAssertNil(rows(obj, "secrets").first?["rotation"], "rotation only with --rotation")
        let id = try XCTUnwrap(obj["actorId"] as? String)

        // The same report by id, with the rotation marks.
        let byId = try json(try cli.run(["exposure", "--actor", id, "--rotation", "--json"]).stdout)
        XCTAssertEqual(rows(byId, "secrets").count, 4)
        let marks = Dictionary(uniqueKeysWithValues: rows(byId, "secrets").map {
            ("\($0["environment"]!) \($0["key"]!)", ($0["rotation"] as? [String: Any]).map { "\($0["status"]!) \($0["daysOverdue"]!)" } ?? "-")
        })
        XCTAssertEqual(marks, ["prod DATABASE_URL": "overdue 30", "prod JWT_SECRET": "overdue 170",
                               "staging STRIPE_SECRET_KEY": "-", "prod FIRMWARE_SIGNING_KEY": "-"])
        let folderMarks = rows(byId, "folders").map { "\($0["path"]!) \(($0["overdueKeys"] as? [String]) ?? [])" }
        XCTAssertEqual(folderMarks, ["/cloudflare []", "/database [\"DATABASE_PASSWORD\"]"])

        let table = try cli.run(["exposure", "--actor", "LEO.FISCHER@optic.works", "--rotation"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("Secrets read one by one (get-secret):"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Folders listed with values (get-secrets):"), table.stdout)
        XCTAssertTrue(table.stdout.contains("overdue 170d"), table.stdout)
        XCTAssertFalse(table.stdout.contains("postgres://"), "never a value")

        // Nobody by that name: said on stderr, empty report, exit 0; narrower window: nothing older.
        let nobody = try cli.run(["exposure", "--actor", "leo"])
        XCTAssertEqual(nobody.status, 0)
        XCTAssertTrue(nobody.stderr.contains("no secret reads by 'leo'"), nobody.stderr)
        let recent = try json(try cli.run(["exposure", "--actor", "leo.fischer@optic.works", "--since", "48h", "--json"]).stdout)
        XCTAssertEqual(rows(recent, "secrets").map { "\($0["key"]!) \($0["count"]!)" }, ["FIRMWARE_SIGNING_KEY 1", "DATABASE_URL 1"],
                       "only the reads 31 h and 36 h ago")
        let scoped = try json(try cli.run(["exposure", "--actor", "leo.fischer@optic.works", "--projectId", "hardwareos", "--json"]).stdout)
        XCTAssertEqual(rows(scoped, "secrets").map { $0["key"] as? String }, ["FIRMWARE_SIGNING_KEY"])
        XCTAssertEqual(try cli.run(["exposure", "--actor", "x", "--since", "soon"]).status, 2)
        XCTAssertEqual(try cli.run(["exposure"]).status, 2)
    }
}
