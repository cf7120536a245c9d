import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Version history and rollback in Infisical's shapes over real HTTP: a 403 on the versions route
/// is remembered (and worded) rather than swallowed; refused both ways it is one plain error; a
/// rollback writes the old value with the normal PATCH and refuses a server that ignores `version`.
final class VersionHistoryShapeTests: XCTestCase {
    var fake: FakeInfisical!
    override func setUpWithError() throws { fake = try FakeInfisical() }
    override func tearDown() { fake?.stop() }

    func versionsRefused() {
        fake.on("GET", "/api/v1/secret/") { _ in Infisical.error(403, "Forbidden access to /api/v1/secret", "You are not allowed to access this resource") }
    }

    func testARefusedVersionsRouteIsRememberedAndTheVersionsReadOneByOne() throws {
        versionsRefused()
        fake.on("GET", "/api/v4/secrets/DB_URL") { req in
            let v = req.query["version"]?.first.flatMap { Int($0) } ?? 3
            return .init(body: #"{"secret":\#(Infisical.listedSecret(value: "value-v\(v)", version: v))}"#)
        }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        let h = try api.secretHistory(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL", limit: 10)
        XCTAssertTrue(h.routeRefused)
        XCTAssertEqual(h.source, .versionReads)
        XCTAssertEqual(h.versions.map(\.version), [3, 2, 1])
        XCTAssertTrue(h.versions.allSatisfy { $0.isValueHidden }, "masked unless reveal")
    }

    func testRefusedBothWaysIsOnePlainError() throws {
        versionsRefused()
        fake.on("GET", "/api/v4/secrets/DB_URL") { req in
            req.query["version"] == nil
                ? .init(body: #"{"secret":\#(Infisical.listedSecret(value: Secret.hiddenPlaceholder, hidden: true))}"#)
                : Infisical.error(403, "PermissionDenied", "You are not allowed to read versions")
        }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        XCTAssertThrowsError(try api.secretHistory(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL")) { e in
            let err = e as? InfisicalError
            XCTAssertEqual(err?.message, VersionHistoryRules.personLoginNeeded)
            XCTAssertEqual(err?.status, 403)
        }
    }

    func testRollbackWritesTheOldValueWithTheNormalUpdate() throws {
        fake.on("GET", "/api/v4/secrets/DB_URL") { req in
            let v = req.query["version"]?.first.flatMap { Int($0) } ?? 3
            return .init(body: #"{"secret":\#(Infisical.listedSecret(value: "value-v\(v)", version: v, hidden: false))}"#)
        }
        fake.on("PATCH", "/api/v4/secrets/DB_URL") { _ in .init(body: #"{"secret":\#(Infisical.rawSecret(value: "value-v1", version: 4, hidden: false))}"#) }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        let r = try api.rollbackSecret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL", toVersion: 1)
        XCTAssertEqual(r, RollbackResult(key: "DB_URL", environment: "dev", path: "/db", previousVersion: 3, restoredVersion: 1, newVersion: 4))
        let patch = try XCTUnwrap(fake.requests("PATCH", "/api/v4/secrets/DB_URL").first?.json)
        XCTAssertEqual(patch["secretValue"] as? String, "value-v1")
        XCTAssertNil(patch["secretComment"], "only the value is restored")
        let read = try XCTUnwrap(fake.requests("GET", "/api/v4/secrets/DB_URL").first { $0.query["version"]?.first == "1" })
        XCTAssertEqual(read.query["viewSecretValue"]?.first, "true")
    }

    /// A server that ignores `version` answers with the current secret: nothing is written.
    func testAServerThatIgnoresTheVersionGetsNoWrite() throws {
        fake.on("GET", "/api/v4/secrets/DB_URL") { _ in .init(body: #"{"secret":\#(Infisical.listedSecret(value: "now", version: 3, hidden: false))}"#) }
        fake.on("PATCH", "/api/v4/secrets/DB_URL") { _ in .init(body: #"{"secret":\#(Infisical.rawSecret(value: "now", version: 4, hidden: false))}"#) }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        XCTAssertThrowsError(try api.rollbackSecret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL", toVersion: 2)) { e in
            XCTAssertEqual((e as? InfisicalError)?.message, "the server did not return version 2 of DB_URL")
        }
        XCTAssertTrue(fake.requests("PATCH", "/api/v4/secrets/DB_URL").isEmpty)
    }
}
