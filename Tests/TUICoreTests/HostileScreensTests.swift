import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import TUICore

/// Issue 13 item 9, the dashboard's half: the hostile corpus (the same payloads the CLI's tmux test
/// uses) in every piece of server text the dashboard shows — project, folder and key names,
/// comments, tags, values, errors, audit actors, paths, agents, metadata, dialog fields — through
/// every screen and overlay at 80×24 and 200×50. The grid is all the terminal shell ever writes,
/// so a cell holding a control character, ESC or an invisible/bidi scalar would reach the terminal.
final class HostileScreensTests: XCTestCase {
    static let t0 = Fixtures.t0

    /// Every screen the dashboard can show, with `p` in every server-chosen text.
    static func screens(_ p: String, width w: Int, height h: Int) -> [(String, AppState)] {
        var out: [(String, AppState)] = []
        let envs = [Environment(id: "e1", name: "Dev" + p, slug: "dev"), Environment(id: "e2", name: "Prod", slug: "prod")]
        let project = Project(id: "p-evil", name: "evil" + p, slug: "evil", environments: envs)
        var s = AppState(StartupOptions(serverLabel: "srv" + p, identityName: "me" + p, width: w, height: h))
        var e = Fixtures.send(&s, .started(now: t0))
        e = Fixtures.send(&s, .answered(Fixtures.id(e) { $0 == .projects }!, .projects(.success([project]))))
        var secret = Fixtures.secret("K" + p, comment: "c" + p, tags: ["t" + p])
        secret.secretPath = "/"
        secret.secretReminderRepeatDays = 1   // overdue: the rotation badge and detail line show beside the key
        for (id, r) in Fixtures.requests(e) {
            switch r {
            case .folders: Fixtures.send(&s, .answered(id, .folders(.success([Folder(id: "f", name: "dir" + p)]))))
            case .secrets: Fixtures.send(&s, .answered(id, .secrets(.success(SecretList(secrets: [secret])), now: t0)))
            case .role: Fixtures.send(&s, .answered(id, .role(.success(ProjectRole(slug: "role" + p)))))
            default: break
            }
        }
        out.append(("browse", s))

        // The folder tree: the hostile folder expanded (a name that cannot be a path is refused
        // with its name in the error), its hostile child opened, so the name is in the rows, the
        // title's path and the counts.
        var tree = s
        Fixtures.press(&tree, .tab, .down, .right)
        let dir = FolderPath.join("/", "dir" + p)
        Fixtures.reply(&tree, .folders(path: dir), .folders(.success([Folder(id: "g", name: "sub" + p), Folder(id: "h", name: p)])))
        out.append(("tree", tree))
        let sub = tree.browse.folderRows.firstIndex { $0.path == FolderPath.join(dir, "sub" + p) } ?? 0
        for _ in 0..<max(0, sub - tree.browse.folderCursor.selected) { Fixtures.press(&tree, .down) }
        Fixtures.press(&tree, .enter)
        var nested = Fixtures.secret("N" + p)
        nested.secretPath = FolderPath.join(dir, "sub" + p)
        Fixtures.reply(&tree, .secrets, .secrets(.success(SecretList(secrets: [nested])), now: t0))
        Fixtures.reply(&tree, .folders(path: FolderPath.join(dir, "sub" + p)), .folders(.failure(InfisicalError(.io, "f" + p))))
        out.append(("tree-open", tree))
        Fixtures.press(&s, .tab, .tab, .char("r"))
        Fixtures.reply(&s, .reveal, .revealed(.success(RevealedValue(raw: "v" + p, expanded: "x" + p)), now: t0))
        out.append(("revealed", s))
        Fixtures.press(&s, .tab)
        out.append(("detail", s))
        var err = s
        Fixtures.send(&err, .failed(InfisicalError(.io, "m" + p, hint: "h" + p)))
        out.append(("error", err))
        var help = s
        Fixtures.press(&help, .char("?"))
        out.append(("help", help))

        // Copy-to-file: keys, collisions, a refusal and the typed path all carry the payload.
        var x = s
        Fixtures.press(&x, .backTab, .char("Y"))
        Fixtures.reply(&x, .exportInspect, .export(.inspected(.success(ExportInspection(
            target: FileTargetInfo(path: "/w/" + p, exists: true, gitUnignored: true), keys: ["K" + p], collisions: ["k" + p])))))
        Fixtures.send(&x, .input(.paste("path" + p)))
        out.append(("export", x))
        Fixtures.press(&x, .enter)
        Fixtures.reply(&x, .exportInspect, .export(.inspected(.success(ExportInspection(
            target: FileTargetInfo(path: "/w/" + p, exists: true), keys: ["K" + p])))))
        out.append(("export-overwrite", x))
        Fixtures.press(&x, .char("y"))
        Fixtures.reply(&x, .exportWrite, .export(.written(.failure(InfisicalError(.io, "w" + p, hint: p)))))
        out.append(("export-failed", x))

        // The editor: the loaded value and comment, the preview, the conflict screen.
        var ed = s
        Fixtures.press(&ed, .backTab, .char("e"))
        Fixtures.reply(&ed, .editLoad, .edit(.valueLoaded(.success(EditBase(value: "v" + p, comment: "c" + p, version: 1)))))
        out.append(("editor", ed))
        Fixtures.send(&ed, .input(.paste("more" + p)))
        Fixtures.press(&ed, .ctrl("s"))
        out.append(("editor-preview", ed))
        Fixtures.press(&ed, .char("r"))
        out.append(("editor-preview-revealed", ed))
        Fixtures.press(&ed, .char("y"))
        Fixtures.reply(&ed, .editSave, .edit(.saved(.success(.conflict(EditConflict(serverVersion: 2, yourVersion: 1, by: "who" + p, at: t0))))))
        out.append(("editor-conflict", ed))

        // The audit screen: every column and the metadata view.
        var a = s
        Fixtures.press(&a, .backTab, .char("a"))
        let meta: JSONValue = .object(["environment": .string("env" + p), "secretPath": .string("/d" + p), "secretKey": .string("K" + p),
                                       "note" + p: .string("n" + p)])
        let entry = AuditLogEntry(id: "e1", ipAddress: "ip" + p, userAgent: "ua" + p, userAgentType: "t" + p,
                                  createdAt: "2025-11-23T23:00:00.000Z", projectId: "p-evil", projectName: "evil" + p,
                                  event: .init(type: "get-secret" + p, metadata: meta),
                                  actor: .init(type: "user", metadata: .object(["userId": .string("u" + p), "email": .string("e" + p)])))
        Fixtures.reply(&a, .auditPage, .audit(.page(.success([entry]))))
        out.append(("audit", a))
        var detail = a
        Fixtures.press(&detail, .enter)
        out.append(("audit-detail", detail))
        var filters = a
        Fixtures.press(&filters, .char("/"))
        Fixtures.send(&filters, .input(.paste("f" + p)))
        out.append(("audit-filters", filters))
        var export = a
        Fixtures.press(&export, .char("y"))
        Fixtures.send(&export, .input(.paste(p)))
        out.append(("audit-export", export))
        // `e`: the exposure report of the row's actor, with hostile keys, paths and environments.
        var exposure = a
        Fixtures.press(&exposure, .char("e"))
        let read = AuditLogEntry(id: "r1", createdAt: "2025-11-23T22:00:00.000Z", projectId: "p-evil", projectName: "evil" + p,
                                 event: .init(type: "get-secret", metadata: meta), actor: entry.actor)
        let listed = AuditLogEntry(id: "r2", createdAt: "2025-11-23T21:00:00.000Z" + p, projectId: "p-evil",
                                   event: .init(type: "get-secrets", metadata: .object(["environment": .string("env" + p),
                                                                                        "secretPath": .string("/d" + p),
                                                                                        "numberOfSecrets": .number(3)])),
                                   actor: entry.actor)
        Fixtures.reply(&exposure, .auditExposure, .audit(.exposure(.success([read, listed]))))
        out.append(("audit-exposure", exposure))

        // The overview: hostile keys and folders in the rows, the detail line and the title.
        var o = s
        Fixtures.press(&o, .backTab, .char("o"))
        let loc = EnvironmentComparison.Location(path: "/dir" + p, key: "K" + p)
        Fixtures.reply(&o, .overview, .overview(.success([
            EnvironmentComparison.Column(environment: "dev", isProduction: false, entries: [loc: .init(digest: "a")]),
            EnvironmentComparison.Column(environment: "prod", isProduction: true, entries: [loc: .init(digest: "a")]),
        ])))
        out.append(("overview", o))
        return out
    }

