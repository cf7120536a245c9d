import Foundation
import XCTest

/// The folder tree in the real binary against the real dev server (the demo seed has
/// `/internal/ci/deploy` in opticworks-store): expand two levels in place with →, open the
/// deepest folder with Enter, and see its path in the pane title and the secrets title. Then go
/// up with ⌫ and collapse with ←, and see the counts of the folders whose lists were loaded.
final class FolderTreeEndToEndTests: XCTestCase {
    func testExpandANestedFolderAndOpenItAt80x24() throws {
        let app = try DemoApp(width: 80, height: 24)
        let t = app.tmux
        app.waitForProjects()
        t.waitFor("Folders /", "internal/")
        t.send("Enter")                                   // open opticworks-store, focus the folders pane

        // → on internal: its sub-folders are fetched and shown below it, the view stays at `/`.
        t.openListRow("internal", in: "Folders", context: "Secrets · dev · /", key: "Right")
        var screen = t.waitFor("ci/")
        XCTAssertTrue(screen.contains("Secrets · dev · / "), "expanding is not opening:\n\(screen)")
        let tree = t.settledScreen(until: Date().addingTimeInterval(20)) { $0.listRows(of: "Folders").contains { $0.name == "ci" } }
        let names = tree?.listRows(of: "Folders").map(\.name) ?? []
        XCTAssertEqual(names.firstIndex(of: "ci"), names.firstIndex(of: "internal").map { $0 + 1 },
                       "ci/ is shown right under internal/: \(names)")
        XCTAssertTrue(screen.contains("├─▾ internal/"), screen)
        XCTAssertTrue(screen.contains("│ └─▸ ci/"), screen)

        // → on ci, then Enter on deploy: two levels down, opened.
        t.openListRow("ci", in: "Folders", context: "Secrets · dev · /", key: "Right")
        t.waitFor("deploy/")
        t.openListRow("deploy", in: "Folders", context: "Secrets · dev · /")
        screen = t.waitFor("Secrets · dev · /internal/ci/deploy", "no secrets here")
        XCTAssertTrue(screen.contains("┌ Folders …"), "a path wider than the pane is cut from the left:\n\(screen)")
        XCTAssertTrue(screen.contains("/deploy ┐"), "the pane title ends with the open folder:\n\(screen)")
        XCTAssertTrue(screen.contains("└─▸ deploy/") || screen.contains("└── deploy/"), screen)
        XCTAssertTrue(screen.contains("● 0│"), "the open folder is marked with its count:\n\(screen)")

        // ⌫ twice: up to /internal, whose own secrets (3 in dev) now give it a count.
        t.send("BSpace")
        t.waitFor("Secrets · dev · /internal/ci ")
        t.send("BSpace")
        screen = t.waitFor("Secrets · dev · /internal ", "JWT_SECRET")
        let internalRow = screen.split(separator: "\n").first { $0.contains("internal/") } ?? ""
        XCTAssertTrue(internalRow.contains("● 3"), "internal/ marked open with its 3 secrets: \(internalRow)")

        // ← on the open internal folder collapses it in place: ci/ goes, the view stays.
        t.send("Left")
        screen = t.waitUntil("internal collapsed") { !$0.contains("ci/") && $0.contains("├─▸ internal/") }
        XCTAssertTrue(screen.contains("Secrets · dev · /internal "), screen)
        t.send("q")
        app.assertExitedCleanly()
    }

    /// A click on a folder's ▸ expands it in place (X10 mouse report, as ncurses expects under tmux).
    func testClickOnTheToggleExpandsAFolder() throws {
        let app = try DemoApp()
        let t = app.tmux
        app.waitForProjects()
        let screen = t.waitFor("├─▸ internal/")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("├─▸ internal/") })
        // Left of ▸ are only one-column characters (`│├─`), so its character offset is its column.
        let column = lines[y].distance(from: lines[y].startIndex, to: try XCTUnwrap(lines[y].firstIndex(of: "▸")))
        let bytes = [0x1b, 0x5b, 0x4d, 32, 33 + column, 33 + y].map { String(format: "%02x", $0) }
        t.tmux(["send-keys", "-t", "app", "-H"] + bytes)
        let open = t.waitFor("├─▾ internal/", "ci/")
        XCTAssertTrue(open.contains("Secrets · dev · / "), "a click on the toggle does not open the folder:\n\(open)")
        t.send("q")
        app.assertExitedCleanly()
    }
}
