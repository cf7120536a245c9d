import Foundation
import InfisicalModels
import XCTest

/// The exposure grouping (InfisicalModels/ExposureReport.swift), pure: which events count, how
/// they group, who is matched.
final class ExposureReportTests: XCTestCase {
    func user(_ email: String, id: String) -> AuditLogEntry.Actor {
        .init(type: "user", metadata: .object(["userId": .string(id), "email": .string(email), "username": .string(email)]))
    }
    let leo = AuditLogEntry.Actor(type: "user", metadata: .object(["userId": .string("u-leo"), "email": .string("Leo@Optic.Works"),
                                                                   "username": .string("Leo@Optic.Works")]))
    let ci = AuditLogEntry.Actor(type: "identity", metadata: .object(["identityId": .string("i-ci"), "name": .string("ci-deploy")]))

    func event(_ type: String, _ actor: AuditLogEntry.Actor, _ env: String, _ path: String, _ key: String? = nil,
               at: String, project: String = "p1", n: Int? = nil) -> AuditLogEntry {
        var meta: [String: JSONValue] = ["environment": .string(env), "secretPath": .string(path)]
        if let key { meta["secretKey"] = .string(key); meta["secretId"] = .string("s-" + key) }
        if let n { meta["numberOfSecrets"] = .number(Double(n)) }
        return AuditLogEntry(id: UUID().uuidString, createdAt: at, projectId: project, projectName: project == "p1" ? "store" : "hw",
                             event: .init(type: type, metadata: .object(meta)), actor: actor)
    }

    var log: [AuditLogEntry] {
        [
            event("get-secret", leo, "prod", "/database", "DATABASE_URL", at: "2026-11-01T10:00:00.000Z"),
            event("get-secret", leo, "prod", "/database", "DATABASE_URL", at: "2026-11-03T10:00:00.000Z"),
            event("get-secret", leo, "prod", "/database", "DATABASE_URL", at: "2026-11-02T10:00:00+00:00"),
            event("get-secret", leo, "staging", "/database", "DATABASE_URL", at: "2026-10-01T00:00:00.000Z"),
            event("get-secret", leo, "prod", "/signing", "FIRMWARE_SIGNING_KEY", at: "2026-11-05T00:00:00.000Z", project: "p2"),
            event("get-secrets", leo, "staging", "/database", at: "2026-11-04T00:00:00.000Z", n: 3),
            event("get-secrets", leo, "staging", "/database", at: "2026-11-06T00:00:00.000Z", n: 4),
            event("update-secret", leo, "dev", "/", "WRITTEN_NOT_READ", at: "2026-11-07T00:00:00.000Z"),
            event("get-secret", ci, "prod", "/stripe", "STRIPE_SECRET_KEY", at: "2026-11-08T00:00:00.000Z"),
            event("get-secret", leo, "prod", "/x", nil, at: "2026-11-08T00:00:00.000Z"),   // no key: nothing to name
        ]
    }

    func testGroupsReadsBySecretAndListingsByFolder() {
        let r = ExposureReport.build(log.shuffled(), actor: "leo@optic.works")
        XCTAssertEqual(r.actorId, "u-leo")
        XCTAssertEqual(r.actorName, "Leo@Optic.Works")
        XCTAssertEqual(r.eventsSeen, 9, "everything leo did, writes included")
        XCTAssertEqual(r.secrets.map { "\($0.projectName) \($0.environment) \($0.path) \($0.key) \($0.count) \($0.lastRead)" }, [
            "hw prod /signing FIRMWARE_SIGNING_KEY 1 2026-11-05T00:00:00.000Z",
            "store prod /database DATABASE_URL 3 2026-11-03T10:00:00.000Z",
            "store staging /database DATABASE_URL 1 2026-10-01T00:00:00.000Z",
        ])
        XCTAssertEqual(r.folders.count, 1)
        XCTAssertEqual(r.folders.first?.count, 2)
        XCTAssertEqual(r.folders.first?.secrets, 4, "the largest listing")
        XCTAssertEqual(r.folders.first?.lastListed, "2026-11-06T00:00:00.000Z")
        XCTAssertFalse(r.secrets.contains { $0.key == "WRITTEN_NOT_READ" }, "a write exposes nothing new")
        XCTAssertFalse(r.secrets.contains { $0.key == "STRIPE_SECRET_KEY" }, "other actors' reads are not leo's")
    }

    func testActorIsMatchedByIdEmailOrIdentityNameOnly() {
        XCTAssertEqual(ExposureReport.build(log, actor: "u-leo").secrets.count, 3)
        XCTAssertEqual(ExposureReport.build(log, actor: "  LEO@optic.works ").secrets.count, 3)
        let c = ExposureReport.build(log, actor: "ci-deploy")
        XCTAssertEqual(c.secrets.map(\.key), ["STRIPE_SECRET_KEY"])
        XCTAssertEqual(c.actorId, "i-ci")
        XCTAssertTrue(ExposureReport.build(log, actor: "leo").isEmpty, "no substring matches: a report names exactly one actor")
        XCTAssertTrue(ExposureReport.build(log, actor: "").isEmpty)
        let none = ExposureReport.build(log, actor: "nobody@optic.works")
        XCTAssertEqual(none.eventsSeen, 0)
        XCTAssertEqual(none.actorName, "nobody@optic.works")
    }

    func testSameLogSameReport() {
        XCTAssertEqual(ExposureReport.build(log, actor: "u-leo"), ExposureReport.build(log.reversed(), actor: "u-leo"))
    }
}
