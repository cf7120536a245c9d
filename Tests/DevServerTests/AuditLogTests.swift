import Foundation
import XCTest

/// §8 audit logs: events written for reads and writes, actor + user-agent classification, filters,
/// paging, the deprecated project route, seeded history.
final class AuditLogTests: DevServerTestCase {
    func audit(_ q: [(String, String)], as role: String = "admin", includeProject: Bool = true) throws -> HTTPResponse {
        let start = ISODate.string(Date().addingTimeInterval(-3600))
        var query = q
        if includeProject { query.append(("projectId", try projectId())) }
        if !query.contains(where: { $0.0 == "startDate" }) { query.append(("startDate", start)) }
        return try call("GET", "/api/v1/organization/audit-logs", as: role, query: query)
    }

    func rows(_ r: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) -> [JSON] {
        assertStatus(r, 200, file: file, line: line)
        return r.json?["auditLogs"]?.array ?? []
    }

    /// The seed's fixed events answer the demo question "who read STRIPE_SECRET_KEY in prod this
    /// week?": three readers within 7 days (the fourth read is 10 days old).
    func testSeededStoryAnswersWhoReadTheStripeKeyInProdThisWeek() throws {
        let week = ISODate.string(Date().addingTimeInterval(-7 * 86400))
        let events = rows(try audit([("startDate", week), ("environment", "prod"), ("secretKey", "STRIPE_SECRET_KEY"),
                                     ("eventType", "get-secret"), ("limit", "100")]))
        let actors = events.compactMap { $0["actor"]?["metadata"]?["email"]?.string ?? $0["actor"]?["metadata"]?["name"]?.string }
        XCTAssertEqual(Set(actors), ["jonas.weber@optic.works", "store-backend-k8s", "maya.chen@optic.works"], "\(actors)")
        let month = ISODate.string(Date().addingTimeInterval(-30 * 86400))
        let older = rows(try audit([("startDate", month), ("environment", "prod"), ("secretKey", "STRIPE_SECRET_KEY"),
                                    ("eventType", "get-secret"), ("limit", "100")]))
        XCTAssertTrue(older.contains { $0["actor"]?["metadata"]?["name"]?.string == "ci-deploy" }, "the 10-day-old read is outside the week only")
    }

    func testWritesAndReadsAreLoggedWithTypesActorAndMetadata() throws {
        let name = unique("AUDITED")
        let c = try createSecret(name, "a1", env: "staging", path: "/stripe", as: "developer", userAgent: "cli")
        guard assertStatus(c, 200) else { return }
        let secretId = c.json?["secret"]?["id"]?.string
        assertStatus(try updateSecret(name, env: "staging", path: "/stripe", fields: ["secretValue": "a2"], as: "developer"), 200)
        assertStatus(try getSecret(name, env: "staging", path: "/stripe", as: "developer", userAgent: "cli"), 200)
        assertStatus(try listSecrets(env: "staging", path: "/stripe", as: "developer"), 200)
        assertStatus(try deleteSecret(name, env: "staging", path: "/stripe", as: "developer"), 200)

        let events = rows(try audit([("secretKey", name)]))
        let types = events.compactMap { $0["event"]?["type"]?.string }
        XCTAssertEqual(Set(types), ["create-secret", "update-secret", "get-secret", "delete-secret"], "\(types)")
        XCTAssertEqual(types, ["delete-secret", "get-secret", "update-secret", "create-secret"], "newest first")
        let identityId = jwtPayload(try server.token("developer"))?["identityId"]?.string
        for e in events {
            XCTAssertNotNil(e["id"]?.string)
            XCTAssertTrue(ISODate.isValid(e["createdAt"]?.string), "createdAt in \(e)")
            XCTAssertEqual(e["projectId"]?.string, try projectId())
            XCTAssertEqual(e["actor"]?["type"]?.string, "identity")
            XCTAssertEqual(e["actor"]?["metadata"]?["identityId"]?.string, identityId)
            XCTAssertEqual(e["actor"]?["metadata"]?["name"]?.string, "demo-developer")
            let m = e["event"]?["metadata"]
            XCTAssertEqual(m?["environment"]?.string, "staging")
            XCTAssertEqual(m?["secretPath"]?.string, "/stripe")
            XCTAssertEqual(m?["secretKey"]?.string, name)
            XCTAssertEqual(m?["secretId"]?.string, secretId)
            XCTAssertNotNil(m?["secretVersion"]?.int, "secretVersion in \(e)")
            XCTAssertFalse(e.description.contains("\"a1\"") || e.description.contains("\"a2\""), "no values in audit rows: \(e)")
        }
        let create = events.first { $0["event"]?["type"]?.string == "create-secret" }
        XCTAssertEqual(create?["userAgentType"]?.string, "cli")
        XCTAssertEqual(create?["event"]?["metadata"]?["secretVersion"]?.int, 1)

        let lists = rows(try audit([("eventType", "get-secrets"), ("environment", "staging"), ("secretPath", "/stripe")]))
        XCTAssertFalse(lists.isEmpty, "a list writes a get-secrets event")
        XCTAssertNotNil(lists.first?["event"]?["metadata"]?["numberOfSecrets"]?.int)
    }

