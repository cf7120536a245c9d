import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

final class ReducerNavigationTests: XCTestCase {
    func testStartLoadsProjectsThenOpensTheFirstMetadataFirst() {
        var s = AppState(StartupOptions(width: 80, height: 24))
        XCTAssertEqual(Fixtures.send(&s, .started(now: Fixtures.t0)).asked, [.projects])
        XCTAssertTrue(s.isLoading)
        let effects = Fixtures.reply(&s, .projects, .projects(.success(Fixtures.projects)))
        XCTAssertEqual(effects.anonymized, [
            .request(.any, .folders(projectId: "p-store", env: "dev", path: "/")),
            .request(.any, .secrets(projectId: "p-store", env: "dev", path: "/", recursive: false)),
            .persistLastView(projectId: "p-store", env: "dev", path: "/"),
            .request(.any, .role(projectId: "p-store")),
        ])
        XCTAssertFalse(effects.contains { $0.readsSecretValue }, "listing never asks for values")
        XCTAssertEqual(s.browse.openProjectId, "p-store")
        XCTAssertEqual(s.browse.focus, .projects)
    }

    func testPreferredProjectEnvAndPathPreselect() {
        var s = AppState(StartupOptions(preferredProject: "hardwareos", preferredEnvironment: "staging", preferredPath: "/stripe/"))
        Fixtures.send(&s, .started(now: Fixtures.t0))
        let effects = Fixtures.reply(&s, .projects, .projects(.success(Fixtures.projects)))
        XCTAssertEqual(s.browse.openProjectId, "p-hw")
        XCTAssertEqual(s.browse.environment?.slug, "staging")
        XCTAssertEqual(s.browse.path, "/stripe")
        XCTAssertEqual(s.browse.focus, .secrets)
        XCTAssertTrue(effects.asked.contains(.secrets(projectId: "p-hw", env: "staging", path: "/stripe", recursive: false)))
        XCTAssertNil(s.session.preferredProject, "used once")
    }

    func testPreferredProjectNotListedIsLoadedDirectly() {
        var s = AppState(StartupOptions(preferredProject: "secret-proj"))
        Fixtures.send(&s, .started(now: Fixtures.t0))
        let e1 = Fixtures.reply(&s, .projects, .projects(.failure(InfisicalError(.permissionDenied, "service tokens cannot list projects"))))
        XCTAssertEqual(e1.asked, [.project(idOrSlug: "secret-proj")])
        let p = Project(id: "p-x", name: "Secret", slug: "secret-proj", environments: Fixtures.envs)
        let e2 = Fixtures.reply(&s, .project(idOrSlug: "secret-proj"), .project(.success(p)))
        XCTAssertEqual(s.browse.openProjectId, "p-x")
        XCTAssertTrue(e2.asked.contains(.secrets(projectId: "p-x", env: "dev", path: "/", recursive: false)))
    }

    func testArrowsAndVimKeysMoveAndClamp() {
        var s = Fixtures.loadedState()
        XCTAssertEqual(s.browse.selectedProject?.slug, "opticworks-store")
        Fixtures.press(&s, .char("j"), .down)
        XCTAssertEqual(s.browse.selectedProject?.slug, "presence-engine")
        Fixtures.press(&s, .char("k"))
        XCTAssertEqual(s.browse.selectedProject?.slug, "hardwareos")
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(s.browse.selectedProject?.slug, "infrastructure")
        Fixtures.press(&s, .down, .down)
        XCTAssertEqual(s.browse.selectedProject?.slug, "infrastructure", "clamped at the bottom")
        Fixtures.press(&s, .char("g"))
        XCTAssertEqual(s.browse.projectCursor.selected, 0)
    }

