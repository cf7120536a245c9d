import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// Every prompt and guard of the editor: permissions, loading, typing, paste, preview (masked, fixed
/// width, reveal), save effects, conflict, Esc paths, new / rename / delete, naming warnings.
final class EditFlowTests: XCTestCase {
    typealias F = Fixtures
    let dev = Environment(id: "e-dev", name: "Development", slug: "dev")
    let prod = Environment(id: "e-prod", name: "Production", slug: "prod")

    /// Loaded state (developer role, dev, /), secrets pane focused on `key`.
    func state(role: String? = "member", key: String = "APP_ENV", width: Int = 80, height: Int = 24) -> AppState {
        var s = F.loadedState(width: width, height: height)
        if let role { s.session.roles["p-store"] = ProjectRole(slug: role) } else { s.session.roles = [:] }
        F.press(&s, .tab, .tab)
        while s.browse.selectedSecret?.key != key, s.browse.secretCursor.selected < s.browse.visibleSecrets.count - 1 { F.press(&s, .down) }
        XCTAssertEqual(s.browse.selectedSecret?.key, key)
        return s
    }

    /// Opens the editor on the selected secret and answers the value load.
    func openEditor(_ s: inout AppState, value: String = "production", comment: String = "which environment the app thinks it is",
                    version: Int = 2) {
        let e = F.press(&s, .char("e"))
        guard case .edit(.loadValue(let pid, let env, let path, let key))? = e.asked.first else { return XCTFail("no load: \(e)") }
        F.reply(&s, .editLoad, .edit(.valueLoaded(.success(EditBase(value: value, comment: comment, version: version)))))
    }

    func screen(_ s: AppState) -> String { F.screen(s).joined(separator: "\n") }

    // MARK: permissions

    func testPermissionMatrix() {
        let cases: [(String?, Environment, String?)] = [
            ("viewer", dev, "viewer role: read only"),
            ("member", dev, nil),
            ("admin", dev, nil),
            ("owner", dev, nil),
            ("custom-role", dev, nil),
            (nil, dev, nil),
            ("viewer", prod, "production is read-only in the TUI"),
            ("member", prod, "production is read-only in the TUI"),
            ("admin", prod, "production is read-only in the TUI"),
            ("owner", prod, "production is read-only in the TUI"),
            (nil, prod, "production is read-only in the TUI"),
        ]
        for (role, env, expected) in cases {
            XCTAssertEqual(EditPermission.denial(role: role.map(ProjectRole.init(slug:)), environment: env), expected,
                           "\(role ?? "unknown") in \(env.slug)")
        }
        let staging = Environment(id: "s", name: "Staging", slug: "staging")
        XCTAssertNil(EditPermission.denial(role: ProjectRole(slug: "member"), environment: staging))
        XCTAssertNotNil(EditPermission.denial(role: ProjectRole(slug: "member"), environment: nil))
    }

    func testViewerSeesActionsDisabledAndKeysOnlyExplain() {
        var s = state(role: "viewer", height: 40)
        XCTAssertTrue(screen(s).contains("viewer role: read only"), "the detail pane says why\n" + screen(s))
        let lines = DetailContent.actionLines(s, row: s.browse.selectedSecret!, valueWidth: 40)
        XCTAssertEqual(lines.first?.style, StyleName.disabled)
        XCTAssertTrue(lines.contains { $0.text.contains("e edit") })
        for k: Key in [.char("e"), .char("n"), .char("m"), .function(2), .char("d")] {
            s.status.lastError = nil
            let e = F.press(&s, k)
            XCTAssertEqual(e, [], "\(k) sends nothing")
            XCTAssertNil(s.editor, "\(k) opens nothing")
            XCTAssertEqual(s.status.lastError?.message.hasSuffix("viewer role: read only"), true, "\(k): \(String(describing: s.status.lastError))")
        }
        XCTAssertTrue(screen(s).contains("viewer role: read only"), "the reason is on the status line")
        XCTAssertTrue(screen(s).contains("· read-only"), "the secrets pane title says it too")
    }

    func testDeveloperSeesActionsEnabled() {
        let s = state()
        let lines = DetailContent.actionLines(s, row: s.browse.selectedSecret!, valueWidth: 40)
        XCTAssertEqual(lines.map(\.style), [StyleName.detailValue])
        XCTAssertEqual(lines.first?.text, "e edit · n new · m rename · d delete")
        XCTAssertFalse(screen(s).contains("read-only"), screen(s))
    }