    func testDeprecatedV3ReadsAreAuditedToo() throws {
        let name = unique("V3AUD")
        assertStatus(try createSecret(name, "x", path: "/redis"), 200)
        let q = [("workspaceId", try projectId()), ("environment", "dev"), ("secretPath", "/redis")]
        assertStatus(try call("GET", "/api/v3/secrets/raw/\(name)", query: q, userAgent: "python-requests/2.32.3"), 200)
        assertStatus(try call("GET", "/api/v3/secrets/raw", query: q, userAgent: "python-requests/2.32.3"), 200)
        let got = rows(try audit([("secretKey", name), ("eventType", "get-secret")]))
        XCTAssertEqual(got.count, 1, "v3 get logs get-secret")
        XCTAssertEqual(got.first?["userAgentType"]?.string, "other")
        let lists = rows(try audit([("eventType", "get-secrets"), ("secretPath", "/redis"), ("userAgentType", "other")]))
        XCTAssertFalse(lists.isEmpty, "v3 list logs get-secrets")
    }

    func testUserAgentClassification() throws {
        let cases: [(String?, String)] = [
            ("cli", "cli"), ("k8-operator", "k8-operator"), ("terraform", "terraform"),
            ("Mozilla/5.0 (X11; Linux x86_64)", "web"), ("my-app InfisicalPythonSDK/1.0", "InfisicalPythonSDK"),
            ("InfisicalNodeSDK/3", "InfisicalNodeSDK"), ("curl/8.5.0", "other"), ("cli/2.0", "other"), (nil, "other"),
        ]
        for (ua, expected) in cases {
            let name = unique("UA")
            assertStatus(try createSecret(name, "x"), 200)
            assertStatus(try getSecret(name, userAgent: ua), 200)
            let e = rows(try audit([("secretKey", name), ("eventType", "get-secret")]))
            XCTAssertEqual(e.count, 1, "one get-secret for \(ua ?? "no UA")")
            XCTAssertEqual(e.first?["userAgentType"]?.string, expected, "User-Agent \(ua ?? "(none)")")
        }
    }