    func testTabCyclesPanesAndEnterOpensProject() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab); XCTAssertEqual(s.browse.focus, .folders)
        Fixtures.press(&s, .tab); XCTAssertEqual(s.browse.focus, .secrets)
        Fixtures.press(&s, .tab); XCTAssertEqual(s.browse.focus, .detail)
        Fixtures.press(&s, .tab); XCTAssertEqual(s.browse.focus, .projects)
        Fixtures.press(&s, .backTab); XCTAssertEqual(s.browse.focus, .detail)
        Fixtures.press(&s, .tab, .char("j"))
        let effects = Fixtures.press(&s, .enter)
        XCTAssertEqual(s.browse.openProjectId, "p-hw")
        XCTAssertEqual(s.browse.focus, .folders)
        XCTAssertTrue(effects.asked.contains(.secrets(projectId: "p-hw", env: "dev", path: "/", recursive: false)))
        XCTAssertTrue(effects.asked.contains(.role(projectId: "p-hw")))
        XCTAssertEqual(s.browse.secrets, [], "old project's rows are gone at once")
    }

    func testEnvironmentSwitchingByNumberAndBrackets() {
        var s = Fixtures.loadedState()
        var e = Fixtures.press(&s, .char("2"))
        XCTAssertEqual(s.browse.environment?.slug, "staging")
        XCTAssertEqual(e.anonymized, [.request(.any, .folders(projectId: "p-store", env: "staging", path: "/")),
                                      .request(.any, .secrets(projectId: "p-store", env: "staging", path: "/", recursive: false)),
                                      .persistLastView(projectId: "p-store", env: "staging", path: "/")])
        Fixtures.answer(&s, e)
        Fixtures.press(&s, .char("]"))
        XCTAssertEqual(s.browse.environment?.slug, "prod")
        Fixtures.press(&s, .char("]"))
        XCTAssertEqual(s.browse.environment?.slug, "dev", "wraps around")
        Fixtures.press(&s, .char("["))
        XCTAssertEqual(s.browse.environment?.slug, "prod")
        e = Fixtures.press(&s, .char("9"))
        XCTAssertEqual(e, [], "no ninth environment")
        XCTAssertEqual(s.browse.environment?.slug, "prod")
    }

    func testFolderDescendAndAscend() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab)                                      // folders pane
        XCTAssertEqual(s.browse.folderRows.map(\.name), ["/"] + Fixtures.folders)
        Fixtures.press(&s, .char("G"))                                // stripe
        let e = Fixtures.press(&s, .enter)
        XCTAssertEqual(s.browse.path, "/stripe")
        XCTAssertTrue(e.asked.contains(.secrets(projectId: "p-store", env: "dev", path: "/stripe", recursive: false)))
        Fixtures.answer(&s, e)
        XCTAssertEqual(s.browse.secrets.map(\.key), ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
        XCTAssertEqual(s.browse.selectedFolder?.path, "/stripe")
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Folders /stripe"), screen)
        XCTAssertTrue(screen.contains("Secrets · dev · /stripe"))
        Fixtures.answer(&s, Fixtures.press(&s, .backspace))           // up a folder
        XCTAssertEqual(s.browse.path, "/")
        XCTAssertEqual(s.browse.selectedFolder?.path, "/", "the cursor follows the open folder")
        Fixtures.press(&s, .tab)                                      // secrets pane: l opens the detail there
        Fixtures.press(&s, .backTab)
        Fixtures.press(&s, .char("G"))
        Fixtures.answer(&s, Fixtures.press(&s, .enter))
        XCTAssertEqual(s.browse.path, "/stripe")
        Fixtures.press(&s, .tab)                                      // secrets pane: h goes up a folder
        Fixtures.answer(&s, Fixtures.press(&s, .char("h")))
        XCTAssertEqual(s.browse.path, "/")
        XCTAssertEqual(Fixtures.press(&s, .backspace), [], "nothing above the root")
    }

    func testStaleResultsForAnOldViewAreDropped() {
        var s = Fixtures.loadedState()
        let devReload = Fixtures.press(&s, .char("R"))                // dev asked again…
        let devList = Fixtures.id(devReload) { if case .secrets = $0 { return true }; return false }
        XCTAssertNotNil(devList)
        Fixtures.press(&s, .char("2"))                                // …now staging, dev's answer arrives late
        Fixtures.send(&s, .answered(devList ?? .any, .secrets(.success(Fixtures.rootList()), now: Fixtures.t0)))
        XCTAssertEqual(s.browse.secrets, [])
        XCTAssertTrue(s.isLoading, "staging loads still pending")
        Fixtures.reply(&s, .secrets, .secrets(.success(Fixtures.rootList(env: "staging")), now: Fixtures.t0))
        XCTAssertEqual(s.browse.secrets.count, 4)
    }

    func testMouseClickSelectsRowAndPaneWheelScrolls() {
        var s = Fixtures.loadedState()
        let l = Layout(width: 80, height: 24)
        Fixtures.send(&s, .input(.mouse(.press(x: l.secrets.x + 3, y: l.firstRowY(of: .secrets) + 2))))
        XCTAssertEqual(s.browse.focus, .secrets)
        XCTAssertEqual(s.browse.secretCursor.selected, 2)
        Fixtures.send(&s, .input(.mouse(.press(x: 2, y: l.firstRowY(of: .projects) + 1))))
        XCTAssertEqual(s.browse.focus, .projects)
        XCTAssertEqual(s.browse.selectedProject?.slug, "hardwareos")
        Fixtures.send(&s, .input(.mouse(.wheelDown(x: 2, y: l.firstRowY(of: .projects)))))
        XCTAssertEqual(s.browse.selectedProject?.slug, "infrastructure")
        Fixtures.send(&s, .input(.mouse(.wheelUp(x: 2, y: l.firstRowY(of: .projects)))))
        XCTAssertEqual(s.browse.projectCursor.selected, 0)
        // Tabs are clickable.
        let tabs = Layout.tabRanges(slugs: ["dev", "staging", "prod"], startX: l.tabsX)
        Fixtures.send(&s, .input(.mouse(.press(x: tabs[1].lowerBound + 1, y: 0))))
        XCTAssertEqual(s.browse.environment?.slug, "staging")
    }

    func testDoubleClickOpensWhatItSelects() {
        var s = Fixtures.loadedState()
        let l = Layout(width: 80, height: 24)
        let stripeRow = l.firstRowY(of: .folders) + 1 + Fixtures.folders.firstIndex(of: "stripe")!   // below the root row
        let e = Fixtures.send(&s, .input(.mouse(.doubleClick(x: l.folders.x + 6, y: stripeRow))))
        XCTAssertEqual(s.browse.path, "/stripe", "a double-click on a folder opens it")
        XCTAssertTrue(e.asked.contains(.secrets(projectId: "p-store", env: "dev", path: "/stripe", recursive: false)))
        Fixtures.answer(&s, e)
        Fixtures.send(&s, .input(.mouse(.doubleClick(x: l.secrets.x + 3, y: l.firstRowY(of: .secrets)))))
        XCTAssertEqual(s.browse.focus, .detail, "a double-click on a secret opens its detail")
        XCTAssertEqual(s.browse.selectedSecret?.key, "STRIPE_SECRET_KEY")
        // Below the last row there is nothing to open: the view stays.
        Fixtures.press(&s, .tab, .tab, .tab)                           // back to the folders pane
        let before = s.browse.path
        Fixtures.send(&s, .input(.mouse(.doubleClick(x: l.folders.x + 6, y: l.firstRowY(of: .folders) + 1 + Fixtures.folders.count))))
        XCTAssertEqual(s.browse.path, before)
    }

    func testPagingKeepsSelectionVisibleWith10kRows() {
        let many = SecretList(secrets: (0..<10_000).map { Fixtures.secret(String(format: "KEY_%05d", $0)) })
        var s = Fixtures.loadedState(lists: ["dev:/": many])
        Fixtures.press(&s, .tab, .tab, .pageDown, .pageDown)
        let rows = Layout(width: 80, height: 24).visibleRows(of: .secrets)
        XCTAssertEqual(s.browse.secretCursor.selected, 2 * rows)
        XCTAssertTrue(s.browse.secretCursor.scroll <= s.browse.secretCursor.selected && s.browse.secretCursor.selected < s.browse.secretCursor.scroll + rows)
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(s.browse.selectedSecret?.key, "KEY_09999")
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("KEY_09999") })
        Fixtures.press(&s, .pageUp)
        XCTAssertEqual(s.browse.secretCursor.selected, 9999 - rows)
    }

    func testRefreshQuitAndTheme() {
        var s = Fixtures.loadedState()
        let r = Fixtures.press(&s, .char("R"))
        XCTAssertEqual(r.anonymized, [.invalidateCache, .request(.any, .projects),
                                      .request(.any, .folders(projectId: "p-store", env: "dev", path: "/")),
                                      .request(.any, .secrets(projectId: "p-store", env: "dev", path: "/", recursive: false)),
                                      .request(.any, .role(projectId: "p-store"))])
        XCTAssertEqual(Fixtures.press(&s, .function(5)).first, .invalidateCache, "F5 is R: the cache goes first")
        XCTAssertEqual(Fixtures.press(&s, .char("t")), [.cycleTheme])
        Fixtures.send(&s, .themeChanged(name: "light"))
        XCTAssertEqual(s.session.themeName, "light")
        XCTAssertEqual(Fixtures.press(&s, .char("q")), [.quit])
        var t = Fixtures.loadedState()
        XCTAssertEqual(Fixtures.press(&t, .ctrl("c")), [.quit])
    }

    func testSpinnerAdvancesOnlyWhileLoading() {
        var s = Fixtures.loadedState()
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(1)))
        XCTAssertEqual(s.status.spinnerFrame, 0)
        XCTAssertEqual(s.tickInterval, 1.0)
        Fixtures.press(&s, .char("R"))
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(1.1)))
        Fixtures.send(&s, .tick(now: Fixtures.t0.addingTimeInterval(1.2)))
        XCTAssertEqual(s.status.spinnerFrame, 2)
        XCTAssertEqual(s.tickInterval, 0.1)
        let status = Fixtures.screen(s)[23]
        XCTAssertTrue(status.hasPrefix(" ⠹ "), status)
    }
}

