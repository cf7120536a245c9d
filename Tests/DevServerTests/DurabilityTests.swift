import Foundation
import XCTest

/// A write acknowledged with 200 survives `kill -9` and a restart on the same `--db` file, and so do
/// the identities' credentials. Each test manages its own server processes (no class server).
final class DurabilityTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try ServerProcess.makeTempDir() }
    override func tearDown() { if let dir { try? FileManager.default.removeItem(at: dir) } }

    func send(_ s: ServerProcess, _ method: String, _ path: String, token: String, query: [(String, String)] = [],
              json: [String: Any]? = nil) throws -> HTTPResponse {
        try s.http.send(method, path, query: query, headers: ["Authorization": "Bearer \(token)"], json: json)
    }

    func testAcknowledgedWritesSurviveKill9AndRestart() throws {
        let first = try ServerProcess(dir: dir)
        var firstStopped = false
        defer { if !firstStopped { first.stop(removeFiles: false) } }
        let admin = try first.identity("admin")
        let token = try first.token("admin")
        let pid = try first.projectId("opticworks-store")
        let name = "DURABLE_\(UUID().uuidString.prefix(8).uppercased().replacingOccurrences(of: "-", with: ""))"
        let gone = name + "_GONE"
        let base: [String: Any] = ["projectId": pid, "environment": "staging", "secretPath": "/database"]

        let c = try send(first, "POST", "/api/v4/secrets/\(name)", token: token, json: base.merging(["secretValue": "v1", "secretComment": "c"]) { $1 })
        XCTAssertEqual(c.status, 200, "\(c)")
        let secretId = c.json?["secret"]?["id"]?.string
        let u = try send(first, "PATCH", "/api/v4/secrets/\(name)", token: token, json: base.merging(["secretValue": "v2"]) { $1 })
        XCTAssertEqual(u.status, 200, "\(u)")
        XCTAssertEqual(try send(first, "POST", "/api/v4/secrets/\(gone)", token: token, json: base.merging(["secretValue": "x"]) { $1 }).status, 200)
        XCTAssertEqual(try send(first, "DELETE", "/api/v4/secrets/\(gone)", token: token, json: base).status, 200)
        let folder = try send(first, "POST", "/api/v2/folders", token: token,
                              json: ["projectId": pid, "environment": "staging", "name": "durable-folder", "path": "/"])
        XCTAssertEqual(folder.status, 200, "\(folder)")

        first.kill9()
        firstStopped = true

        let second = try ServerProcess(dir: dir)
        defer { second.stop(removeFiles: false) }
        // Same database → same identities and credentials.
        XCTAssertEqual(second.ready.identities.map(\.clientId).sorted(), first.ready.identities.map(\.clientId).sorted())
        let relogin = try second.login(clientId: admin.clientId, clientSecret: admin.clientSecret)
        XCTAssertEqual(relogin.status, 200, "old credentials after restart: \(relogin)")
        let t2 = try XCTUnwrap(relogin.json?["accessToken"]?.string)
        XCTAssertEqual(try second.projectId("opticworks-store"), pid, "project ids are stable")

        let q: [(String, String)] = [("projectId", pid), ("environment", "staging"), ("secretPath", "/database")]
        let g = try send(second, "GET", "/api/v4/secrets/\(name)", token: t2, query: q)
        XCTAssertEqual(g.status, 200, "\(g)")
        XCTAssertEqual(g.json?["secret"]?["secretValue"]?.string, "v2")
        XCTAssertEqual(g.json?["secret"]?["version"]?.int, 2)
        XCTAssertEqual(g.json?["secret"]?["secretComment"]?.string, "c")
        XCTAssertEqual(g.json?["secret"]?["id"]?.string, secretId)
        let v1 = try send(second, "GET", "/api/v4/secrets/\(name)", token: t2, query: q + [("version", "1")])
        XCTAssertEqual(v1.json?["secret"]?["secretValue"]?.string, "v1", "version history survives: \(v1)")
        if let secretId {
            let h = try send(second, "GET", "/api/v1/secret/\(secretId)/secret-versions", token: t2, query: [("offset", "0"), ("limit", "10")])
            XCTAssertEqual((h.json?["secretVersions"]?.array ?? []).compactMap { $0["version"]?.int }, [2, 1], "\(h)")
        }
        XCTAssertEqual(try send(second, "GET", "/api/v4/secrets/\(gone)", token: t2, query: q).status, 404, "a delete is durable too")
        let folders = try send(second, "GET", "/api/v2/folders", token: t2, query: [("projectId", pid), ("environment", "staging"), ("path", "/")])
        XCTAssertTrue((folders.json?["folders"]?.array ?? []).contains { $0["name"]?.string == "durable-folder" }, "\(folders)")
        // The audit trail of the first run is kept as well.
        let audit = try send(second, "GET", "/api/v1/organization/audit-logs", token: t2, query: [
            ("projectId", pid), ("secretKey", name), ("startDate", ISODate.string(Date().addingTimeInterval(-3600))),
        ])
        XCTAssertEqual(Set((audit.json?["auditLogs"]?.array ?? []).compactMap { $0["event"]?["type"]?.string }),
                       ["create-secret", "update-secret", "get-secret"], "\(audit)")
        // A restart does not re-seed over user changes.
        XCTAssertFalse(second.log.isEmpty)
    }

    func testSigtermRestartKeepsData() throws {
        let first = try ServerProcess(dir: dir)
        let token = try first.token("owner")
        let pid = try first.projectId("hardwareos")
        let body: [String: Any] = ["projectId": pid, "environment": "prod", "secretPath": "/", "secretValue": "kept"]
        XCTAssertEqual(try send(first, "POST", "/api/v4/secrets/KEPT_ON_TERM", token: token, json: body).status, 200)
        first.stop(removeFiles: false)
        let second = try ServerProcess(dir: dir)
        defer { second.stop(removeFiles: false) }
        let t2 = try second.token("owner")
        let g = try send(second, "GET", "/api/v4/secrets/KEPT_ON_TERM", token: t2,
                         query: [("projectId", pid), ("environment", "prod"), ("secretPath", "/")])
        XCTAssertEqual(g.json?["secret"]?["secretValue"]?.string, "kept", "\(g)")
    }
}