    func testProductionIsReadOnlyEvenForAdmin() {
        var s = state(role: "admin")
        F.answer(&s, F.press(&s, .char("3")))
        XCTAssertEqual(s.browse.environment?.slug, "prod")
        F.press(&s, .tab, .tab, .tab, .tab)      // back to the secrets pane
        let e = F.press(&s, .char("e"))
        XCTAssertEqual(e, [])
        XCTAssertNil(s.editor)
        XCTAssertEqual(s.status.lastError?.message, "cannot edit: production is read-only in the TUI")
        XCTAssertTrue(screen(s).contains("production is read-only"))
    }

    func testImportedRowSaysWhereItComesFrom() {
        var list = F.rootList()
        list.imports = [SecretImport(secretPath: "/shared", environment: "dev", secrets: [F.secret("ZZ_SHARED", path: "/shared")])]
        var s = F.loadedState(lists: ["dev:/": list])
        F.press(&s, .tab, .tab, .char("G"))
        XCTAssertEqual(s.browse.selectedSecret?.key, "ZZ_SHARED")
        XCTAssertEqual(F.press(&s, .char("e")), [])
        XCTAssertNil(s.editor)
        XCTAssertEqual(s.status.lastError?.message, "cannot edit: imported from dev:/shared: edit it there")
        F.press(&s, .char("n"))
        XCTAssertEqual(s.editor?.kind, .create, "a new secret in this folder is still fine")
    }

    func testUnknownRoleIsAllowedAndServerDenialIsShownInTheDialog() {
        var s = state(role: nil)
        openEditor(&s)
        F.type(&s, "x")
        F.press(&s, .ctrl("s"))
        let e = F.press(&s, .char("y"))
        guard case .edit(.save(let req))? = e.asked.first else { return XCTFail("\(e)") }
        F.reply(&s, .editSave, .edit(.saved(.failure(InfisicalError(.permissionDenied, "cannot change APP_ENV in dev at /", status: 403)))))
        XCTAssertEqual(s.editor?.stage, .editing, "the draft stays")
        XCTAssertTrue(screen(s).contains("✗ cannot change APP_ENV in dev at /"))
        XCTAssertEqual(s.editor?.valueInput.text, "productionx")
    }

    // MARK: edit value

    func testEditLoadsValueShowsLoadingThenEditsWithCursor() {
        var s = state()
        let e = F.press(&s, .char("e"))
        XCTAssertEqual(e.asked, [.edit(.loadValue(projectId: "p-store", env: "dev", path: "/", key: "APP_ENV"))])
        XCTAssertTrue(e[0].readsSecretValue)
        XCTAssertTrue(screen(s).contains("loading…"))
        XCTAssertTrue(s.requests.isInFlight(.editLoad))
        F.reply(&s, .editLoad, .edit(.valueLoaded(.success(EditBase(value: "production", comment: "c", version: 2)))))
        XCTAssertEqual(s.editor?.stage, .editing)
        XCTAssertTrue(s.editor?.holdsValue == true)
        XCTAssertEqual(s.tickInterval, 0.25)
        let grid = render(s, width: 80, height: 24, theme: .builtinDefault)
        guard let y = grid.row(containing: "production") else { return XCTFail(screen(s)) }
        let x = grid.column(of: "production", row: y)!
        XCTAssertTrue(grid[x + 10, y].style.reverse != grid[x, y].style.reverse, "the cursor is a reverse cell after the text")
        F.press(&s, .enter)
        F.type(&s, "line2")
        XCTAssertEqual(s.editor?.valueInput.text, "production\nline2", "Enter is a newline in the value")
        XCTAssertTrue(screen(s).contains("line2"))
    }

    func testLoadFailureClosesWithTheError() {
        var s = state()
        F.press(&s, .char("e"))
        F.reply(&s, .editLoad, .edit(.valueLoaded(.failure(InfisicalError(.permissionDenied, "cannot read the value of APP_ENV in dev at /")))))
        XCTAssertNil(s.editor)
        XCTAssertEqual(s.status.lastError?.message, "cannot read the value of APP_ENV in dev at /")
    }

