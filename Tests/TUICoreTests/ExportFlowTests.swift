import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// Copy-to-file (`y`/`Y`): every prompt and guard of the dialog, driven like the app drives it.
final class ExportFlowTests: XCTestCase {
    static let target = "/home/dev/shop/.env.local"

    /// Opens `Y` (or `y`) on the loaded demo state and answers the first inspection.
    func open(wholeView: Bool = true, state s: inout AppState, target: FileTargetInfo = FileTargetInfo(path: target),
              keys: [String] = ["APP_ENV", "LOG_LEVEL"], collisions: [String] = []) -> [Effect] {
        if !wholeView { Fixtures.press(&s, .tab, .tab) }     // focus the secrets table
        let e = Fixtures.press(&s, .char(wholeView ? "Y" : "y"))
        XCTAssertNotNil(s.export)
        guard case .export(.inspect)? = e.asked.last else { XCTFail("no inspect effect: \(e)"); return e }
        let more = reply(&s, e.last, .success(ExportInspection(target: target, keys: keys, collisions: collisions)))
        XCTAssertEqual(more, [])
        return e
    }

    /// Presses Enter (check and write) and answers the re-inspection; returns the effects after it.
    func enterAndAnswer(_ s: inout AppState, target: FileTargetInfo = FileTargetInfo(path: target),
                        keys: [String] = ["APP_ENV", "LOG_LEVEL"]) -> [Effect] {
        let e = Fixtures.press(&s, .enter)
        guard case .export(.inspect)? = e.asked.first, e.count == 1 else { XCTFail("Enter re-inspects: \(e)"); return e }
        XCTAssertEqual(s.export?.stage, .inspecting(thenWrite: true))
        return reply(&s, e.first, .success(ExportInspection(target: target, keys: keys)))
    }

    /// Answers an inspect effect the way the runner does (echoing its request and target).
    @discardableResult
    func reply(_ s: inout AppState, _ e: Effect?, _ r: Result<ExportInspection, InfisicalError>) -> [Effect] {
        guard case .request(let id, .export(.inspect))? = e else { XCTFail("not an inspect: \(String(describing: e))"); return [] }
        return Fixtures.send(&s, .answered(id, .export(.inspected(r))))
    }

    /// Answers a write effect the way the runner does.
    @discardableResult
    func reply(_ s: inout AppState, _ e: Effect?, written r: Result<ExportWritten, InfisicalError>) -> [Effect] {
        guard case .request(let id, .export(.write))? = e else { XCTFail("not a write: \(String(describing: e))"); return [] }
        return Fixtures.send(&s, .answered(id, .export(.written(r))))
    }

    func writeEffect(_ effects: [Effect]) -> (ExportRequest, String, ExportFormat, Bool)? {
        for e in effects { if case .request(_, .export(.write(let r, let t, let f, let o))) = e { return (r, t, f, o) } }
        return nil
    }

    func testViewExportOpensInspectsThenWritesWithOneValueReadingEffect() {
        var s = Fixtures.loadedState()
        let opened = open(state: &s)
        XCTAssertEqual(opened.asked, [.export(.inspect(request: ExportRequest(projectId: "p-store", environment: "dev", path: "/"),
                                                target: ".env.local"))])
        XCTAssertFalse(opened.contains { $0.readsSecretValue }, "inspection lists keys without values")
        XCTAssertEqual(s.export?.stage, .editing)
        let e = enterAndAnswer(&s)
        guard let (req, target, format, overwrite) = writeEffect(e) else { return XCTFail("no write: \(e)") }
        XCTAssertEqual(req, ExportRequest(projectId: "p-store", environment: "dev", path: "/", recursive: false))
        XCTAssertEqual(target, Self.target)
        XCTAssertEqual(format, .dotenv)
        XCTAssertFalse(overwrite, "no overwrite without a yes")
        XCTAssertEqual(e.filter(\.readsSecretValue).count, 1, "only the write reads values")
        XCTAssertEqual(s.export?.stage, .writing)
        XCTAssertTrue(s.isLoading)
        reply(&s, e.first, written: .success(ExportWritten(path: Self.target, count: 2)))
        XCTAssertNil(s.export, "the dialog closes after a write")
        XCTAssertEqual(s.status.notice, "wrote 2 secrets to \(Self.target) (0600)")
        XCTAssertFalse(s.isLoading)
        XCTAssertTrue(Fixtures.screen(s).last?.contains("✓ wrote 2 secrets to") == true)
        // The next key clears the notice.
        Fixtures.press(&s, .down)
        XCTAssertNil(s.status.notice)
    }

