import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The history overlay's core: opening on the selected secret, one masked value revealed at a
/// time, the production and role guards of a rollback, and what a rollback asks the runner for.
final class HistoryTests: XCTestCase {
    typealias F = Fixtures
    typealias H = HistoryFixtures

    func target(_ env: String = "dev", key: String = "APP_ENV") -> HistoryTarget {
        HistoryTarget(projectId: "p-store", environment: env, path: "/", key: key)
    }

    func testVOpensTheSelectedSecretsHistoryAndLoadsIt() {
        var s = H.onSecret()
        let effects = F.press(&s, .char("v"))
        XCTAssertEqual(effects.asked, [.history(.load(target()))])
        XCTAssertEqual(s.history?.target, target())
        XCTAssertTrue(F.screen(s).joined().contains("loading the versions…"))
        F.reply(&s, .historyLoad, .history(.loaded(.success(H.listing()), now: F.t0)))
        let screen = F.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("v3 (now)"), screen)
        XCTAssertTrue(screen.contains("2d ago · 2025-11-22 "), screen)
        XCTAssertTrue(screen.contains("ci-bot (machine)"), screen)
        XCTAssertTrue(screen.contains(Secret.mask), screen)
        // Esc goes back to the browse view.
        F.press(&s, .escape)
        XCTAssertNil(s.overlay)
    }

    func testVWithNoSecretSelectedSaysSo() {
        var s = F.loadedState(lists: ["dev:/": SecretList(secrets: [])])
        F.press(&s, .char("v"))
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.status.lastError?.message, "select a secret first")
    }

    func testRevealShowsOneVersionAndMasksOnMoveAndTimeout() {
        var s = H.open()
        XCTAssertEqual(F.press(&s, .char("r")).asked, [.history(.reveal(target(), version: 3))])
        F.reply(&s, .historyReveal, .history(.revealed(.success("staging-v3"), now: F.t0)))
        XCTAssertEqual(s.history?.revealed?.value, "staging-v3")
        XCTAssertTrue(F.screen(s).joined().contains("v3 value: staging-v3"))
        // Moving masks it: a value never follows the cursor.
        F.press(&s, .down)
        XCTAssertNil(s.history?.revealed)
        XCTAssertFalse(F.screen(s).joined().contains("staging-v3"))
        // Reveal v2, then let the re-mask deadline pass.
        F.press(&s, .char("r"))
        F.reply(&s, .historyReveal, .history(.revealed(.success("old-v2"), now: F.t0)))
        XCTAssertEqual(s.history?.revealed?.version, 2)
        F.send(&s, .tick(now: F.t0.addingTimeInterval(s.session.remaskAfter - 1)))
        XCTAssertNotNil(s.history?.revealed)
        F.send(&s, .tick(now: F.t0.addingTimeInterval(s.session.remaskAfter + 1)))
        XCTAssertNil(s.history?.revealed)
        XCTAssertFalse(F.screen(s).joined().contains("old-v2"))
    }

    func testALateRevealForAnotherVersionIsNotShown() {
        var s = H.open()
        F.press(&s, .char("r"))
        F.press(&s, .down)          // moved on before the answer came
        F.reply(&s, .historyReveal, .history(.revealed(.success("late"), now: F.t0)))
        XCTAssertNil(s.history?.revealed)
        XCTAssertFalse(F.screen(s).joined().contains("late"))
    }

    func testProductionRevealAsksFirst() {
        var s = H.open(env: 3)
        XCTAssertEqual(F.press(&s, .char("r")).asked, [])
        XCTAssertEqual(s.history?.confirmReveal, 3)
        XCTAssertTrue(F.screen(s).joined().contains("Reveal v3 of APP_ENV in prod (production)?"))
        XCTAssertEqual(F.press(&s, .char("n")).asked, [])
        XCTAssertNil(s.history?.confirmReveal)
        F.press(&s, .char("r"))
        XCTAssertEqual(F.press(&s, .char("y")).asked, [.history(.reveal(target("prod"), version: 3))])
    }

    func testStagingRollbackPreviewsMaskedThenAsksTheRunner() {
        var s = H.open(env: 2)
        F.press(&s, .down)
        XCTAssertEqual(F.press(&s, .char("b")).asked, [])
        XCTAssertEqual(s.history?.rollback, RollbackPreview(current: 3, restore: 2))
        let screen = F.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Roll back APP_ENV in staging"), screen)
        XCTAssertTrue(screen.contains("now      v3"), screen)
        XCTAssertTrue(screen.contains("becomes  v4"), screen)
        XCTAssertTrue(screen.contains("(the value of v2)"), screen)
        XCTAssertEqual(F.press(&s, .char("y")).asked, [.history(.rollback(target("staging"), toVersion: 2))])
        XCTAssertTrue(s.history?.rollingBack == true)
        // While the write is out, Esc does not leave (its answer is shown here).
        F.press(&s, .escape)
        XCTAssertNotNil(s.history)
        let after = F.reply(&s, .historyRollback, .history(.rolledBack(.success(.init(previous: 3, restored: 2, new: 4)))))
        XCTAssertTrue(after.asked.contains(.history(.load(target("staging")))), "\(after.asked)")
        XCTAssertTrue(after.asked.contains { if case .secrets = $0 { return true }; return false }, "\(after.asked)")
        XCTAssertEqual(s.history?.notice, "✓ APP_ENV: the value of v2 is now v4 (v3 stays in the history)")
        XCTAssertEqual(s.status.notice, "rolled back APP_ENV in staging to the value of v2: now v4")
    }

    func testRollbackCancelWritesNothing() {
        var s = H.open(env: 2)
        F.press(&s, .down, .char("b"))
        XCTAssertEqual(F.press(&s, .char("n")).asked, [])
        XCTAssertNil(s.history?.rollback)
        XCTAssertNotNil(s.history)
    }

    func testProductionRollbackIsRefusedInTheTUI() {
        var s = H.open(env: 3, role: "admin")
        F.press(&s, .down)
        XCTAssertEqual(F.press(&s, .char("b")).asked, [])
        XCTAssertNil(s.history?.rollback)
        XCTAssertEqual(s.history?.notice, "cannot roll back in prod: production is read-only in the TUI")
        XCTAssertTrue(F.screen(s).joined().contains("cannot roll back in prod"))
    }

    func testAViewerCannotRollBack() {
        var s = H.open(env: 2, role: "viewer")
        XCTAssertEqual(s.role?.slug, "viewer")
        F.press(&s, .down)
        XCTAssertEqual(F.press(&s, .char("b")).asked, [])
        XCTAssertEqual(s.history?.notice, "cannot roll back in staging: viewer role: read only")
    }

    func testTheCurrentVersionIsNotRolledBackOntoItself() {
        var s = H.open(env: 2)
        XCTAssertEqual(F.press(&s, .char("b")).asked, [])
        XCTAssertEqual(s.history?.notice, "v3 is already the current version of APP_ENV")
    }

    func testAFailedRollbackSaysSoAndKeepsTheOverlay() {
        var s = H.open(env: 2)
        F.press(&s, .down, .char("b"), .char("y"))
        F.reply(&s, .historyRollback, .history(.rolledBack(.failure(InfisicalError(.permissionDenied, "cannot change APP_ENV", status: 403)))))
        XCTAssertEqual(s.history?.rollingBack, false)
        XCTAssertTrue(s.history?.notice?.hasPrefix("✗ not rolled back: cannot change APP_ENV") == true, s.history?.notice ?? "")
    }

    /// A machine identity: the versions route refused it; the rows read one by one are shown
    /// under a plain sentence, never silently.
    func testRefusedVersionsRouteIsSaidPlainly() {
        let s = H.open(listing: H.listing(refused: true))
        let screen = F.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("⚠ version history needs a person login (infisical-tui login)"), screen)
        let wide = H.open(width: 200, height: 50, listing: H.listing(refused: true))
        XCTAssertTrue(F.screen(wide).joined().contains(VersionHistoryRules.personLoginNeeded))
    }

    func testTheClientsRefusalIsShownInTheOverlay() {
        var s = H.onSecret(width: 200, height: 50)
        F.press(&s, .char("v"))
        // What the client throws when both the versions route and the per-version reads say 403.
        let refused = InfisicalError(.permissionDenied, VersionHistoryRules.personLoginNeeded, hint: "Forbidden access to /api/v1/secret", status: 403)
        F.reply(&s, .historyLoad, .history(.loaded(.failure(refused), now: F.t0)))
        XCTAssertTrue(s.history?.error?.hasPrefix(VersionHistoryRules.personLoginNeeded) == true, s.history?.error ?? "")
        XCTAssertTrue(F.screen(s).joined().contains("✗ version history needs a person login"))
    }

    func testHistoryKeysAreInTheTable() {
        XCTAssertEqual(KeyBindings.lookup(.char("v"), in: [.general])?.command, .openHistory)
        XCTAssertEqual(KeyBindings.lookup(.char("b"), in: [.history])?.command, .history(.rollback))
        XCTAssertTrue(KeyBindings.markdown.contains("| Version history |"))
    }

    // MARK: who changed it

    func testDetailSaysWhoLastChangedTheSecretFromTheActor() {
        var secret = F.secret("APP_ENV", version: 2, daysAgo: 3)
        secret.actor = SecretActor(actorId: "u1", actorType: "user", name: "Jonas Weber")
        var bot = F.secret("LOG_LEVEL", daysAgo: 12)
        bot.actor = SecretActor(actorId: "i1", actorType: "identity", name: "ci-bot")
        var s = F.loadedState(width: 200, height: 50, lists: ["dev:/": SecretList(secrets: [secret, bot])])
        F.press(&s, .tab, .tab)
        XCTAssertTrue(F.screen(s).contains { $0.contains("Changed  by Jonas Weber · 3d ago") }, F.screen(s).joined(separator: "\n"))
        F.press(&s, .down)
        XCTAssertTrue(F.screen(s).contains { $0.contains("Changed  by ci-bot (machine) · 12d ago") })
    }

    func testWithoutAnActorTheLastWriteInTheAuditLogSaysWho() {
        var s = F.loadedState(width: 200, height: 50)
        F.press(&s, .tab, .tab)
        XCTAssertFalse(F.screen(s).contains { $0.contains("Changed ") })
        F.press(&s, .tab)       // detail focus loads the activity
        let entry = { (id: String, type: String, who: String, hoursAgo: Double) in
            AuditLogEntry(id: id, createdAt: F.iso(daysAgo: hoursAgo / 24),
                          event: .init(type: type, metadata: .object([:])),
                          actor: .init(type: "user", metadata: .object(["email": .string(who)])))
        }
        F.reply(&s, .auditActivity, .audit(.activity(.success([
            entry("a", "get-secret", "reader@example.com", 1),
            entry("b", "update-secret", "maya@example.com", 5),
            entry("c", "create-secret", "jonas@example.com", 50),
        ]))))
        XCTAssertTrue(F.screen(s).contains { $0.contains("Changed  by maya@example.com · 5h ago (audit log)") },
                      F.screen(s).joined(separator: "\n"))
    }
}
