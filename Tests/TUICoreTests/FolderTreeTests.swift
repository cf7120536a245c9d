import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The folder pane as a tree (issue 12 part 4): expand and collapse in place, children fetched
/// once per folder, answers for another view dropped, counts from lists already fetched, and the
/// current path always on screen.
final class FolderTreeTests: XCTestCase {
    typealias F = Fixtures

    func foldersFocused(width: Int = 80, height: Int = 24) -> AppState {
        var s = F.loadedState(width: width, height: height)
        F.press(&s, .tab)
        XCTAssertEqual(s.browse.focus, .folders)
        return s
    }

    func paths(_ s: AppState) -> [String] { s.browse.folderRows.map(\.path) }

    func folderRequests(_ e: [Effect]) -> [String] {
        e.asked.compactMap { if case .folders(_, _, let p) = $0 { return p }; return nil }
    }

    /// Moves the folder cursor onto `path` with arrows (fails if it is not a row).
    func select(_ path: String, in s: inout AppState, file: StaticString = #filePath, line: UInt = #line) {
        guard let i = paths(s).firstIndex(of: path) else { return XCTFail("\(path) not in \(paths(s))", file: file, line: line) }
        F.press(&s, .char("g"))
        for _ in 0..<i { F.press(&s, .down) }
        XCTAssertEqual(s.browse.selectedFolder?.path, path, file: file, line: line)
    }

    func testExpandAsksOnceShowsChildrenInPlaceAndCollapseKeepsTheCache() {
        var s = foldersFocused()
        XCTAssertEqual(paths(s), ["/", "/database", "/easypost", "/internal", "/redis", "/stripe"])
        select("/internal", in: &s)
        let first = F.press(&s, .char("l"))
        XCTAssertEqual(folderRequests(first), ["/internal"])
        XCTAssertEqual(s.browse.path, "/", "expanding is not opening: the secrets view stays")
        XCTAssertFalse(first.asked.contains { if case .secrets = $0 { return true }; return false })
        XCTAssertEqual(s.browse.selectedFolder?.toggle, .loading)
        XCTAssertEqual(folderRequests(F.press(&s, .char("+"))), [], "no second request while the first is on its way")
        XCTAssertEqual(folderRequests(F.press(&s, .right)), [])
        F.answer(&s, first)
        XCTAssertEqual(paths(s), ["/", "/database", "/easypost", "/internal", "/internal/ops", "/internal/tools", "/redis", "/stripe"])
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal", "the cursor stays on the folder while rows appear below it")
        XCTAssertEqual(s.browse.folderRows[4].depth, 2)

        // Collapse in place: the children go, the cursor stays, nothing is asked.
        XCTAssertEqual(F.press(&s, .char("h")), [])
        XCTAssertEqual(paths(s), ["/", "/database", "/easypost", "/internal", "/redis", "/stripe"])
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal")
        // Open again: from the cache, no request.
        XCTAssertEqual(folderRequests(F.press(&s, .char("l"))), [], "a revisit does not fetch again")
        XCTAssertEqual(paths(s).count, 8)
        // → on an open folder steps onto its first child; ← on a closed child goes to the parent.
        F.press(&s, .right)
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal/ops")
        F.press(&s, .char("-"))
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal")
        F.press(&s, .left)
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal")
        XCTAssertEqual(paths(s).count, 6)
        F.press(&s, .left)
        XCTAssertEqual(s.browse.selectedFolder?.path, "/", "a closed folder's ← goes to its parent")
        XCTAssertEqual(F.press(&s, .left), [])
        XCTAssertEqual(s.browse.selectedFolder?.path, "/", "the root stays open")
    }