    func testSingleValueExportUsesTheSelectedSecretAndHasNoRecursiveRow() {
        var s = Fixtures.loadedState()
        let key = s.browse.selectedSecret?.key ?? ""
        let e = open(wholeView: false, state: &s, keys: [key])
        guard case .export(.inspect(let req, _))? = e.asked.last else { return XCTFail() }
        XCTAssertEqual(req.key, key)
        XCTAssertEqual(req.path, "/")
        XCTAssertEqual(s.export?.fields, [.format, .path])
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("Copy the value to a file") })
        XCTAssertFalse(Fixtures.screen(s).contains { $0.contains("Recursive") })
        let w = enterAndAnswer(&s, keys: [key])
        XCTAssertEqual(writeEffect(w)?.0.key, key)
    }

    func testSymlinkDirectoryAndMissingFolderAreRefusedWithTheReason() {
        for (info, reason) in [(FileTargetInfo(path: Self.target, exists: true, isSymlink: true), "symbolic link"),
                               (FileTargetInfo(path: Self.target, exists: true, isDirectory: true), "is a directory"),
                               (FileTargetInfo(path: Self.target, directoryMissing: true), "does not exist")] {
            var s = Fixtures.loadedState()
            _ = open(state: &s, target: info)
            XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("refused") }, "shown before Enter: \(reason)")
            let e = enterAndAnswer(&s, target: info)
            XCTAssertEqual(e, [], "refused: nothing written")
            XCTAssertEqual(s.export?.stage, .editing)
            XCTAssertTrue(s.export?.error?.contains(reason) == true, "\(String(describing: s.export?.error))")
            XCTAssertTrue(Fixtures.screen(s).joined().contains(reason))
            // `y` is text in the path field, never a yes.
            XCTAssertEqual(Fixtures.press(&s, .char("y")), [])
            XCTAssertEqual(s.export?.path.text, ".env.localy")
        }
    }

    func testExistingFileNeedsAnExplicitYesAndNGoesBack() {
        var s = Fixtures.loadedState()
        let exists = FileTargetInfo(path: Self.target, exists: true)
        _ = open(state: &s, target: exists)
        XCTAssertEqual(enterAndAnswer(&s, target: exists), [])
        XCTAssertEqual(s.export?.stage, .confirmOverwrite)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("exists. Replace it?") })
        XCTAssertEqual(Fixtures.press(&s, .char("x")), [], "other keys do nothing")
        XCTAssertEqual(Fixtures.press(&s, .char("n")), [])
        XCTAssertEqual(s.export?.stage, .editing)
        XCTAssertEqual(s.export?.path.text, ".env.local", "n is an answer, not text")
        XCTAssertEqual(enterAndAnswer(&s, target: exists), [])
        XCTAssertEqual(s.export?.stage, .confirmOverwrite)
        let w = Fixtures.press(&s, .char("y"))
        XCTAssertEqual(writeEffect(w)?.3, true, "overwrite only after the yes")
        // Changing the path forgets the yes.
        var t = Fixtures.loadedState()
        let both = FileTargetInfo(path: Self.target, exists: true, gitUnignored: true)
        _ = open(state: &t, target: both)
        _ = enterAndAnswer(&t, target: both)
        Fixtures.press(&t, .char("y"))                          // overwrite: yes → git question
        Fixtures.press(&t, .char("n"))                          // git: no → back to the path
        XCTAssertEqual(t.export?.overwriteConfirmed, true)
        Fixtures.type(&t, "2")
        XCTAssertEqual(t.export?.overwriteConfirmed, false)
    }

    func testGitUnignoredTargetNeedsAcknowledgement() {
        var s = Fixtures.loadedState()
        let tracked = FileTargetInfo(path: Self.target, gitUnignored: true)
        _ = open(state: &s, target: tracked)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("not git-ignored") })
        XCTAssertEqual(enterAndAnswer(&s, target: tracked), [])
        XCTAssertEqual(s.export?.stage, .acknowledgeGit)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains(".gitignore") })
        Fixtures.press(&s, .char("n"))
        XCTAssertEqual(s.export?.stage, .editing)
        _ = enterAndAnswer(&s, target: tracked)
        let w = Fixtures.press(&s, .char("y"))
        XCTAssertNotNil(writeEffect(w))
        XCTAssertEqual(writeEffect(w)?.3, false)
        // Existing *and* unignored: both questions, in order.
        var t = Fixtures.loadedState()
        let both = FileTargetInfo(path: Self.target, exists: true, gitUnignored: true)
        _ = open(state: &t, target: both)
        _ = enterAndAnswer(&t, target: both)
        XCTAssertEqual(t.export?.stage, .confirmOverwrite)
        XCTAssertEqual(Fixtures.press(&t, .char("y")), [])
        XCTAssertEqual(t.export?.stage, .acknowledgeGit)
        XCTAssertEqual(writeEffect(Fixtures.press(&t, .enter))?.3, true)
    }

    func prodState() -> AppState {
        var s = Fixtures.loadedState()
        Fixtures.answer(&s, Fixtures.press(&s, .tab, .tab, .char("3")))
        XCTAssertEqual(s.browse.environment?.slug, "prod")
        return s
    }

    func testProductionNeedsTheProjectNameTypedBack() {
        var s = prodState()
        _ = open(state: &s)
        XCTAssertEqual(s.export?.isProduction, true)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("production values") })
        XCTAssertEqual(enterAndAnswer(&s), [])
        XCTAssertEqual(s.export?.stage, .typeProjectName)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("type the project's name (opticworks-store)") })
        // A wrong name (here the slug of another project) refuses and clears the field.
        XCTAssertEqual(Fixtures.type(&s, "hardwareos"), [], "y/n are text here")
        XCTAssertEqual(Fixtures.press(&s, .enter), [])
        XCTAssertEqual(s.export?.stage, .typeProjectName)
        XCTAssertTrue(s.export?.error?.contains("not the project's name") == true)
        XCTAssertEqual(s.export?.nameInput.text, "")
        Fixtures.type(&s, "opticworks-stor")
        XCTAssertEqual(Fixtures.press(&s, .enter), [], "a prefix is not the name")
        Fixtures.send(&s, .input(.paste("opticworks-store")))
        let w = Fixtures.press(&s, .enter)
        XCTAssertEqual(writeEffect(w)?.0.environment, "prod")
    }

    func testProductionSingleValueAlsoNeedsTheName() {
        var s = prodState()
        _ = open(wholeView: false, state: &s, keys: ["APP_ENV"])
        _ = enterAndAnswer(&s, keys: ["APP_ENV"])
        XCTAssertEqual(s.export?.stage, .typeProjectName)
    }

    func testFormatCyclesOnTheFormatRowOnly() {
        var s = Fixtures.loadedState()
        _ = open(state: &s)
        XCTAssertEqual(s.export?.field, .path)
        Fixtures.press(&s, .right)                              // in the path field: cursor, not format
        XCTAssertEqual(s.export?.format, .dotenv)
        Fixtures.press(&s, .backTab)
        XCTAssertEqual(s.export?.field, .format)
        var seen: [ExportFormat] = []
        for _ in 0..<5 { Fixtures.press(&s, .right); seen.append(s.export?.format ?? .dotenv) }
        XCTAssertEqual(seen, [.dotenvExport, .json, .yaml, .csv, .dotenv])
        Fixtures.press(&s, .left)
        XCTAssertEqual(s.export?.format, .csv)
        Fixtures.press(&s, .char(" "), .char(" "))
        XCTAssertEqual(s.export?.format, .dotenvExport)
        Fixtures.press(&s, .left)
        XCTAssertEqual(s.export?.format, .dotenv)
        Fixtures.press(&s, .right, .right)
        XCTAssertEqual(s.export?.format, .json)
        XCTAssertEqual(s.export?.path.text, ".env.local", "format keys never type into the path")
        let w = enterAndAnswer(&s)
        XCTAssertEqual(writeEffect(w)?.2, .json)
    }

    func testRecursiveToggleReinspectsAndCollisionsAreShown() {
        var s = Fixtures.loadedState()
        _ = open(state: &s)
        Fixtures.press(&s, .tab)                                // path → recursive
        XCTAssertEqual(s.export?.field, .recursive)
        let e = Fixtures.press(&s, .char(" "))
        guard case .export(.inspect(let req, let raw))? = e.asked.first else { return XCTFail("\(e)") }
        XCTAssertTrue(req.recursive)
        XCTAssertFalse(e.contains { $0.readsSecretValue })
        let collision = "LOG_LEVEL exists in / and /stripe; exported the one in /"
        reply(&s, e.first, .success(ExportInspection(
            target: FileTargetInfo(path: Self.target), keys: ["APP_ENV", "LOG_LEVEL", "STRIPE_SECRET_KEY"], collisions: [collision])))
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Writes 3 secrets"))
        XCTAssertTrue(screen.contains("collision: LOG_LEVEL exists in / and /stripe"), screen)
        XCTAssertTrue(screen.contains("exported the one in /"))
        XCTAssertTrue(screen.contains("STRIPE_SECRET_KEY"))
        XCTAssertTrue(screen.contains("[x] include sub-folders"))
        // A stale answer (an older request's id) is dropped.
        _ = (req, raw)
        Fixtures.send(&s, .answered(RequestID(0), .export(.inspected(.success(ExportInspection(target: FileTargetInfo(path: "/x"), keys: []))))))
        XCTAssertEqual(s.export?.inspection?.keys.count, 3)
        let w = enterAndAnswer(&s, keys: ["APP_ENV"])
        XCTAssertEqual(writeEffect(w)?.0.recursive, true)
    }

    func testRecursiveDefaultFollowsTheView() {
        var s = Fixtures.loadedState()
        Fixtures.answer(&s, Fixtures.press(&s, .tab, .tab, .ctrl("r")))
        let e = Fixtures.press(&s, .char("Y"))
        guard case .export(.inspect(let req, _))? = e.asked.last else { return XCTFail() }
        XCTAssertTrue(req.recursive)
    }

    func testEscCancelsAtEveryStage() {
        let exists = FileTargetInfo(path: Self.target, exists: true)
        let git = FileTargetInfo(path: Self.target, gitUnignored: true)
        var stages: [(String, AppState)] = []
        var s = Fixtures.loadedState()
        _ = Fixtures.press(&s, .char("Y")); stages.append(("inspecting", s))
        s = Fixtures.loadedState(); _ = open(state: &s); stages.append(("editing", s))
        s = Fixtures.loadedState(); _ = open(state: &s, target: exists); _ = enterAndAnswer(&s, target: exists); stages.append(("overwrite", s))
        s = Fixtures.loadedState(); _ = open(state: &s, target: git); _ = enterAndAnswer(&s, target: git); stages.append(("git", s))
        s = prodState(); _ = open(state: &s); _ = enterAndAnswer(&s); Fixtures.type(&s, "opt"); stages.append(("name", s))
        s = Fixtures.loadedState(); _ = open(state: &s); _ = enterAndAnswer(&s); stages.append(("writing", s))
        for (name, var st) in stages {
            XCTAssertNotNil(st.export, name)
            XCTAssertEqual(Fixtures.press(&st, .escape), [], name)
            XCTAssertNil(st.export, "Esc closes the dialog at \(name)")
            XCTAssertFalse(st.requests.isInFlight(.exportInspect), name)
            // A write already on its way is not abandoned: its answer still reports the file.
            XCTAssertEqual(st.requests.isInFlight(.exportWrite), name == "writing", name)
        }
    }

    func testWriteFailureKeepsTheDialogOpenWithTheReason() {
        var s = Fixtures.loadedState()
        _ = open(state: &s)
        let w = enterAndAnswer(&s)
        reply(&s, w.first, written: .failure(InfisicalError(.io, "cannot write /x: No space left on device",
                                                                                    hint: "free some disk space and try again")))
        XCTAssertNotNil(s.export)
        XCTAssertEqual(s.export?.stage, .editing)
        XCTAssertEqual(s.export?.path.text, ".env.local", "nothing typed is lost")
        XCTAssertNil(s.status.notice)
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("No space left on device"), screen)
        // A 403 reads the same way, and Enter tries again.
        let again = enterAndAnswer(&s)
        reply(&s, again.first, written: .failure(InfisicalError(.permissionDenied, "you may not read secret values here", status: 403)))
        XCTAssertTrue(Fixtures.screen(s).joined().contains("you may not read secret values here"))
    }

    func testTypingThePathMarksTheCheckStaleAndPasteKeepsOneLine() {
        var s = Fixtures.loadedState()
        _ = open(state: &s)
        XCTAssertTrue(s.export?.inspectionIsCurrent == true)
        Fixtures.press(&s, .ctrl("u"))
        Fixtures.send(&s, .input(.paste("/tmp/a.env\nrm -rf /")))
        XCTAssertEqual(s.export?.path.text, "/tmp/a.env")
        XCTAssertFalse(s.export?.inspectionIsCurrent == true)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("Enter checks it") })
        let e = Fixtures.press(&s, .enter)
        guard case .export(.inspect(_, let target))? = e.asked.first else { return XCTFail() }
        XCTAssertEqual(target, "/tmp/a.env")
    }

    func testEmptyViewAndEmptyPathAreNotWritten() {
        var s = Fixtures.loadedState()
        _ = open(state: &s, keys: [])
        XCTAssertEqual(enterAndAnswer(&s, keys: []), [])
        XCTAssertTrue(s.export?.error?.contains("nothing to write") == true)
        Fixtures.press(&s, .ctrl("u"))
        XCTAssertEqual(enterAndAnswer(&s), [])
        XCTAssertTrue(s.export?.error?.contains("type a file path") == true)
    }

    func testNoProjectOpenReportsInsteadOfOpening() {
        var s = AppState(StartupOptions(width: 80, height: 24))
        Fixtures.press(&s, .char("Y"))
        XCTAssertNil(s.export)
        XCTAssertNotNil(s.status.lastError)
    }

    func testDialogFitsEightyByTwentyFourWithoutValues() {
        var s = Fixtures.loadedState()
        let many = (1...40).map { "KEY_NUMBER_\($0)" }
        let both = FileTargetInfo(path: "/home/dev/a/very/long/path/to/some/project/checkout/.env.local", exists: true, gitUnignored: true)
        _ = open(state: &s, target: both, keys: many, collisions: ["A exists in / and /x; exported the one in /",
                                                                      "B exists in / and /y; exported the one in /",
                                                                      "C exists in / and /z; exported the one in /"])
        let grid = render(s, width: 80, height: 24, theme: .builtinDefault)
        let lines = Fixtures.screen(s)
        XCTAssertEqual(lines.count, 24)
        XCTAssertTrue(lines.contains { $0.contains("Writes 40 secrets") })
        XCTAssertTrue(lines.contains { $0.contains("more") })
        XCTAssertTrue(lines.contains { $0.contains("Format") && $0.contains("dotenv-export") && $0.contains("csv") })
        XCTAssertTrue(lines.contains { $0.contains("Enter check & write") }, lines.joined(separator: "\n"))
        guard let top = grid.row(containing: "Copy the view to a file"), let bottom = (top + 1..<24).first(where: { grid.line($0).contains("└") }) else {
            return XCTFail(lines.joined(separator: "\n"))
        }
        XCTAssertLessThan(bottom, 23, "the status line stays visible")
        for y in 0..<24 { for x in 0..<80 { XCTAssertFalse(grid[x, y].text.unicodeScalars.contains { $0.value < 0x20 }) } }
        // The state holds no values at all: only keys and paths.
        XCTAssertFalse(String(describing: s.export).contains(Secret.hiddenPlaceholder))
        // Every stage renders at 80×24 too.
        _ = enterAndAnswer(&s, target: both, keys: many)
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("exists. Replace it?") }, Fixtures.screen(s).joined(separator: "\n"))
        Fixtures.press(&s, .char("y"))
        XCTAssertTrue(Fixtures.screen(s).contains { $0.contains("Write anyway?") })
    }

    func testHelpTextsAreShortAndModalKeysDoNotLeak() {
        for b in KeyBindings.table where b.context == .export { XCTAssertLessThanOrEqual(b.help.count, 26, b.help) }
        var s = Fixtures.loadedState()
        _ = open(state: &s)
        // q, r, t, a are typed into the path, never run as browse commands.
        XCTAssertEqual(Fixtures.type(&s, "qrta"), [])
        XCTAssertFalse(s.quitting)
        XCTAssertEqual(s.export?.path.text, ".env.localqrta")
    }
}