    func testNoServerTextReachesTheTerminalFromAnyScreen() {
        var screensChecked = 0
        for (i, p) in HostileCorpus.payloads.enumerated() {
            for (w, h) in [(80, 24), (200, 50)] {
                for (name, state) in Self.screens(p, width: w, height: h) {
                    let grid = render(state, width: w, height: h, theme: .builtinDefault)
                    screensChecked += 1
                    for y in 0..<h {
                        for x in 0..<w {
                            let bad = grid[x, y].text.unicodeScalars.first { UntrustedText.isUnsafe($0) }
                            if let bad {
                                XCTFail("payload #\(i) on \(name) at \(w)x\(h): U+\(String(bad.value, radix: 16)) in cell (\(x),\(y))")
                                return
                            }
                        }
                    }
                    // The attack markers may be shown as text, but never as an escape sequence.
                    XCTAssertFalse(grid.text.contains("\u{1b}"), "\(name) payload #\(i)")
                }
            }
        }
        XCTAssertEqual(screensChecked, HostileCorpus.payloads.count * 2 * 20)
    }

    /// The drivers really reach their screens (else the corpus test would check the wrong thing):
    /// with a harmless marker, each screen is in its expected mode and shows the marker.
    func testEveryDriverReachesItsScreen() {
        let screens = Self.screens("ZQZ", width: 80, height: 24)
        XCTAssertEqual(screens.count, 20)
        let expected: [String: (AppState) -> Bool] = [
            "browse": { $0.overlay == nil && $0.screen == .browse },
            "tree": { $0.browse.folderRows.map(\.path) == ["/", "/dirZQZ", "/dirZQZ/ZQZ", "/dirZQZ/subZQZ", ] },
            "tree-open": { $0.browse.path == "/dirZQZ/subZQZ" && $0.browse.folderTree.count(of: "/dirZQZ/subZQZ") == 1
                && $0.browse.foldersFailure == "fZQZ" },
            "revealed": { $0.browse.revealed?.value == "vZQZ" },
            "detail": { $0.browse.focus == .detail },
            "error": { $0.status.lastError?.message == "mZQZ" },
            "help": { $0.overlay == .help(scroll: 0) },
            "export": { $0.export?.path.text.hasSuffix("pathZQZ") == true },
            "export-overwrite": { $0.export?.stage == .confirmOverwrite },
            "export-failed": { $0.export?.error?.hasPrefix("wZQZ") == true },
            "editor": { $0.editor?.stage == .editing },
            "editor-preview": { $0.editor?.stage == .preview(revealed: false) },
            "editor-preview-revealed": { $0.editor?.stage == .preview(revealed: true) },
            "editor-conflict": { if case .conflict? = $0.editor?.stage { return true }; return false },
            "audit": { $0.screen == .audit && $0.audit.rows.count == 1 },
            "audit-detail": { $0.audit.detailIndex == 0 },
            "audit-filters": { if case .auditFilters? = $0.overlay { return true }; return false },
            "audit-export": { if case .auditExport? = $0.overlay { return true }; return false },
            "audit-exposure": { $0.audit.exposure?.report?.secrets.count == 1 && $0.audit.exposure?.report?.folders.count == 1 },
            "overview": { if case .overview(let o)? = $0.overlay { return o.rows?.count == 1 }; return false },
        ]
        for (name, state) in screens {
            XCTAssertTrue(expected[name]?(state) == true, "\(name) is not the screen it claims")
            XCTAssertTrue(render(state, width: 80, height: 24, theme: .builtinDefault).text.contains("ZQZ"), name)
        }
    }

    /// The check can fail: a grid holding a raw ESC would be caught by the same predicate.
    func testTheCheckSeesARawEscape() {
        XCTAssertTrue("\u{1b}]0;x\u{07}".unicodeScalars.contains { UntrustedText.isUnsafe($0) })
        XCTAssertTrue("A\u{200D}B".unicodeScalars.contains { UntrustedText.isUnsafe($0) })
    }
}