    func testFiltersEventTypeEnvironmentActorAndDates() throws {
        let a = unique("FILT_A"), b = unique("FILT_B")
        assertStatus(try createSecret(a, "1", env: "dev", as: "developer"), 200)
        assertStatus(try createSecret(b, "2", env: "prod", as: "admin"), 200)
        assertStatus(try deleteSecret(a, env: "dev", as: "developer"), 200)

        let multi = rows(try audit([("eventType", "create-secret,delete-secret")]))
        XCTAssertTrue(multi.allSatisfy { ["create-secret", "delete-secret"].contains($0["event"]?["type"]?.string ?? "") })
        XCTAssertTrue(multi.contains { $0["event"]?["metadata"]?["secretKey"]?.string == a && $0["event"]?["type"]?.string == "delete-secret" })

        let prod = rows(try audit([("environment", "prod"), ("eventType", "create-secret")]))
        XCTAssertTrue(prod.allSatisfy { $0["event"]?["metadata"]?["environment"]?.string == "prod" })
        XCTAssertTrue(prod.contains { $0["event"]?["metadata"]?["secretKey"]?.string == b })

        let devId = try XCTUnwrap(jwtPayload(try server.token("developer"))?["identityId"]?.string)
        let mine = rows(try audit([("actor", devId), ("limit", "1000")]))
        XCTAssertFalse(mine.isEmpty)
        XCTAssertTrue(mine.allSatisfy { $0["actor"]?["metadata"]?["identityId"]?.string == devId }, "actor filter")
        XCTAssertFalse(mine.contains { $0["event"]?["metadata"]?["secretKey"]?.string == b }, "admin's event under developer filter")

        let future = ISODate.string(Date().addingTimeInterval(3600))
        XCTAssertEqual(rows(try audit([("startDate", future), ("endDate", ISODate.string(Date().addingTimeInterval(7200)))])).count, 0)
        let past = rows(try audit([("startDate", ISODate.string(Date().addingTimeInterval(-600))), ("endDate", future), ("secretKey", a)]))
        XCTAssertEqual(past.count, 2, "create + delete of \(a) in the window")
        assertValidation(try audit([("startDate", future), ("endDate", ISODate.string(Date().addingTimeInterval(-3600)))]))
    }

    func testUserAgentTypeAndActorTypeFiltersAndListCounts() throws {
        let name = unique("UAF")
        assertStatus(try createSecret(name, "x", path: "/easypost", userAgent: "terraform"), 200)
        assertStatus(try getSecret(name, path: "/easypost", userAgent: "Mozilla/5.0"), 200)
        let tf = rows(try audit([("userAgentType", "terraform"), ("limit", "1000")]))
        XCTAssertTrue(tf.allSatisfy { $0["userAgentType"]?.string == "terraform" }, "userAgentType filter")
        XCTAssertTrue(tf.contains { $0["event"]?["metadata"]?["secretKey"]?.string == name })
        let web = rows(try audit([("userAgentType", "web"), ("secretKey", name)]))
        XCTAssertEqual(web.compactMap { $0["event"]?["type"]?.string }, ["get-secret"])
        let ids = rows(try audit([("actorType", "identity"), ("limit", "1000")]))
        XCTAssertFalse(ids.isEmpty)
        XCTAssertTrue(ids.allSatisfy { $0["actor"]?["type"]?.string == "identity" }, "actorType filter")
        if let ua = web.first?["userAgent"]?.string { XCTAssertEqual(ua, "Mozilla/5.0") }

        let list = try listSecrets(env: "dev", path: "/easypost", as: "viewer")
        let n = list.json?["secrets"]?.array?.count
        let ev = rows(try audit([("eventType", "get-secrets"), ("environment", "dev"), ("secretPath", "/easypost")])).first
        XCTAssertEqual(ev?["event"]?["metadata"]?["numberOfSecrets"]?.int, n, "numberOfSecrets = size of the list")
        XCTAssertEqual(ev?["actor"]?["metadata"]?["name"]?.string, "demo-viewer")
    }

    func testOrganizationWideQueryWithoutProjectCoversSeveralProjects() throws {
        let start = ISODate.string(Date().addingTimeInterval(-31 * 86400))
        let r = rows(try audit([("startDate", start), ("limit", "1000")], as: "owner", includeProject: false))
        let projects = Set(r.compactMap { $0["projectId"]?.string })
        XCTAssertGreaterThanOrEqual(projects.count, 2, "org-wide audit spans projects: \(projects.count)")
        let one = rows(try audit([("startDate", start), ("limit", "1000")], as: "owner"))
        XCTAssertTrue(one.allSatisfy { $0["projectId"]?.string == (try? projectId()) }, "projectId filter")
    }