extension ExportFlowTests {
    func testTypingWhileTheFirstCheckRunsIsKeptAndEnterSupersedesIt() {
        var s = Fixtures.loadedState()
        let e = Fixtures.press(&s, .char("Y"))
        guard case .export(.inspect)? = e.asked.last else { return XCTFail() }
        Fixtures.type(&s, ".2")
        XCTAssertEqual(s.export?.path.text, ".env.local.2", "typing is not lost while checking")
        let enter = Fixtures.press(&s, .enter)
        guard case .export(.inspect(_, let target))? = enter.asked.first else { return XCTFail("\(enter)") }
        XCTAssertEqual(target, ".env.local.2")
        // The first (look-only) answer arrives late: ignored.
        XCTAssertEqual(reply(&s, e.last, .success(ExportInspection(target: FileTargetInfo(path: "/a"), keys: ["A"]))), [])
        XCTAssertEqual(s.export?.stage, .inspecting(thenWrite: true))
        // While waiting to write, keys other than Esc do nothing.
        XCTAssertEqual(Fixtures.type(&s, "zz"), [])
        XCTAssertEqual(s.export?.path.text, ".env.local.2")
        let w = reply(&s, enter.first, .success(ExportInspection(target: FileTargetInfo(path: "/w/.env.local.2"), keys: ["A"])))
        XCTAssertEqual(writeEffect(w)?.1, "/w/.env.local.2")
    }
}

