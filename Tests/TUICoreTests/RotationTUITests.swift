import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The dashboard's side of issue 12 parts 2–3: the badge follows the shared policy (and the
/// config's overrides), `!` keeps only overdue rows, `e` on an audit row asks for that actor's
/// reads and shows them grouped.
final class RotationTUITests: XCTestCase {
    typealias F = Fixtures

    func opened(rotation: RotationConfig = RotationConfig()) -> AppState {
        var s = AppState(StartupOptions(serverLabel: "127.0.0.1:8080", identityName: "demo-developer", width: 120, height: 40,
                                        rotation: rotation))
        let lists = ["dev:/database": GoldenScreens.databaseList]
        F.answer(&s, F.send(&s, .started(now: F.t0)), lists: lists)
        F.press(&s, .tab, .down)                                   // past the tree's root to database/
        F.answer(&s, F.press(&s, .enter), lists: lists)
        F.press(&s, .tab)
        return s
    }

    func visibleKeys(_ s: AppState) -> [String] { s.browse.visibleSecrets.map { s.browse.secrets[$0].key } }

    func testBadgesFollowThePolicyAndTheReminder() {
        let s = opened()
        let status = Dictionary(uniqueKeysWithValues: s.browse.secrets.map { ($0.key, s.rotationStatus($0)?.badge ?? "-") })
        XCTAssertEqual(status, ["DATABASE_PASSWORD": "due 5d", "DATABASE_POOL_SIZE": "-", "DATABASE_URL": "overdue 30d",
                                "REPLICA_DB_PASSWORD": "overdue 6d"])
        let screen = F.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("overdue 30d"), screen)
    }

    func testOverdueOnlyFilterCombinesWithTheKeyFilterAndEscClearsIt() {
        var s = opened()
        XCTAssertEqual(visibleKeys(s).count, 4)
        F.press(&s, .char("!"))
        XCTAssertTrue(s.browse.overdueOnly)
        XCTAssertEqual(visibleKeys(s), ["DATABASE_URL", "REPLICA_DB_PASSWORD"])
        F.press(&s, .char("/"))
        F.type(&s, "url")
        F.press(&s, .enter)
        XCTAssertEqual(visibleKeys(s), ["DATABASE_URL"])
        F.press(&s, .escape)
        XCTAssertFalse(s.browse.overdueOnly)
        XCTAssertEqual(visibleKeys(s).count, 4, "Esc clears the key filter and the overdue filter")
        F.press(&s, .char("!"), .char("!"))
        XCTAssertEqual(visibleKeys(s).count, 4, "! toggles")
    }

    func testConfigOverrideChangesTheBadgeForThatProjectOnly() {
        let cfg = RotationConfig(projects: ["opticworks-store": [RotationRule("DATABASE_URL", days: 0),
                                                                RotationRule("DATABASE_POOL_SIZE", days: 100)]])
        var s = opened(rotation: cfg)
        let status = Dictionary(uniqueKeysWithValues: s.browse.secrets.map { ($0.key, s.rotationStatus($0)?.badge ?? "-") })
        XCTAssertEqual(status["DATABASE_URL"], "-", "exempted by the override")
        XCTAssertEqual(status["DATABASE_POOL_SIZE"], "overdue 100d")
        F.press(&s, .char("!"))
        XCTAssertEqual(visibleKeys(s), ["DATABASE_POOL_SIZE", "REPLICA_DB_PASSWORD"])
        XCTAssertEqual(cfg.policy(projectId: "p-hw", slug: "hardwareos"), RotationPolicy.standard)
    }

    func testExposureAsksForTheRowsActorAndGroupsTheAnswer() throws {
        var s = GoldenScreens.auditOpened(120, 40)
        let effects = F.press(&s, .char("e"))
        let req = try XCTUnwrap(F.requests(effects).compactMap { r -> AuditRequest? in
            if case .audit(.loadExposure(let q)) = r.request { return q }
            return nil
        }.first)
        XCTAssertEqual(req.actor, "id-dev")
        XCTAssertEqual(req.actorType, "identity")
        XCTAssertEqual(req.projectId, "p-store")
        XCTAssertEqual(req.eventTypes, ["get-secret", "get-secrets"])
        XCTAssertEqual(req.start, F.t0.addingTimeInterval(-90 * 86400))
        XCTAssertTrue(F.screen(s).joined(separator: "\n").contains("loading the actor's reads…"))

        let s2 = GoldenScreens.auditExposure(120, 40)
        let report = try XCTUnwrap(s2.audit.exposure?.report)
        XCTAssertEqual(report.secrets.map { "\($0.environment) \($0.key) \($0.count)" },
                       ["prod DATABASE_URL 2", "prod STRIPE_SECRET_KEY 1"])
        XCTAssertEqual(report.folders.map { "\($0.environment) \($0.path) \($0.secrets ?? -1)" }, ["staging /database 4"])

        var back = s2
        let closing = F.press(&back, .escape)
        XCTAssertNil(back.audit.exposure)
        XCTAssertEqual(back.screen, .audit, "Esc closes the report, not the audit screen")
        XCTAssertTrue(closing.isEmpty || !closing.contains { if case .request = $0 { return true }; return false })
    }

    func testExposureErrorIsShownNotSwallowed() {
        var s = GoldenScreens.auditOpened(120, 40)
        for case .request(let id, .audit(.loadExposure)) in F.press(&s, .char("e")) {
            F.send(&s, .answered(id, .audit(.exposure(.failure(InfisicalError(.permissionDenied, "no access to audit logs"))))))
        }
        XCTAssertTrue(F.screen(s).joined(separator: "\n").contains("✗ no access to audit logs"))
    }
}
