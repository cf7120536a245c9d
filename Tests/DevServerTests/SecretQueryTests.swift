import Foundation
import XCTest

/// Finer §6.2/§6.3 points: imports on get, tag filters, tags shape, ETag vs masking, edge inputs,
/// and concurrent writers against one SQLite database.
final class SecretQueryTests: DevServerTestCase {
    func testGetFallsBackToImportsOnlyWhenAsked() throws {
        let list = try listSecrets(path: "/", [("include_imports", "true")])
        guard assertStatus(list, 200) else { return }
        let local = Set((list.json?["secrets"]?.array ?? []).compactMap { $0["secretKey"]?.string })
        let imported = (list.json?["imports"]?.array ?? []).flatMap { $0["secrets"]?.array ?? [] }
            .compactMap { $0["secretKey"]?.string }.filter { !local.contains($0) }
        let key = try XCTUnwrap(imported.first, "seed should import a key into / that / does not define itself")
        assertError(try getSecret(key, path: "/"), 404, error: "NotFound")
        let r = try getSecret(key, path: "/", [("include_imports", "true")])
        assertStatus(r, 200, "get \(key) through imports")
        XCTAssertEqual(r.json?["secret"]?["secretKey"]?.string, key)
    }

    func testTagsShapeAndTagSlugFilter() throws {
        let all = try listSecrets([("recursive", "true"), ("viewSecretValue", "false")])
        guard assertStatus(all, 200) else { return }
        let secrets = all.json?["secrets"]?.array ?? []
        var counts: [String: Int] = [:]
        for s in secrets {
            for t in s["tags"]?.array ?? [] {
                for f in ["id", "slug", "name"] { XCTAssertNotNil(t[f]?.string, "tag.\(f) in \(t)") }
                XCTAssertTrue(t["color"]?.string != nil || t["color"]?.isNull == true || t["color"] == nil)
                if let slug = t["slug"]?.string { counts[slug, default: 0] += 1 }
            }
        }
        let slug = try XCTUnwrap(counts.filter { $0.value < secrets.count }.keys.sorted().first, "seeded secrets carry tags")
        let filtered = try listSecrets([("recursive", "true"), ("viewSecretValue", "false"), ("tagSlugs", slug)])
        guard assertStatus(filtered, 200) else { return }
        let got = filtered.json?["secrets"]?.array ?? []
        XCTAssertEqual(got.count, counts[slug], "tagSlugs=\(slug)")
        XCTAssertTrue(got.allSatisfy { ($0["tags"]?.array ?? []).contains { $0["slug"]?.string == slug } })
    }

    func testETagDependsOnMasking() throws {
        let hidden = try listSecrets(path: "/stripe", [("viewSecretValue", "false")])
        let shown = try listSecrets(path: "/stripe", [("viewSecretValue", "true")])
        guard let h = hidden.header("etag"), let s = shown.header("etag") else { return XCTFail("ETags missing") }
        XCTAssertNotEqual(h, s, "masked and revealed lists must not share an ETag")
        let r = try call("GET", "/api/v4/secrets", query: try secretQuery("dev", "/stripe", [("viewSecretValue", "true")]),
                         headers: ["If-None-Match": h])
        XCTAssertEqual(r.status, 200, "the masked list's ETag must not revalidate the revealed list")
    }

    func testEdgeInputs() throws {
        assertValidation(try getSecret("STRIPE_SECRET_KEY", path: "/stripe", [("version", "abc")]))
        assertError(try listSecrets(env: "nope", [("recursive", "true")]), 404)
        let big = String(repeating: "0123456789abcdef", count: 8192)   // 128 KiB
        let name = unique("BIG")
        assertStatus(try createSecret(name, big), 200)
        XCTAssertEqual(try getSecret(name).json?["secret"]?["secretValue"]?.string, big)
    }

    func testConcurrentUpdatesEachGetTheirOwnVersion() throws {
        let name = unique("RACE")
        let c = try createSecret(name, "v0")
        guard assertStatus(c, 200), let id = c.json?["secret"]?["id"]?.string else { return }
        let (srv, auth, pid) = (server!, ["Authorization": "Bearer \(try server.token("admin"))"], try projectId())
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 12) { i in
            let r = try? srv.http.send("PATCH", "/api/v4/secrets/\(name)", headers: auth, json: [
                "projectId": pid, "environment": "dev", "secretPath": "/", "secretValue": "w\(i)"])
            statuses.add(r?.status ?? -1)
        }
        XCTAssertEqual(statuses.all.sorted(), Array(repeating: 200, count: 12), "every concurrent update acknowledged")
        let g = try getSecret(name)
        XCTAssertEqual(g.json?["secret"]?["version"]?.int, 13)
        let h = try call("GET", "/api/v1/secret/\(id)/secret-versions", query: [("offset", "0"), ("limit", "100")])
        let versions = (h.json?["secretVersions"]?.array ?? []).compactMap { $0["version"]?.int }
        XCTAssertEqual(versions, Array((1...13).reversed()), "no lost or duplicated version")
        XCTAssertEqual(h.json?["secretVersions"]?[0]?["secretValue"], g.json?["secret"]?["secretValue"])
    }

    func testConcurrentCreatesOfOneNameYieldExactlyOneWinner() throws {
        let name = unique("ONCE")
        let (srv, auth, pid) = (server!, ["Authorization": "Bearer \(try server.token("admin"))"], try projectId())
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let r = try? srv.http.send("POST", "/api/v4/secrets/\(name)", headers: auth, json: [
                "projectId": pid, "environment": "dev", "secretPath": "/", "secretValue": "c\(i)"])
            statuses.add(r?.status ?? -1)
        }
        XCTAssertEqual(statuses.all.filter { $0 == 200 }.count, 1, "\(statuses.all)")
        XCTAssertEqual(statuses.all.filter { $0 == 400 }.count, 7, "\(statuses.all)")
        XCTAssertEqual(try getSecret(name).json?["secret"]?["version"]?.int, 1)
    }
}

final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func add(_ v: Int) { lock.lock(); values.append(v); lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
}