    func testALeafShowsAsSuchAndEnterOpensANestedFolderFetchingOnlyWhatIsMissing() {
        var s = foldersFocused()
        select("/internal", in: &s)
        F.answer(&s, F.press(&s, .char("l")))
        select("/internal/tools", in: &s)
        let open = F.press(&s, .enter)
        XCTAssertEqual(s.browse.path, "/internal/tools")
        XCTAssertEqual(folderRequests(open), ["/internal/tools"], "only the folder never listed")
        XCTAssertTrue(open.asked.contains(.secrets(projectId: "p-store", env: "dev", path: "/internal/tools", recursive: false)))
        XCTAssertTrue(open.contains(.persistLastView(projectId: "p-store", env: "dev", path: "/internal/tools")))
        F.answer(&s, open)
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal/tools")
        XCTAssertTrue(paths(s).contains("/internal/tools/ci"))
        select("/internal/ops", in: &s)
        F.answer(&s, F.press(&s, .char("l")))
        XCTAssertEqual(s.browse.selectedFolder?.toggle, .leaf, "listed and empty")
        // Back to a folder already listed: its secrets load again, its folders do not.
        select("/internal", in: &s)
        let back = F.press(&s, .enter)
        XCTAssertEqual(folderRequests(back), [])
        XCTAssertTrue(back.asked.contains(.secrets(projectId: "p-store", env: "dev", path: "/internal", recursive: false)))
    }

    func testAStaleChildListIsDroppedAfterAnEnvironmentSwitch() {
        var s = foldersFocused()
        select("/internal", in: &s)
        let expand = F.press(&s, .char("l"))
        let late = F.id(expand) { $0 == .folders(projectId: "p-store", env: "dev", path: "/internal") }
        XCTAssertNotNil(late)
        let switched = F.press(&s, .char("2"))
        XCTAssertEqual(folderRequests(switched), ["/"], "a new environment starts from its own root")
        F.send(&s, .answered(late!, .folders(.success(F.folderObjects(["dev-only"])))))
        XCTAssertNil(s.browse.folderTree.children["/internal"], "dev's list landed in staging")
        F.answer(&s, switched)
        XCTAssertEqual(paths(s), ["/", "/database", "/easypost", "/internal", "/redis", "/stripe"],
                       "staging's tree starts closed: what was open in dev is dev's")
    }

    func testASwitchKeepsTheFolderPathAndShowsTheWayToIt() {
        var s = foldersFocused()
        select("/internal", in: &s)
        F.answer(&s, F.press(&s, .char("l")))
        select("/internal/tools", in: &s)
        F.answer(&s, F.press(&s, .enter))
        let switched = F.press(&s, .char("2"))
        XCTAssertEqual(folderRequests(switched), ["/", "/internal", "/internal/tools"])
        F.answer(&s, switched)
        XCTAssertEqual(s.browse.path, "/internal/tools")
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal/tools", "the cursor ends on the open folder")
    }

    func testAStartInANestedFolderOpensTheWayAndSelectsIt() {
        var s = AppState(StartupOptions(serverLabel: "127.0.0.1:8080", identityName: "demo-developer",
                                        preferredProject: "p-store", preferredEnvironment: "staging",
                                        preferredPath: "internal/tools/", width: 80, height: 24))
        var e = F.send(&s, .started(now: F.t0))
        e = F.send(&s, .answered(F.id(e) { $0 == .projects }!, .projects(.success(F.projects))))
        XCTAssertEqual(folderRequests(e), ["/", "/internal", "/internal/tools"])
        // Answers in any order; the cursor ends on the open folder once it shows.
        for (id, r) in F.requests(e).reversed() {
            if case .folders(_, _, let p) = r { F.send(&s, .answered(id, .folders(.success(F.folderObjects(F.folderTree[p] ?? []))))) }
        }
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal/tools")
        let screen = F.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Folders …ernal/tools"), "the path, cut from the left at 80 columns:\n\(screen)")
    }

    func testRefreshListsOpenFoldersAgainAndForgetsClosedOnes() {
        var s = foldersFocused()
        select("/internal", in: &s)
        F.answer(&s, F.press(&s, .char("l")))
        select("/internal/tools", in: &s)
        F.answer(&s, F.press(&s, .char("l")))                      // listed…
        F.answer(&s, F.press(&s, .char("h")))                      // …and closed again
        XCTAssertEqual(paths(s).count, 8)
        select("/stripe", in: &s)
        F.answer(&s, F.press(&s, .char("l")))                      // open, and empty
        let refresh = F.press(&s, .char("R"))
        XCTAssertEqual(Set(folderRequests(refresh)), ["/", "/internal", "/stripe"], "what is open, not what was once listed")
        XCTAssertEqual(paths(s).count, 8, "the rows stay while the lists come back")
        XCTAssertEqual(s.browse.selectedFolder?.path, "/stripe")
        F.answer(&s, refresh)
        XCTAssertEqual(s.browse.selectedFolder?.path, "/stripe")
        select("/internal/tools", in: &s)
        XCTAssertEqual(folderRequests(F.press(&s, .char("l"))), ["/internal/tools"], "a folder closed at R is asked again when opened")
    }