    func testPagingIsNewestFirstAndDisjoint() throws {
        for i in 0..<25 { assertStatus(try createSecret(unique("PAGE\(i)"), "p"), 200) }
        let p1 = rows(try audit([("offset", "0"), ("limit", "5")]))
        let p2 = rows(try audit([("offset", "5"), ("limit", "5")]))
        XCTAssertEqual(p1.count, 5); XCTAssertEqual(p2.count, 5)
        let ids1 = Set(p1.compactMap { $0["id"]?.string }), ids2 = Set(p2.compactMap { $0["id"]?.string })
        XCTAssertTrue(ids1.isDisjoint(with: ids2), "pages overlap")
        let dates = (p1 + p2).compactMap { ISODate.parse($0["createdAt"]?.string) }
        XCTAssertEqual(dates.count, 10)
        XCTAssertEqual(dates, dates.sorted(by: >), "newest first")
        let big = rows(try audit([("limit", "1000")]))
        XCTAssertGreaterThanOrEqual(big.count, 10)
        assertValidation(try audit([("limit", "1001")]))
        XCTAssertEqual(rows(try audit([])).count, 20, "default limit 20 (there are more than 20 events by now)")
    }

    func testUnknownEventTypeAndBadDatesAre422() throws {
        assertValidation(try audit([("eventType", "no-such-event")]))
        assertValidation(try audit([("eventType", "get-secret,bogus")]))
        assertValidation(try audit([("startDate", "yesterday")]))
        // endDate may be at most 3 months after startDate.
        assertValidation(try audit([("startDate", ISODate.string(Date().addingTimeInterval(-200 * 86400))),
                                    ("endDate", ISODate.string(Date()))]))
    }

    func testSeededHistoryCoversThirtyDaysActorsAndSources() throws {
        let start = ISODate.string(Date().addingTimeInterval(-31 * 86400))
        let r = rows(try audit([("startDate", start), ("limit", "1000")]))
        XCTAssertGreaterThan(r.count, 50, "~30 days of seeded history")
        let oldest = r.compactMap { ISODate.parse($0["createdAt"]?.string) }.min() ?? Date()
        XCTAssertLessThan(oldest, Date().addingTimeInterval(-20 * 86400), "history reaches weeks back")
        XCTAssertTrue(Set(r.compactMap { $0["actor"]?["type"]?.string }).isSuperset(of: ["user", "identity"]))
        let sources = Set(r.compactMap { $0["userAgentType"]?.string })
        XCTAssertGreaterThanOrEqual(sources.count, 3, "several sources: \(sources)")
        for e in r where e["actor"]?["type"]?.string == "user" {
            XCTAssertNotNil(e["actor"]?["metadata"]?["userId"]?.string, "user actor metadata: \(e)")
        }
        // Default window is "since last midnight": seeded events older than today are not in it.
        let today = rows(try call("GET", "/api/v1/organization/audit-logs", query: [("projectId", try projectId()), ("limit", "1000")]))
        let midnight = Calendar(identifier: .gregorian).startOfDay(for: Date())
        XCTAssertTrue(today.compactMap { ISODate.parse($0["createdAt"]?.string) }.allSatisfy { $0 >= midnight.addingTimeInterval(-86400) })
    }

    func testDeprecatedProjectAuditRoute() throws {
        let name = unique("DEPR")
        assertStatus(try createSecret(name, "x"), 200)
        let r = try call("GET", "/api/v1/workspace/\(try projectId())/audit-logs", query: [
            ("eventType", "create-secret"), ("startDate", ISODate.string(Date().addingTimeInterval(-600))), ("limit", "100"),
        ])
        let events = rows(r)
        XCTAssertTrue(events.allSatisfy { $0["event"]?["type"]?.string == "create-secret" })
        XCTAssertTrue(events.contains { $0["event"]?["metadata"]?["secretKey"]?.string == name })
    }
}
