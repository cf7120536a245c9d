import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

final class ReducerFilterTests: XCTestCase {
    func testIncrementalFilterEscClearsEnterKeeps() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab, .tab, .char("/"))
        XCTAssertEqual(s.browse.filterEditing, .secrets)
        Fixtures.type(&s, "s")
        XCTAssertEqual(s.browse.visibleSecrets.count, 2)               // SESSION_SECRET, NEXT_PUBLIC_SITE_URL
        Fixtures.type(&s, "es")
        XCTAssertEqual(s.browse.visibleSecrets.map { s.browse.secrets[$0].key }, ["SESSION_SECRET"])
        Fixtures.press(&s, .backspace, .backspace)
        XCTAssertEqual(s.browse.visibleSecrets.count, 2)
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.browse.filterEditing)
        XCTAssertEqual(s.browse.secretFilter, "")
        XCTAssertEqual(s.browse.visibleSecrets.count, 4)
        // Enter keeps the filter; keys typed while filtering never trigger commands.
        Fixtures.press(&s, .char("/"))
        let typed = Fixtures.type(&s, "qrRt")
        XCTAssertEqual(typed, [], "q, r, R, t are text while typing a filter")
        Fixtures.press(&s, .backspace, .backspace, .backspace, .backspace)
        Fixtures.type(&s, "log")
        Fixtures.press(&s, .enter)
        XCTAssertNil(s.browse.filterEditing)
        XCTAssertEqual(s.browse.secretFilter, "log")
        XCTAssertEqual(s.browse.selectedSecret?.key, "LOG_LEVEL")
        Fixtures.press(&s, .escape)                               // Esc outside editing clears it too
        XCTAssertEqual(s.browse.secretFilter, "")
    }

    func testProjectFilterWhenProjectsFocused() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .char("/"))
        XCTAssertEqual(s.browse.filterEditing, .projects)
        Fixtures.type(&s, "INFRA")
        XCTAssertEqual(s.browse.visibleProjects.count, 1)
        XCTAssertEqual(s.browse.selectedProject?.slug, "infrastructure")
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("/INFRA▏ 1/4") })
        Fixtures.press(&s, .enter, .enter)
        XCTAssertEqual(s.browse.openProjectId, "p-infra")
    }

    func testRecursiveFilterLoadsOnceAndSearchesSubFolders() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab, .tab, .char("/"))
        Fixtures.type(&s, "stripe_sec")
        XCTAssertEqual(s.browse.visibleSecrets.count, 0)
        let e = Fixtures.press(&s, .ctrl("r"))
        XCTAssertEqual(e.asked, [.secrets(projectId: "p-store", env: "dev", path: "/", recursive: true)])
        XCTAssertFalse(e.contains { $0.readsSecretValue })
        Fixtures.answer(&s, e)
        XCTAssertTrue(s.browse.secretsRecursive)
        XCTAssertEqual(s.browse.selectedSecret?.key, "STRIPE_SECRET_KEY")
        XCTAssertEqual(s.browse.selectedSecret?.path, "/stripe")
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("stripe/STRIPE_SEC") }, "sub-folder rows carry their relative path")
        // Off again: no reload needed, the recursive list is narrowed to the folder.
        XCTAssertEqual(Fixtures.press(&s, .ctrl("r")), [])
        XCTAssertEqual(s.browse.visibleSecrets.count, 0)
        Fixtures.press(&s, .escape)
        XCTAssertEqual(s.browse.visibleSecrets.count, 4)
    }

    func testFilterIndicesAreComputedOnChangeNotPerFrame() {
        let many = SecretList(secrets: (0..<10_000).map { Fixtures.secret(String(format: "KEY_%05d", $0)) })
        var s = Fixtures.loadedState(width: 160, height: 48, lists: ["dev:/": many])
        Fixtures.press(&s, .tab, .tab, .char("/"))
        Fixtures.type(&s, "KEY_099")
        XCTAssertEqual(s.browse.visibleSecrets.count, 100)
        XCTAssertEqual(s.browse.selectedSecret?.key, "KEY_09900")
    }
}