    func testAFailedChildListIsMarkedAndExpandingAgainRetries() {
        var s = foldersFocused()
        select("/internal", in: &s)
        F.press(&s, .char("l"))
        F.reply(&s, .folders(path: "/internal"), .folders(.failure(InfisicalError(.permissionDenied, "no access to /internal"))))
        XCTAssertEqual(s.browse.selectedFolder?.toggle, .failed)
        XCTAssertEqual(s.status.lastError?.message, "no access to /internal")
        XCTAssertTrue(F.screen(s).contains { $0.contains("├─✗ internal/") }, F.screen(s).joined(separator: "\n"))
        XCTAssertEqual(folderRequests(F.press(&s, .char("l"))), ["/internal"])
    }

    func testCountsComeFromListsAlreadyFetched() {
        var s = foldersFocused()
        let tree = { s.browse.folderTree }
        XCTAssertEqual(tree().count(of: "/"), 4, "the root's own list")
        XCTAssertNil(tree().count(of: "/stripe"), "never listed: no count, and no request just to count")
        select("/stripe", in: &s)
        F.answer(&s, F.press(&s, .enter))
        XCTAssertEqual(tree().count(of: "/stripe"), 2)
        XCTAssertEqual(tree().count(of: "/"), 4, "kept from before")
        // A recursive list of the root counts every folder below it, empty ones as 0.
        F.press(&s, .backspace)
        F.answer(&s, F.press(&s, .ctrl("r")))
        XCTAssertTrue(s.browse.secretsRecursive)
        XCTAssertEqual(tree().count(of: "/database"), 0)
        XCTAssertEqual(tree().count(of: "/stripe"), 2)
        XCTAssertEqual(tree().count(of: "/internal/tools"), 0)
        let lines = F.screen(s).map { String($0.prefix(24)) }
        XCTAssertTrue(lines.contains { $0.hasPrefix("│└── stripe/") && $0.hasSuffix(" 2│") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("│▾ /") && $0.hasSuffix("● 4│") }, lines.joined(separator: "\n"))
    }

    func testAProjectThatDisappearsTakesItsTreeWithIt() {
        var s = foldersFocused()
        select("/internal", in: &s)
        F.press(&s, .char("l"))
        let reload = F.press(&s, .char("R")).filter { $0.asked != .projects }
        XCTAssertTrue(reload.asked.contains(.folders(projectId: "p-store", env: "dev", path: "/internal")))
        F.reply(&s, .projects, .projects(.success(Array(F.projects.dropFirst()))))   // membership removed
        XCTAssertNil(s.browse.openProjectId)
        XCTAssertEqual(s.browse.folderRows, [])
        XCTAssertEqual(s.browse.folderTree, FolderTree())
        F.answer(&s, reload)                                          // late lists of the old project
        XCTAssertEqual(s.browse.folderTree, FolderTree(), "an answer for the vanished project was kept")
        XCTAssertTrue(F.screen(s).joined(separator: "\n").contains("open a project"))
    }

    /// The count rules on their own: a plain list counts its folder; a recursive list replaces
    /// every count below it (a folder it no longer mentions is empty), and leaves others alone.
    func testCountRules() {
        func row(_ key: String, _ path: String) -> SecretRow { SecretRow(id: key, key: key, environment: "dev", path: path, version: 1) }
        var t = FolderTree()
        t.recordCounts([row("A", "/a"), row("B", "/a")], listedPath: "/a", recursive: false)
        t.recordCounts([row("C", "/b")], listedPath: "/b", recursive: false)
        t.recordCounts([row("D", "/a/x/y")], listedPath: "/a/x/y", recursive: false)
        XCTAssertEqual([t.count(of: "/a"), t.count(of: "/b"), t.count(of: "/a/x/y"), t.count(of: "/a/x")], [2, 1, 1, nil])
        // A recursive list of /a: /a/x/y's secret was deleted, /a/z gained one.
        t.recordCounts([row("A", "/a"), row("E", "/a/z")], listedPath: "/a", recursive: true)
        XCTAssertEqual(t.count(of: "/a"), 1)
        XCTAssertEqual(t.count(of: "/a/z"), 1)
        XCTAssertEqual(t.count(of: "/a/x/y"), 0, "not in the recursive list: empty now")
        XCTAssertEqual(t.count(of: "/a/never/listed"), 0, "below a recursively counted folder")
        XCTAssertEqual(t.count(of: "/b"), 1, "outside the list: kept")
        XCTAssertNil(t.count(of: "/c"))
        XCTAssertNil(t.count(of: "/"), "the root was never listed")
    }

