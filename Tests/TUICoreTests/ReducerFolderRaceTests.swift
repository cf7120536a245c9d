import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// Folder lists arrive whenever the server answers, interleaved with the user's keys. These pin
/// down the interleavings behind a flaky end-to-end run that ended in `/internal` instead of
/// `/stripe`: a late list must never move the cursor to another folder, and a list for another
/// environment must never be shown.
final class ReducerFolderRaceTests: XCTestCase {
    /// `/` of opticworks-store in dev with the folders pane focused, all loads answered.
    func foldersFocused() -> AppState {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab)
        XCTAssertEqual(s.browse.focus, .folders)
        XCTAssertEqual(names(s), ["/"] + Fixtures.folders)
        return s
    }

    func names(_ s: AppState) -> [String] { s.browse.folderRows.map(\.name) }
    func selectedFolder(_ s: AppState) -> String? { s.browse.selectedFolder?.name }

    /// Answers a folder list for `/`: the request in flight, or the one `id` names (a late answer).
    func rootFolders(_ s: inout AppState, id: RequestID? = nil, _ names: [String]) {
        let answer = Answer.folders(.success(Fixtures.folderObjects(names)))
        if let id { Fixtures.send(&s, .answered(id, answer)) } else { Fixtures.reply(&s, .folders(path: "/"), answer) }
    }

    /// `R`: asks for `/`'s folders again (so a list can arrive "late"); returns that request's id.
    func reloadRoot(_ s: inout AppState) -> RequestID? {
        let e = Fixtures.press(&s, .char("R"))
        let id = Fixtures.id(e) { $0 == .folders(projectId: "p-store", env: "dev", path: "/") }
        XCTAssertNotNil(id)
        return id
    }

    func testMovingWhileAReloadIsInFlightKeepsTheUsersFolder() {
        var s = foldersFocused()
        Fixtures.press(&s, .char("G"))                                // stripe
        Fixtures.answer(&s, Fixtures.press(&s, .enter))
        XCTAssertEqual(s.browse.path, "/stripe")
        XCTAssertEqual(selectedFolder(s), "stripe", "the cursor stays on the folder it opened")
        let reload = reloadRoot(&s)
        Fixtures.press(&s, .up, .up)
        XCTAssertEqual(selectedFolder(s), "internal")
        // Meanwhile someone added `analytics` on the server: every index below the root shifts.
        rootFolders(&s, id: reload, ["analytics"] + Fixtures.folders)
        XCTAssertEqual(selectedFolder(s), "internal", "the late list slid another folder under the cursor")
        Fixtures.answer(&s, Fixtures.press(&s, .enter))
        XCTAssertEqual(s.browse.path, "/internal")
    }

    func testReloadWithAFolderRemovedAboveKeepsTheSelection() {
        var s = foldersFocused()
        Fixtures.press(&s, .down, .down, .down, .down)
        XCTAssertEqual(selectedFolder(s), "redis")
        let reload = reloadRoot(&s)
        rootFolders(&s, id: reload, ["easypost", "internal", "redis", "stripe"])      // `database` deleted
        XCTAssertEqual(names(s), ["/", "easypost", "internal", "redis", "stripe"])
        XCTAssertEqual(selectedFolder(s), "redis")
    }

    func testReloadWithoutTheSelectedFolderFallsBackToItsParent() {
        var s = foldersFocused()
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(selectedFolder(s), "stripe")
        let reload = reloadRoot(&s)
        rootFolders(&s, id: reload, ["database", "easypost"])         // stripe deleted
        XCTAssertEqual(s.browse.selectedFolder?.path, "/", "the parent of the folder that went away, never a neighbour")
    }

    /// The CI interleaving: `2` (staging), arrows while staging's folders are still loading, the
    /// dev list answering late, then staging's. Nothing of dev is shown in staging, no result
    /// moves the cursor, and arrows only count once the user can see what they select.
    func testEnvironmentSwitchRacingFolderLoads() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .tab)
        let devReload = reloadRoot(&s)                                 // dev's `/` is being asked again
        let switched = Fixtures.press(&s, .char("2"))
        XCTAssertEqual(s.browse.environment?.slug, "staging")
        XCTAssertTrue(switched.asked.contains(.folders(projectId: "p-store", env: "staging", path: "/")))
        XCTAssertEqual(names(s), [], "dev's folders are not shown under staging while it loads")
        Fixtures.press(&s, .down, .down, .down)                        // nothing to move over yet
        XCTAssertEqual(s.browse.folderCursor, ListCursor())
        rootFolders(&s, id: devReload, ["database", "zz-dev-only"])   // a late answer for dev
        XCTAssertEqual(names(s), [], "a list for another environment was shown")
        XCTAssertEqual(s.browse.folderTree.children, [:])
        rootFolders(&s, Fixtures.folders)                               // staging's own answer
        XCTAssertEqual(names(s), ["/"] + Fixtures.folders)
        XCTAssertEqual(s.browse.selectedFolder?.path, "/", "the list arrived with the cursor on the current folder, not moved by earlier arrows")
        XCTAssertTrue(s.isLoading, "staging's secrets are still pending")
        Fixtures.press(&s, .down, .down, .down, .down, .down)
        XCTAssertEqual(selectedFolder(s), "stripe")
        let opened = Fixtures.press(&s, .enter)
        XCTAssertEqual(s.browse.path, "/stripe")
        XCTAssertTrue(opened.asked.contains(.secrets(projectId: "p-store", env: "staging", path: "/stripe", recursive: false)))
    }

    func testLateListForTheParentDoesNotTouchTheSubFolderCursor() {
        var s = foldersFocused()
        let reload = reloadRoot(&s)
        Fixtures.press(&s, .char("G"))
        Fixtures.press(&s, .enter)                                    // /stripe, nothing answered yet
        XCTAssertEqual(s.browse.selectedFolder?.path, "/stripe")
        rootFolders(&s, id: reload, ["analytics"] + Fixtures.folders) // the reload of `/` lands now
        XCTAssertEqual(s.browse.selectedFolder?.path, "/stripe", "the cursor stays on the open folder")
        XCTAssertEqual(s.browse.folderTree.children["/"]?.first, "analytics")
    }
}