    func testPreviewIsMaskedFixedWidthRevealsAndSaves() {
        var s = state()
        openEditor(&s, value: "production")
        F.press(&s, .ctrl("u"))
        F.type(&s, "a-much-longer-new-value-for-staging")
        F.press(&s, .tab)
        F.press(&s, .ctrl("u"))
        F.type(&s, "new comment")
        XCTAssertEqual(F.press(&s, .ctrl("s")), [])
        XCTAssertEqual(s.editor?.stage, .preview(revealed: false))
        var text = screen(s)
        XCTAssertFalse(text.contains("production"), "old value masked")
        XCTAssertFalse(text.contains("a-much-longer"), "new value masked")
        let masks = F.screen(s).filter { $0.contains(Secret.mask) }
        XCTAssertEqual(masks.count, 2, text)
        XCTAssertFalse(text.contains(Secret.mask + "•"), "the mask has one fixed width, whatever the lengths")
        XCTAssertTrue(text.contains("new comment"), "comment changes are shown")
        XCTAssertTrue(text.contains("v2 → v3"))
        // Reveal: old and new, in their diff styles.
        F.press(&s, .char("r"))
        XCTAssertEqual(s.editor?.stage, .preview(revealed: true))
        text = screen(s)
        let grid = render(s, width: 80, height: 24, theme: .builtinDefault)
        let theme = Theme.builtinDefault
        guard let yo = grid.row(containing: "production"), let yn = grid.row(containing: "a-much-longer") else { return XCTFail(text) }
        XCTAssertEqual(grid[grid.column(of: "production", row: yo)!, yo].style, theme.style(StyleName.diffOld))
        XCTAssertEqual(grid[grid.column(of: "a-much-longer", row: yn)!, yn].style, theme.style(StyleName.diffNew))
        F.send(&s, .tick(now: F.t0.addingTimeInterval(s.session.remaskAfter + 1)))
        XCTAssertEqual(s.editor?.stage, .preview(revealed: false), "the preview masks itself after remaskAfter")
        F.press(&s, .char("r"))
        XCTAssertEqual(s.editor?.stage, .preview(revealed: true))
        F.press(&s, .char("r"))
        XCTAssertFalse(screen(s).contains("production"), "r masks again")
        let e = F.press(&s, .char("y"))
        let expected = EditRequest(projectId: "p-store", environment: "dev", path: "/", key: "APP_ENV", expectedVersion: 2,
                                   operation: .update(newName: nil, value: "a-much-longer-new-value-for-staging", comment: "new comment"))
        XCTAssertEqual(e.asked, [.edit(.save(expected))])
        XCTAssertFalse(e[0].readsSecretValue)
        XCTAssertEqual(s.editor?.stage, .saving)
        XCTAssertTrue(screen(s).contains("saving…"))
        F.press(&s, .escape)
        XCTAssertEqual(s.editor?.stage, .saving, "a write in flight is not abandoned")
        // The answer: notice, reload, selection kept, value gone from state.
        let after = F.reply(&s, .editSave, .edit(.saved(.success(.saved(key: "APP_ENV", version: 3)))))
        XCTAssertNil(s.editor)
        XCTAssertEqual(s.status.notice, "saved APP_ENV v3 in dev")
        XCTAssertEqual(after.asked, [.secrets(projectId: "p-store", env: "dev", path: "/", recursive: false)])
        XCTAssertEqual(s.browse.selectedSecret?.key, "APP_ENV")
        XCTAssertEqual(s.browse.selectedSecret?.version, 3)
        XCTAssertTrue(screen(s).contains("✓ saved APP_ENV v3 in dev"))
        XCTAssertFalse(screen(s).contains("a-much-longer"), "the value is nowhere on screen after saving")
        F.answer(&s, after)
        XCTAssertEqual(s.browse.selectedSecret?.key, "APP_ENV", "the reload keeps the selection")
    }

    func testSaveOnlyTheChangedParts() {
        var s = state()
        openEditor(&s)
        F.press(&s, .tab)
        F.type(&s, "!")
        F.press(&s, .ctrl("s"))
        XCTAssertTrue(screen(s).contains("unchanged"), "the value row says unchanged")
        guard case .edit(.save(let r))? = F.press(&s, .enter).asked.first else { return XCTFail() }
        XCTAssertEqual(r.operation, .update(newName: nil, value: nil, comment: "which environment the app thinks it is!"))
    }

    func testNothingChangedDoesNotOpenPreview() {
        var s = state()
        openEditor(&s)
        F.press(&s, .ctrl("s"))
        XCTAssertEqual(s.editor?.stage, .editing)
        XCTAssertTrue(screen(s).contains("nothing changed"))
    }