    func testImportedRowsAreNotCounted() {
        var list = F.rootList()
        list.imports = [SecretImport(secretPath: "/shared", environment: "dev", secrets: [F.secret("SHARED_KEY", path: "/shared")])]
        let s = F.loadedState(lists: ["dev:/": list])
        XCTAssertEqual(s.browse.secrets.count, 5)
        XCTAssertEqual(s.browse.folderTree.count(of: "/"), 4)
    }

    func testClickOnTheToggleExpandsAndClickOnTheNameOnlySelects() {
        var s = foldersFocused()
        let l = Layout(width: 80, height: 24)
        let internalY = l.firstRowY(of: .folders) + 3
        F.send(&s, .input(.mouse(.press(x: l.folders.inner.x + 8, y: internalY))))
        XCTAssertEqual(s.browse.selectedFolder?.path, "/internal")
        XCTAssertEqual(s.browse.selectedFolder?.toggle, .collapsed)
        let e = F.send(&s, .input(.mouse(.press(x: l.folders.inner.x + FolderTreeText.toggleColumn(depth: 1), y: internalY))))
        XCTAssertEqual(folderRequests(e), ["/internal"])
        F.answer(&s, e)
        XCTAssertEqual(paths(s).count, 8)
        let open = F.send(&s, .input(.mouse(.doubleClick(x: l.folders.inner.x + 8, y: internalY + 2))))
        XCTAssertEqual(s.browse.path, "/internal/tools")
        XCTAssertTrue(open.asked.contains(.secrets(projectId: "p-store", env: "dev", path: "/internal/tools", recursive: false)))
    }

    func testNamesThatCannotBePathsAreShownButNeverWalkedInto() {
        var s = F.loadedState()
        F.press(&s, .tab)
        F.press(&s, .char("R"))
        F.reply(&s, .folders(path: "/"), .folders(.success(F.folderObjects(["..", "a/b", "ok"]))))
        XCTAssertEqual(s.browse.folderRows.map(\.usable), [true, false, false, true])
        F.press(&s, .down)
        XCTAssertEqual(F.press(&s, .enter), [])
        XCTAssertEqual(s.browse.path, "/")
        XCTAssertTrue(s.status.lastError?.message.contains("cannot be part of a path") ?? false)
        XCTAssertEqual(F.press(&s, .char("l")), [])
    }

    func testTheTitleKeepsTheEndOfALongPathAndLongNamesAreCutByWidth() {
        var s = foldersFocused()
        let deep = ["/", "/internal", "/internal/a-rather-long-folder-name", "/internal/a-rather-long-folder-name/日本語のフォルダ名前"]
        F.press(&s, .char("R"))
        for (i, p) in deep.enumerated() {
            let kids = i + 1 < deep.count ? [String(deep[i + 1].split(separator: "/").last!)] : []
            F.reply(&s, .folders(path: p), .folders(.success(F.folderObjects(p == "/" ? Fixtures.folders : kids))))
            if i + 1 < deep.count {
                select(deep[i + 1], in: &s)
                F.press(&s, .char("l"))
            }
        }
        F.answer(&s, F.press(&s, .enter))
        let grid = render(s, width: 80, height: 24, theme: .builtinDefault)
        let lines = grid.text.components(separatedBy: "\n")
        let title = lines.first { $0.contains("Folders ") } ?? ""
        XCTAssertTrue(title.contains("Folders …"), title)
        XCTAssertTrue(title.contains("名前"), "the end of the path is what shows: \(title)")
        let y = lines.firstIndex { $0.contains("└─") && $0.contains("日本") } ?? 0
        XCTAssertTrue(lines[y].contains("…"), lines[y])
        XCTAssertEqual(grid[23, y].text, "│", "the row keeps the pane's width: \(lines[y])")
    }
}