extension ReducerNavigationTests {
    /// A list that could not be loaded is not an empty folder: the panes say what went wrong.
    func testAFailedLoadSaysSoInThePaneNotNoSecretsHere() {
        var s = Fixtures.loadedState()
        let e = Fixtures.press(&s, .char("2"))
        let secrets = Fixtures.id(e) { if case .secrets = $0 { return true }; return false }
        let folders = Fixtures.id(e) { if case .folders = $0 { return true }; return false }
        Fixtures.send(&s, .answered(secrets!, .secrets(.failure(InfisicalError(.io, "the server's answer was not the expected JSON")), now: Fixtures.t0)))
        Fixtures.send(&s, .answered(folders!, .folders(.failure(InfisicalError(.permissionDenied, "not allowed in staging")))))
        let text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertFalse(text.contains("no secrets here"), text)
        XCTAssertTrue(text.contains("✗ not loaded: the server's answer was"), text)
        XCTAssertTrue(text.contains("✗ not loaded: not") && text.contains("allowed in staging"), text)
        // Loading again clears it.
        Fixtures.answer(&s, Fixtures.press(&s, .char("R")))
        XCTAssertFalse(Fixtures.screen(s).joined().contains("not loaded"))
    }
}

extension ReducerNavigationTests {
    /// One unreadable entry never empties the folder: the rest is shown and the skip is named.
    func testSkippedEntriesAreNamedAndTheRestIsShown() {
        var s = Fixtures.loadedState()
        var list = Fixtures.rootList()
        list.skipped = ["BROKEN_KEY", "#7"]
        let e = Fixtures.press(&s, .char("R"))
        Fixtures.send(&s, .answered(Fixtures.id(e) { if case .secrets = $0 { return true }; return false }!,
                                    .secrets(.success(list), now: Fixtures.t0)))
        XCTAssertEqual(s.browse.secrets.count, 4)
        XCTAssertEqual(s.status.lastError?.message,
                       "skipped 2 entries the server sent in a shape this client cannot read: BROKEN_KEY, #7")
        XCTAssertTrue(Fixtures.screen(s)[23].contains("skipped 2 entries"))
    }
}