    func testConflictScreenAndReload() {
        var s = state()
        openEditor(&s)
        F.type(&s, "-mine")
        F.press(&s, .function(10))
        guard case .edit(.save(let r))? = F.press(&s, .enter).asked.first else { return XCTFail() }
        let conflict = EditConflict(serverVersion: 3, yourVersion: 2, by: "demo-admin", at: F.t0)
        let e = F.reply(&s, .editSave, .edit(.saved(.success(.conflict(conflict)))))
        XCTAssertEqual(s.editor?.stage, .conflict(conflict))
        XCTAssertEqual(e.asked, [.secrets(projectId: "p-store", env: "dev", path: "/", recursive: false)])
        let text = screen(s)
        XCTAssertTrue(text.contains("changed on the server"), text)
        XCTAssertTrue(text.contains("server version  v3"))
        XCTAssertTrue(text.contains("yours based on  v2"))
        XCTAssertTrue(text.contains("by demo-admin"))
        XCTAssertTrue(text.contains("Nothing was written"))
        XCTAssertEqual(F.type(&s, "xyq"), [], "no other key acts")
        // r: reload the server's value and edit again.
        let reload = F.press(&s, .char("r"))
        XCTAssertEqual(reload.asked, [.edit(.loadValue(projectId: "p-store", env: "dev", path: "/", key: "APP_ENV"))])
        F.reply(&s, .editLoad, .edit(.valueLoaded(.success(EditBase(value: "theirs", comment: "", version: 3)))))
        XCTAssertEqual(s.editor?.baseVersion, 3)
        XCTAssertEqual(s.editor?.valueInput.text, "theirs")
        // Esc on a conflict cancels.
        F.type(&s, "2")
        F.press(&s, .ctrl("s"))
        guard case .edit(.save(let r2))? = F.press(&s, .char("y")).asked.first else { return XCTFail() }
        XCTAssertEqual(r2.expectedVersion, 3)
        F.reply(&s, .editSave, .edit(.saved(.success(.conflict(EditConflict(serverVersion: 4, yourVersion: 3))))))
        F.press(&s, .escape)
        XCTAssertNil(s.editor)
    }

    func testEscPaths() {
        var s = state()
        openEditor(&s)
        F.press(&s, .escape)
        XCTAssertNil(s.editor, "no changes: Esc closes at once")
        openEditor(&s)
        F.type(&s, "z")
        F.press(&s, .escape)
        XCTAssertEqual(s.editor?.stage, .confirmDiscard)
        XCTAssertTrue(screen(s).contains("Discard your changes?"))
        F.press(&s, .char("n"))
        XCTAssertEqual(s.editor?.stage, .editing)
        XCTAssertEqual(s.editor?.valueInput.text, "productionz")
        F.press(&s, .ctrl("s"))
        F.press(&s, .escape)
        XCTAssertEqual(s.editor?.stage, .editing, "Esc in the preview goes back to editing")
        F.press(&s, .escape, .escape)
        XCTAssertEqual(s.editor?.stage, .editing, "Esc on the discard question keeps editing")
        F.press(&s, .escape, .char("y"))
        XCTAssertNil(s.editor, "y discards")
        XCTAssertNil(s.status.notice)
        // Esc while loading cancels too.
        F.press(&s, .char("e"), .escape)
        XCTAssertNil(s.editor)
        XCTAssertFalse(s.requests.isInFlight(.editLoad))
    }

    func testPasteIntoEditorKeepsNewlinesAndKeyFieldKeepsOneLine() {
        var s = state()
        openEditor(&s, value: "")
        F.send(&s, .input(.paste("-----BEGIN KEY-----\r\nabc\ndef\n-----END KEY-----")))
        XCTAssertEqual(s.editor?.valueInput.text, "-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----")
        XCTAssertEqual(s.editor?.valueInput.lines.count, 4)
        XCTAssertTrue(screen(s).contains("-----END KEY-----"))
        F.press(&s, .escape, .char("y"))
        F.press(&s, .char("n"))
        F.send(&s, .input(.paste("NEW_KEY\nrm -rf /")))
        XCTAssertEqual(s.editor?.keyInput.text, "NEW_KEY")
    }

