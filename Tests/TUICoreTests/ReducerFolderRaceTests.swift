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
        XCTAssertEqual(s.browse.folderRows, Fixtures.folders)
        return s
    }

    func selectedFolder(_ s: AppState) -> String? {
        s.browse.folderRows.indices.contains(s.browse.folderCursor.selected) ? s.browse.folderRows[s.browse.folderCursor.selected] : nil
    }

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

    func testBackUpFromASubFolderThenMovingBeforeTheReloadArrivesKeepsTheUsersFolder() {
        var s = foldersFocused()
        Fixtures.press(&s, .char("G"))                                // stripe
        Fixtures.answer(&s, Fixtures.press(&s, .enter))
        XCTAssertEqual(s.browse.path, "/stripe")
        // Back up: the cached rows of `/` show at once, with the cursor on the folder we left,
        // while the reload of `/` is still in flight. The user moves on before it lands.
        let up = Fixtures.press(&s, .char("h"))
        XCTAssertTrue(up.asked.contains(.folders(projectId: "p-store", env: "dev", path: "/")))
        XCTAssertEqual(selectedFolder(s), "stripe")
        Fixtures.press(&s, .up, .up)
        XCTAssertEqual(selectedFolder(s), "internal")
        // Meanwhile someone added `analytics` on the server: every index shifts by one.
        rootFolders(&s, ["analytics"] + Fixtures.folders)
        XCTAssertEqual(selectedFolder(s), "internal", "the late list slid another folder under the cursor")
        Fixtures.answer(&s, Fixtures.press(&s, .enter))
        XCTAssertEqual(s.browse.path, "/internal")
    }

    func testReloadWithAFolderRemovedAboveKeepsTheSelection() {
        var s = foldersFocused()
        Fixtures.press(&s, .down, .down, .down)
        XCTAssertEqual(selectedFolder(s), "redis")
        let reload = reloadRoot(&s)
        rootFolders(&s, id: reload, ["easypost", "internal", "redis", "stripe"])      // `database` deleted
        XCTAssertEqual(s.browse.folderRows, ["easypost", "internal", "redis", "stripe"])
        XCTAssertEqual(selectedFolder(s), "redis")
    }

    func testReloadWithoutTheSelectedFolderClampsInsteadOfJumping() {
        var s = foldersFocused()
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(selectedFolder(s), "stripe")
        let reload = reloadRoot(&s)
        rootFolders(&s, id: reload, ["database", "easypost"])         // stripe deleted
        XCTAssertEqual(selectedFolder(s), "easypost", "clamped to the last row")
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
        XCTAssertEqual(s.browse.folderRows, [], "dev's folders are not shown under staging while it loads")
        Fixtures.press(&s, .down, .down, .down)                        // nothing to move over yet
        XCTAssertEqual(s.browse.folderCursor, ListCursor())
        rootFolders(&s, id: devReload, ["database", "zz-dev-only"])   // a late answer for dev
        XCTAssertEqual(s.browse.folderRows, [], "a list for another environment was shown")
        XCTAssertEqual(s.browse.folderChildren, [:])
        rootFolders(&s, Fixtures.folders)                               // staging's own answer
        XCTAssertEqual(s.browse.folderRows, Fixtures.folders)
        XCTAssertEqual(selectedFolder(s), "database", "the list arrived at the top, not moved by earlier arrows")
        XCTAssertTrue(s.isLoading, "staging's secrets are still pending")
        Fixtures.press(&s, .down, .down, .down, .down)
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
        XCTAssertEqual(s.browse.folderRows, [".."])
        rootFolders(&s, id: reload, ["analytics"] + Fixtures.folders) // the reload of `/` lands now
        XCTAssertEqual(s.browse.folderRows, [".."])
        XCTAssertEqual(s.browse.folderCursor, ListCursor())
        XCTAssertEqual(s.browse.folderChildren["/"]?.first, "analytics", "kept for the way back up")
    }
}
