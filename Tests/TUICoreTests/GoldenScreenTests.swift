import Foundation
import XCTest
@testable import TUICore

/// Exact-screen tests: every screen and overlay of the TUI core, rendered whole and compared line
/// by line with its golden file (see `GoldenFile` for the format and the re-record command, and
/// `GoldenScreens` for how each state is reached).
final class GoldenScreenTests: XCTestCase {
    /// Renders `name` at each of its sizes and compares (or records) it.
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let screen = GoldenScreens.all.first(where: { $0.name == name }) else {
            return XCTFail("no golden screen named \(name)", file: file, line: line)
        }
        var recorded: [String] = []
        for (w, h) in screen.sizes {
            let state = screen.drive(w, h)
            let grid = render(state, width: w, height: h, theme: .builtinDefault)
            XCTAssertEqual(grid.width, w, file: file, line: line)
            let lines = grid.text.components(separatedBy: "\n")
            guard grid.text.contains(screen.shows) else {
                XCTFail("\(name) at \(w)×\(h) does not show \"\(screen.shows)\": its driver no longer reaches the screen "
                        + "(nothing recorded or compared)\n" + GoldenFile.numbered(lines), file: file, line: line)
                continue
            }
            if GoldenFile.check(lines, screen: name, width: w, height: h, file: file, line: line) {
                recorded.append(GoldenFile.fileName(name, width: w, height: h))
            }
        }
        if !recorded.isEmpty {
            XCTFail("recorded \(recorded.count) goldens, re-run without GOLDEN_RECORD (\(recorded.joined(separator: ", ")))",
                    file: file, line: line)
        }
    }

    func testBrowseStart() { check("browse-start") }
    func testBrowseStripeRevealed() { check("browse-stripe-revealed") }
    func testBrowseFilterTyping() { check("browse-filter-typing") }
    func testBrowseRecursiveFilter() { check("browse-recursive-filter") }
    func testBrowseProdRevealConfirm() { check("browse-prod-reveal-confirm") }
    func testBrowseErrorStatus() { check("browse-error-status") }
    func testBrowseNoticeStatus() { check("browse-notice-status") }
    func testBrowseLoadFailed() { check("browse-load-failed") }
    func testBrowsePlainHttp() { check("browse-plain-http") }
    func testBrowseFolderTree() { check("browse-folder-tree") }
    func testBrowsePersonOrganization() { check("browse-person-organization") }
    func testHelpBrowse() { check("help-browse") }
    func testHelpAudit() { check("help-audit") }
    func testExportEditing() { check("export-editing") }
    func testExportRecursiveCollisions() { check("export-recursive-collisions") }
    func testExportConfirmOverwrite() { check("export-confirm-overwrite") }
    func testExportGitNotIgnored() { check("export-git-not-ignored") }
    func testExportProdTypeName() { check("export-prod-type-name") }
    func testExportRefusedSymlink() { check("export-refused-symlink") }
    func testEditorEditValue() { check("editor-edit-value") }
    func testEditorPreviewMasked() { check("editor-preview-masked") }
    func testEditorPreviewRevealed() { check("editor-preview-revealed") }
    func testEditorConflict() { check("editor-conflict") }
    func testEditorDeleteConfirm() { check("editor-delete-confirm") }
    func testEditorNewSecret() { check("editor-new-secret") }
    func testEditorRename() { check("editor-rename") }
    func testEditorDiscardConfirm() { check("editor-discard-confirm") }
    func testAuditEvents() { check("audit-events") }
    func testAuditFilterForm() { check("audit-filter-form") }
    func testAuditCustomRange() { check("audit-custom-range") }
    func testAuditEventDetail() { check("audit-event-detail") }
    func testAuditExportDialog() { check("audit-export-dialog") }
    func testAuditFollow() { check("audit-follow") }
    func testOverview() { check("overview") }
    func testOverviewFlagged() { check("overview-flagged") }
    func testOverviewSyncPreview() { check("overview-sync-preview") }
    func testOverviewNewValue() { check("overview-new-value") }
    func testBrowseRotation() { check("browse-rotation") }
    func testBrowseOverdueOnly() { check("browse-overdue-only") }
    func testAuditExposure() { check("audit-exposure") }
    func testHistory() { check("history") }
    func testHistoryRollbackPreview() { check("history-rollback-preview") }
    func testHistoryRefused() { check("history-refused") }
    func testTooSmall() { check("too-small") }

    /// Every file in Golden/ belongs to a screen above, and every screen has its files (a renamed
    /// or removed screen must not leave a golden that nothing checks).
    func testNoOrphanOrMissingGoldenFiles() throws {
        let expected = Set(GoldenScreens.all.flatMap { s in s.sizes.map { GoldenFile.fileName(s.name, width: $0.width, height: $0.height) } })
        XCTAssertEqual(expected.count, GoldenScreens.all.reduce(0) { $0 + $1.sizes.count }, "screen names are unique")
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: GoldenFile.directory.path).filter { $0.hasSuffix(".txt") })
        XCTAssertEqual(present.subtracting(expected).sorted(), [], "golden files without a screen in GoldenScreens.all")
        if !GoldenFile.recording {
            XCTAssertEqual(expected.subtracting(present).sorted(), [], "screens without a golden file; record with \(GoldenFile.recordCommand)")
        }
    }

    /// The helper itself: a difference is reported with its line number, expected and actual.
    func testDiffNamesTheLineAndBothTexts() {
        let d = GoldenFile.diff(expected: ["a", "b", "c"], actual: ["a", "B", "c"])
        XCTAssertEqual(d, "@@ line 2 @@\n-|b|\n+|B|")
        XCTAssertEqual(GoldenFile.diff(expected: ["a"], actual: ["a"]), "")
        XCTAssertEqual(GoldenFile.decode(GoldenFile.encode(["x  ", "", " y"])), ["x", "", " y"])
    }
}