    func testLongValueScrollsToTheCursor() {
        var s = state()
        let long = (1...40).map { "line\($0)" }.joined(separator: "\n")
        openEditor(&s, value: long)
        XCTAssertTrue(screen(s).contains("line40"), "cursor at the end: the last line is visible")
        XCTAssertFalse(screen(s).contains("line1\n"))
        XCTAssertTrue(screen(s).contains("line 40/40"))
        for _ in 0..<39 { F.press(&s, .up) }
        XCTAssertEqual(s.editor?.valueScroll, 0)
        XCTAssertTrue(F.screen(s).contains { $0.contains("line1 ") || $0.hasSuffix("line1") || $0.contains("line1│") })
    }

    // MARK: new / rename / delete

    func testNewSecretWithNamingWarningsNotBlocks() {
        var s = state()
        XCTAssertEqual(F.press(&s, .char("n")), [])
        XCTAssertEqual(s.editor?.kind, .create)
        F.type(&s, "stripe-key")
        XCTAssertTrue(screen(s).contains("not UPPER_SNAKE_CASE"))
        F.press(&s, .tab)
        F.type(&s, "v")
        F.press(&s, .tab)
        F.type(&s, "test key")
        F.press(&s, .ctrl("s"))
        XCTAssertEqual(s.editor?.stage, .preview(revealed: false), "a warning does not block")
        XCTAssertTrue(screen(s).contains("not UPPER_SNAKE_CASE"))
        let e = F.press(&s, .enter)
        XCTAssertEqual(e.asked, [.edit(.save(EditRequest(projectId: "p-store", environment: "dev", path: "/", key: "stripe-key",
                                                   expectedVersion: nil, operation: .create(value: "v", comment: "test key"))))])
        guard case .edit(.save(let r))? = e.asked.first else { return }
        F.reply(&s, .editSave, .edit(.saved(.success(.saved(key: "stripe-key", version: 1)))))
        XCTAssertEqual(s.status.notice, "created stripe-key v1 in dev")
        XCTAssertEqual(s.browse.selectedSecret?.key, "stripe-key", "the selection moves to the new key")
    }

    func testNamingRules() {
        XCTAssertEqual(KeyNaming.warnings(key: "STRIPE_SECRET_KEY", path: "/stripe"), [])
        XCTAssertEqual(KeyNaming.warnings(key: "DATABASE_URL", path: "/database"), [])
        XCTAssertEqual(KeyNaming.warnings(key: "JWT_SECRET", path: "/internal"), [])
        XCTAssertEqual(KeyNaming.warnings(key: "FEATURE_NEW_CHECKOUT", path: "/"), [])
        XCTAssertEqual(KeyNaming.warnings(key: "SECRET_KEY", path: "/stripe"), ["keys in /stripe start with STRIPE_"])
        XCTAssertEqual(KeyNaming.warnings(key: "URL", path: "/redis"), ["keys in /redis start with REDIS_"])
        XCTAssertEqual(KeyNaming.warnings(key: "apiKey", path: "/"), ["not UPPER_SNAKE_CASE"])
        XCTAssertEqual(KeyNaming.warnings(key: "1_KEY", path: "/"), ["not UPPER_SNAKE_CASE"])
        XCTAssertEqual(KeyNaming.warnings(key: "NEW_CHECKOUT_FEATURE", path: "/"), ["feature flags are named FEATURE_*"])
        XCTAssertEqual(KeyNaming.warnings(key: "STRIPE_SECRET_WEBHOOK", path: "/stripe"),
                       ["webhook secrets are named *_WEBHOOK_SECRET"])
    }

    func testTabCyclesFieldsAndShiftTabGoesBack() {
        var s = state()
        F.press(&s, .char("n"))
        XCTAssertEqual(s.editor?.field, .key)
        F.press(&s, .tab, .tab)
        XCTAssertEqual(s.editor?.field, .comment)
        F.press(&s, .backTab)
        XCTAssertEqual(s.editor?.field, .value)
        F.press(&s, .backTab, .backTab)
        XCTAssertEqual(s.editor?.field, .comment, "wraps around")
        F.type(&s, "c")
        F.press(&s, .enter)
        XCTAssertEqual(s.editor?.stage, .editing, "Enter in the last field with an empty key does not preview")
        XCTAssertTrue(screen(s).contains("the key is empty"))
    }

    func testNewSecretNeedsAKey() {
        var s = state()
        F.press(&s, .char("n"), .ctrl("s"))
        XCTAssertEqual(s.editor?.stage, .editing)
        XCTAssertTrue(screen(s).contains("the key is empty"))
        F.type(&s, "A B")
        F.press(&s, .ctrl("s"))
        XCTAssertTrue(screen(s).contains("cannot contain spaces"))
    }