final class ReducerRevealTests: XCTestCase {
    func revealFirst(_ s: inout AppState, at t: Date = Fixtures.t0) -> [Effect] {
        Fixtures.press(&s, .tab, .tab)
        let e = Fixtures.press(&s, .char("r"))
        guard let first = s.browse.selectedSecret else { return e }
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: "staging-value-123")), now: t))
        return e
    }

    func testRevealFetchesOnlyTheSelectedValueAndShowsIt() {
        var s = Fixtures.loadedState()
        let e = revealFirst(&s)
        XCTAssertEqual(e.asked, [.reveal(projectId: "p-store", env: "dev", path: "/", key: "APP_ENV")])
        XCTAssertEqual(s.browse.revealed?.value, "staging-value-123")
        let text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("Value    staging-value-123"), text)
        XCTAssertTrue(text.contains("staging-"), "table shows the start of the revealed value")
        XCTAssertTrue(text.contains("masks again in 30s"))
        Fixtures.press(&s, .char(" "))                 // Space toggles it off again
        XCTAssertNil(s.browse.revealed)
    }

    func testRemaskAfterTimeoutWithInjectedClock() {
        var s = Fixtures.loadedState()
        _ = revealFirst(&s, at: Fixtures.t0)
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(29)))
        XCTAssertNotNil(s.browse.revealed, "29 s: still shown")
        XCTAssertTrue(Fixtures.screen(s).joined().contains("masks again in 1s"))
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(31)))
        XCTAssertNil(s.browse.revealed, "31 s: masked")
        XCTAssertFalse(Fixtures.screen(s).joined().contains("staging-value-123"))
    }

    func testConfigurableTimeout() {
        var s = AppState(StartupOptions(remaskAfter: 5, width: 80, height: 24))
        Fixtures.answer(&s, Fixtures.send(&s, .started(now: Fixtures.t0)))
        _ = revealFirst(&s)
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(4)))
        XCTAssertNotNil(s.browse.revealed)
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(6)))
        XCTAssertNil(s.browse.revealed)
    }

    func testRemaskWhenSelectionMovesOrViewChanges() {
        var s = Fixtures.loadedState()
        _ = revealFirst(&s)
        Fixtures.press(&s, .down)
        XCTAssertNil(s.browse.revealed, "moving the selection masks")
        Fixtures.press(&s, .up)
        XCTAssertNil(s.browse.revealed, "and coming back does not re-reveal")
        _ = revealFirst(&s)
        Fixtures.press(&s, .backTab, .backTab)
        XCTAssertNotNil(s.browse.revealed, "changing focus alone keeps it")
        Fixtures.press(&s, .char("2"))
        XCTAssertNil(s.browse.revealed, "switching environment masks")
    }

    func testLateRevealForAnotherRowIsNotShown() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab, .tab, .char("r"), .down)
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: "late")), now: Fixtures.t0))
        XCTAssertNil(s.browse.revealed)
        XCTAssertFalse(s.isLoading)
    }

    func testProductionRevealAsksFirst() {
        var s = Fixtures.loadedState()
        Fixtures.answer(&s, Fixtures.press(&s, .char("3")))
        Fixtures.press(&s, .tab, .tab)
        XCTAssertEqual(Fixtures.press(&s, .char("r")), [], "nothing fetched before the answer")
        XCTAssertEqual(s.overlay, .confirmReveal(RevealTarget(key: "APP_ENV", environment: "prod", path: "/")))
        XCTAssertEqual(Fixtures.press(&s, .char("j"), .char("q")), [], "other keys are ignored while asking")
        XCTAssertEqual(s.browse.selectedSecret?.key, "APP_ENV")
        XCTAssertEqual(Fixtures.press(&s, .char("n")), [])
        XCTAssertNil(s.overlay)
        Fixtures.press(&s, .char("r"))
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        Fixtures.press(&s, .char("r"))
        XCTAssertEqual(Fixtures.press(&s, .char("y")).asked, [.reveal(projectId: "p-store", env: "prod", path: "/", key: "APP_ENV")])
        XCTAssertNil(s.overlay)
    }

    func testReferencesShowRawAndExpanded() {
        var s = Fixtures.loadedState(width: 160, height: 48)
        Fixtures.press(&s, .tab, .tab, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: "${DB_HOST}:5432", expanded: "db.internal:5432")), now: Fixtures.t0))
        let text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("Value    ${DB_HOST}:5432"), text)
        XCTAssertTrue(text.contains("Expanded db.internal:5432"), text)
    }

    func testLongAndMultiLineValuesWrapInDetail() {
        var s = Fixtures.loadedState(width: 160, height: 48)
        let pem = "-----BEGIN PRIVATE KEY-----\n" + String(repeating: "A", count: 120) + "\n-----END PRIVATE KEY-----"
        Fixtures.press(&s, .tab, .tab, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: pem)), now: Fixtures.t0))
        let lines = Fixtures.screen(s)
        let begin = lines.firstIndex { $0.contains("Value    -----BEGIN PRIVATE KEY-----") }
        XCTAssertNotNil(begin, lines.joined(separator: "\n"))
        let aLines = lines.filter { $0.contains("AAAAAAAA") }
        XCTAssertGreaterThanOrEqual(aLines.count, 3, "120 A's wrap over several lines")
        XCTAssertTrue(lines.contains { $0.contains("-----END PRIVATE KEY-----") })
        XCTAssertTrue(lines.allSatisfy { Glyphs.width($0) <= 160 })
        // At 80×24 the detail pane is short: it scrolls, bounded by its content.
        Fixtures.send(&s, .input(.resize(width: 80, height: 24)))
        Fixtures.press(&s, .tab)                                     // detail pane
        Fixtures.press(&s, .char("G"))
        let bottom = s.browse.detailScroll
        XCTAssertGreaterThan(bottom, 0)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("Ref      ${dev.APP_ENV}") })
        Fixtures.press(&s, .down, .down)
        XCTAssertEqual(s.browse.detailScroll, bottom, "cannot scroll past the end")
        Fixtures.press(&s, .up)
        XCTAssertEqual(s.browse.detailScroll, bottom - 1)
        Fixtures.press(&s, .char("g"))
        XCTAssertEqual(s.browse.detailScroll, 0)
    }

    /// Even if a server ignored viewSecretValue=false, list values never enter state or screen.
    func testValuesInAListResponseAreDropped() {
        var leaky = Fixtures.secret("LEAKY")
        leaky.secretValue = "supersecret-from-list"
        leaky.secretValueHidden = false
        var s = Fixtures.loadedState(lists: ["dev:/": SecretList(secrets: [leaky])])
        XCTAssertFalse(String(describing: s).contains("supersecret"))
        Fixtures.press(&s, .tab, .tab)
        XCTAssertFalse(Fixtures.screen(s).joined().contains("supersecret"))
        XCTAssertTrue(Fixtures.screen(s).joined().contains("••••••••"))
        XCTAssertEqual(s.tickInterval, 1.0)
        Fixtures.press(&s, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: "asked-for")), now: Fixtures.t0))
        XCTAssertEqual(s.tickInterval, 0.25, "ticks often enough for the re-mask countdown")
    }

    func testErrorsSurfaceWithHintAndCancelledOnesDoNot() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab, .tab, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.failure(InfisicalError(.cancelled, "cancelled")), now: Fixtures.t0))
        XCTAssertNil(s.status.lastError)
        Fixtures.press(&s, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.failure(InfisicalError(.unreachable, "cannot reach 127.0.0.1:1", hint: "is the server running?")), now: Fixtures.t0))
        XCTAssertEqual(s.status.lastError?.hint, "is the server running?")
        XCTAssertNil(s.browse.revealed)
    }
}