extension ExportFlowTests {
    func testALateAnswerToAClosedDialogIsNotTakenForTheNewOne() {
        var s = Fixtures.loadedState()
        let old = Fixtures.press(&s, .char("Y"))
        Fixtures.press(&s, .escape)
        let new = Fixtures.press(&s, .char("y"))                 // a new dialog; the old one's answer must not land in it
        XCTAssertEqual(s.export?.key, s.browse.selectedSecret?.key)
        reply(&s, old.last, .success(ExportInspection(target: FileTargetInfo(path: "/elsewhere"), keys: ["A", "B", "C"])))
        XCTAssertNil(s.export?.inspection, "the old dialog's answer is dropped")
        XCTAssertEqual(s.export?.stage, .inspecting(thenWrite: false))
        reply(&s, new.last, .success(ExportInspection(target: FileTargetInfo(path: Self.target), keys: ["APP_ENV"])))
        XCTAssertEqual(s.export?.inspection?.keys, ["APP_ENV"])
        // A write that finishes after its dialog was closed still reports what it wrote.
        _ = Fixtures.press(&s, .escape)
        var t = Fixtures.loadedState()
        _ = open(state: &t)
        let w = enterAndAnswer(&t)
        Fixtures.press(&t, .escape)
        XCTAssertNil(t.export)
        reply(&t, w.first, written: .success(ExportWritten(path: Self.target, count: 2)))
        XCTAssertEqual(t.status.notice, "wrote 2 secrets to \(Self.target) (0600)")
    }
}