    func testRenameEmitsUpdateWithNewNameAndSelectsIt() {
        var s = state(key: "LOG_LEVEL")
        XCTAssertEqual(F.press(&s, .function(2)), [])
        XCTAssertEqual(s.editor?.kind, .rename)
        XCTAssertEqual(s.editor?.holdsValue, false, "rename never loads the value")
        F.press(&s, .ctrl("u"))
        F.type(&s, "LOGGING_LEVEL")
        F.press(&s, .enter)
        XCTAssertEqual(s.editor?.stage, .preview(revealed: false))
        XCTAssertTrue(screen(s).contains("LOGGING_LEVEL"))
        let e = F.press(&s, .enter)
        let r = EditRequest(projectId: "p-store", environment: "dev", path: "/", key: "LOG_LEVEL", expectedVersion: 1,
                            operation: .update(newName: "LOGGING_LEVEL", value: nil, comment: nil))
        XCTAssertEqual(e.asked, [.edit(.save(r))])
        F.reply(&s, .editSave, .edit(.saved(.success(.saved(key: "LOGGING_LEVEL", version: 2)))))
        XCTAssertEqual(s.status.notice, "renamed LOG_LEVEL → LOGGING_LEVEL v2 in dev")
        XCTAssertEqual(s.browse.selectedSecret?.key, "LOGGING_LEVEL")
    }

    func testRenameConflictContinuesAgainstServerVersion() {
        var s = state(key: "LOG_LEVEL")
        F.press(&s, .char("m"))
        F.type(&s, "X")
        F.press(&s, .enter)
        guard case .edit(.save(let r))? = F.press(&s, .enter).asked.first else { return XCTFail() }
        F.reply(&s, .editSave, .edit(.saved(.success(.conflict(EditConflict(serverVersion: 5, yourVersion: 1))))))
        XCTAssertEqual(F.press(&s, .char("r")), [], "rename does not need the value")
        XCTAssertEqual(s.editor?.baseVersion, 5)
        XCTAssertEqual(s.editor?.stage, .editing)
    }

    func testDeleteNeedsTheKeyTypedExactly() {
        var s = state(key: "SESSION_SECRET")
        F.press(&s, .char("d"))
        XCTAssertEqual(s.editor?.kind, .delete)
        XCTAssertTrue(screen(s).contains("Type the key to confirm"))
        F.type(&s, "session_secret")
        XCTAssertEqual(F.press(&s, .enter), [], "case matters")
        XCTAssertTrue(screen(s).contains("type the key to confirm"))
        F.press(&s, .ctrl("u"))
        F.type(&s, "SESSION_SECRET")
        XCTAssertTrue(screen(s).contains("matches"))
        let e = F.press(&s, .enter)
        let r = EditRequest(projectId: "p-store", environment: "dev", path: "/", key: "SESSION_SECRET", expectedVersion: 7,
                            operation: .delete)
        XCTAssertEqual(e.asked, [.edit(.save(r))])
        let after = F.reply(&s, .editSave, .edit(.saved(.success(.deleted(key: "SESSION_SECRET")))))
        XCTAssertEqual(s.status.notice, "deleted SESSION_SECRET from dev")
        XCTAssertFalse(s.browse.secrets.contains { $0.key == "SESSION_SECRET" })
        XCTAssertEqual(after.asked, [.secrets(projectId: "p-store", env: "dev", path: "/", recursive: false)])
    }

    func testStaleAnswersAreIgnored() {
        var s = state()
        F.press(&s, .char("e"), .escape)
        F.reply(&s, .editLoad, .edit(.valueLoaded(.success(EditBase(value: "late", comment: "", version: 2)))))
        XCTAssertNil(s.editor, "a late value never reopens the dialog")
        XCTAssertFalse(screen(s).contains("late"))
    }

    func testEditorFitsAt80x24AndHelpListsEditorKeys() {
        var s = state()
        openEditor(&s)
        let lines = F.screen(s)
        XCTAssertEqual(lines.count, 24)
        XCTAssertTrue(lines.contains { $0.contains("^S preview · Tab field · Esc cancel") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines[0].count > 0, "the top bar stays")
        for b in KeyBindings.editBindings { XCTAssertLessThanOrEqual(b.help.count, 26, b.help) }
    }
}
