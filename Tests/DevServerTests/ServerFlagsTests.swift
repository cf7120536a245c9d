import Foundation
import XCTest

/// `--bulk N` (N secrets in /bulk of opticworks-store dev) and `--bulk-audit N` (N extra audit events).
final class BulkFlagsTests: DevServerTestCase {
    override class var serverArguments: [String] { ["--bulk", "600", "--bulk-audit", "2500"] }

    func testBulkSecretsLandInTheBulkFolder() throws {
        let r = try listSecrets(path: "/bulk", [("viewSecretValue", "false")])
        guard assertStatus(r, 200) else { return }
        let secrets = r.json?["secrets"]?.array ?? []
        XCTAssertEqual(secrets.count, 600)
        XCTAssertEqual(Set(secrets.compactMap { $0["secretKey"]?.string }).count, 600, "unique keys")
        let folders = try call("GET", "/api/v2/folders", query: [("projectId", try projectId()), ("environment", "dev"), ("path", "/")])
        XCTAssertTrue((folders.json?["folders"]?.array ?? []).contains { $0["name"]?.string == "bulk" })
        // Other environments are untouched.
        let staging = try listSecrets(env: "staging", path: "/bulk")
        XCTAssertEqual(staging.json?["secrets"]?.array?.count ?? 0, 0)
    }

    func testBulkAuditEventsPageThrough() throws {
        let start = ISODate.string(Date().addingTimeInterval(-86400 - 60))
        var total = 0, offset = 0
        var lastDate: Date?
        while offset < 20000 {
            let r = try call("GET", "/api/v1/organization/audit-logs",
                             query: [("startDate", start), ("offset", String(offset)), ("limit", "1000")])
            guard assertStatus(r, 200) else { return }
            let page = r.json?["auditLogs"]?.array ?? []
            let dates = page.compactMap { ISODate.parse($0["createdAt"]?.string) }
            XCTAssertEqual(dates, dates.sorted(by: >), "newest first within page at offset \(offset)")
            if let lastDate, let first = dates.first { XCTAssertLessThanOrEqual(first, lastDate, "pages continue in order") }
            lastDate = dates.last ?? lastDate
            total += page.count
            if page.count < 1000 { break }
            offset += 1000
        }
        XCTAssertGreaterThanOrEqual(total, 2500, "--bulk-audit 2500 within the last 24 h")
    }
}

/// The default database is `:memory:`: it works, and nothing is left behind.
final class MemoryDatabaseTests: XCTestCase {
    func testMemoryDatabaseServes() throws {
        let dir = try ServerProcess.makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The later --db wins over the harness's file path (ArgumentParser: last value).
        let s = try ServerProcess(args: ["--db", ":memory:"], dir: dir)
        defer { s.stop(removeFiles: false) }
        let r = try s.http.send("GET", "/api/v1/projects", headers: ["Authorization": "Bearer \(try s.token("viewer"))"])
        XCTAssertEqual(r.status, 200, "\(r)")
        XCTAssertEqual(r.json?["projects"]?.array?.count, 4)
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.dbPath), "no database file with --db :memory:")
    }
}
