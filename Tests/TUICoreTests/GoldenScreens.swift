import Foundation
import InfisicalModels
@testable import TUICore

/// How each golden screen is reached: one small driver per screen, built ONLY by sending actions
/// to the public reducer (keys, and the result actions the effect runner would send back) — never
/// by assigning `AppState` fields — so the golden files stay valid when the state is regrouped;
/// a refactor re-points these functions, not the files. The clock is `Fixtures.t0` throughout, so
/// ages and audit times are stable.
enum GoldenScreens {
    typealias F = Fixtures

    struct Screen: Sendable {
        var name: String
        /// Text the screen must show at every size, checked before comparing AND before recording,
        /// so a driver that stops reaching its state (e.g. after a refactor) cannot be re-recorded
        /// into a golden of the wrong screen.
        var shows: String
        /// The sizes it is recorded at (both standard sizes unless the screen is about size).
        var sizes: [(width: Int, height: Int)]
        var drive: @Sendable (_ width: Int, _ height: Int) -> AppState
    }

    static let standardSizes = [(width: 80, height: 24), (width: 200, height: 50)]

    static func screen(_ name: String, shows: String, sizes: [(width: Int, height: Int)] = standardSizes,
                       _ drive: @escaping @Sendable (Int, Int) -> AppState) -> Screen {
        Screen(name: name, shows: shows, sizes: sizes, drive: drive)
    }

    /// Every golden screen; the test class has one test per entry, and a check that no golden
    /// file is left over without an entry.
    static let all: [Screen] = [
        screen("browse-start", shows: "Secrets · dev · / ", browseStart),
        screen("browse-stripe-revealed", shows: "Value    sk_test_golden_51Hc0pt1cW0rks", browseStripeRevealed),
        screen("browse-filter-typing", shows: "/se▏", browseFilterTyping),
        screen("browse-recursive-filter", shows: "/secret▏ 3/6 recursive", browseRecursiveFilter),
        screen("browse-prod-reveal-confirm", shows: "Reveal APP_ENV in prod (production)?", browseProdRevealConfirm),
        screen("browse-error-status", shows: "✗ Permission denied reading /stripe", browseErrorOnStatusLine),
        screen("browse-notice-status", shows: "✓ wrote 4 secrets", browseNoticeOnStatusLine),
        screen("browse-load-failed", shows: "✗ not loaded:", browseLoadFailed),
        screen("browse-plain-http", shows: "⚠ plain http: credentials unencrypted", browsePlainHttp),
        screen("browse-folder-tree", shows: "└─▸ ci/", browseFolderTree),
        screen("browse-person-organization", shows: "OpticWorks", browsePersonOrganization),
        screen("help-browse", shows: "copy the view to a file", helpOnBrowse),
        screen("help-audit", shows: "custom time range", helpOnAudit),
        screen("export-editing", shows: "Enter check & write", exportEditingWithKeys),
        screen("export-recursive-collisions", shows: "collision: LOG_LEVEL", exportRecursiveWithCollisions),
        screen("export-confirm-overwrite", shows: "Replace it?", exportConfirmOverwrite),
        screen("export-git-not-ignored", shows: "Not git-ignored", exportGitNotIgnored),
        screen("export-prod-type-name", shows: "type the project's name", exportProductionTypeProjectName),
        screen("export-refused-symlink", shows: "is a symbolic link", exportRefusedSymlink),
        screen("editor-edit-value", shows: "production-eu", editorEditValue),
        screen("editor-preview-masked", shows: "Value old   ••••••••", editorPreviewMasked),
        screen("editor-preview-revealed", shows: "new   staging", editorPreviewRevealed),
        screen("editor-conflict", shows: "changed on the server", editorConflict),
        screen("editor-delete-confirm", shows: "Type the key to confirm", editorDeleteConfirm),
        screen("editor-new-secret", shows: "not UPPER_SNAKE_CASE", editorNewSecret),
        screen("editor-rename", shows: "LOGGING_LEVEL", editorRename),
        screen("editor-discard-confirm", shows: "Discard your changes?", editorDiscardConfirm),
        screen("audit-events", shows: "3/60 loaded", auditEvents),
        screen("audit-filter-form", shows: "Actor   demo-dev", auditFilterForm),
        screen("audit-custom-range", shows: "From    2025-11-20 10:00", auditCustomRange),
        screen("audit-event-detail", shows: "Event id  ev0", auditEventDetail),
        screen("audit-export-dialog", shows: "Export audit events", auditExportDialog),
        screen("audit-follow", shows: "following (2 new)", auditFollow),
        screen("overview", shows: "dev 5", overview),
        screen("overview-flagged", shows: "same value in production and dev", overviewFlagged),
        screen("overview-sync-preview", shows: "Copy 1 key (values are not shown)", overviewSyncPreview),
        screen("overview-new-value", shows: "Writes it in dev, staging (never production)", overviewNewValue),
        screen("browse-rotation", shows: "overdue by 30 days", browseRotation),
        screen("browse-overdue-only", shows: "overdue only 2/4", browseOverdueOnly),
        screen("audit-exposure", shows: "1 listed with values", auditExposure),
        screen("history", shows: "v3 (now)", history),
        screen("history-rollback-preview", shows: "Roll back APP_ENV in staging", historyRollbackPreview),
        screen("history-refused", shows: "version history needs a person login", historyRefused),
        screen("too-small", shows: "terminal too small", sizes: [(width: 60, height: 20)], tooSmall),
    ]

    // MARK: browse

    static func browseStart(_ w: Int, _ h: Int) -> AppState { F.loadedState(width: w, height: h) }

    /// Folders pane → last folder (stripe) → open → secrets pane → reveal the first secret.
    static func browseStripeRevealed(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.press(&s, .tab, .char("G"))
        F.answer(&s, F.press(&s, .enter))
        F.press(&s, .tab)
        reveal(&s, F.press(&s, .char("r")), value: "sk_test_golden_51Hc0pt1cW0rks")
        return s
    }

    /// The folder tree two levels down: /stripe visited (its count stays), /internal expanded with
    /// →, /internal/tools opened with Enter (the open folder marked, its own sub-folder listed).
    static func browseFolderTree(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.press(&s, .tab, .char("G"))
        F.answer(&s, F.press(&s, .enter))                          // /stripe: 2 secrets
        F.press(&s, .char("g"), .down, .down, .down)               // internal
        F.answer(&s, F.press(&s, .right))
        F.press(&s, .down, .down)                                  // tools
        F.answer(&s, F.press(&s, .enter))
        return s
    }

    static func browseFilterTyping(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.press(&s, .tab, .tab, .char("/"))
        F.type(&s, "se")
        return s
    }

    /// ^R while filtering: the whole tree's keys, sub-folder rows with their relative path.
    static func browseRecursiveFilter(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.press(&s, .tab, .tab, .char("/"))
        F.type(&s, "secret")
        F.answer(&s, F.press(&s, .ctrl("r")))
        return s
    }

    static func browseProdRevealConfirm(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.answer(&s, F.press(&s, .char("3")))
        F.press(&s, .tab, .tab, .char("r"))
        return s
    }

    static func browseErrorOnStatusLine(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.send(&s, .failed(InfisicalError(.permissionDenied, "Permission denied reading /stripe in prod",
                                          hint: "your role (viewer) cannot read production values", status: 403)))
        return s
    }

    /// staging could not be listed: the panes say so instead of "no secrets here".
    static func browseLoadFailed(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        let e = F.press(&s, .char("2"))
        for (id, r) in F.requests(e) {
            switch r {
            case .secrets:
                F.send(&s, .answered(id, .secrets(.failure(InfisicalError(.permissionDenied, "your role cannot list secrets in staging",
                                                                           hint: "ask an admin for access", status: 403)), now: F.t0)))
            case .folders:
                F.send(&s, .answered(id, .folders(.failure(InfisicalError(.permissionDenied, "no access to staging", status: 403)))))
            default: break
            }
        }
        return s
    }

    /// Credentials over plain http to a remote host: said on the status line for the whole session.
    static func browsePlainHttp(_ w: Int, _ h: Int) -> AppState {
        var s = AppState(StartupOptions(serverLabel: "infisical.example.com", identityName: "demo-developer",
                                        width: w, height: h, insecureTransport: true))
        F.answer(&s, F.send(&s, .started(now: F.t0)))
        return s
    }

    /// A person's session: the organization's name (answered after start) beside the project.
    static func browsePersonOrganization(_ w: Int, _ h: Int) -> AppState {
        var options = StartupOptions(serverLabel: "127.0.0.1:8080", identityName: "signed in as maya.chen@optic.works",
                                     width: w, height: h)
        options.asksOrganization = true
        var s = AppState(options)
        F.answer(&s, F.send(&s, .started(now: F.t0)))
        F.reply(&s, .organization, .organization(.success("OpticWorks")))
        return s
    }

    /// A write of the whole view finished: the notice on the status line.
    static func browseNoticeOnStatusLine(_ w: Int, _ h: Int) -> AppState {
        var s = exportOpen(w, h, keys: rootKeys)
        let write = enterAndInspect(&s, FileTargetInfo(path: exportTarget), keys: rootKeys)
        answerWrite(&s, write, ExportWritten(path: exportTarget, count: rootKeys.count))
        return s
    }

    static func helpOnBrowse(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.press(&s, .char("?"))
        return s
    }

    static func helpOnAudit(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        F.press(&s, .char("?"))
        return s
    }

    /// Answers a reveal effect the way the runner does.
    static func reveal(_ s: inout AppState, _ effects: [Effect], value: String) {
        for case .request(let id, .reveal) in effects {
            F.send(&s, .answered(id, .revealed(.success(RevealedValue(raw: value)), now: F.t0)))
        }
    }

    // MARK: copy to file

    static let exportTarget = "/home/dev/shop/.env.local"
    static let rootKeys = ["APP_ENV", "LOG_LEVEL", "NEXT_PUBLIC_SITE_URL", "SESSION_SECRET"]

    /// `Y` (the whole view) on the loaded dev root, first inspection answered.
    static func exportOpen(_ w: Int, _ h: Int, production: Bool = false, target: FileTargetInfo = FileTargetInfo(path: exportTarget),
                           keys: [String] = rootKeys) -> AppState {
        var s = F.loadedState(width: w, height: h)
        if production { F.answer(&s, F.press(&s, .char("3"))) }
        F.press(&s, .tab, .tab)
        answerInspect(&s, F.press(&s, .char("Y")), ExportInspection(target: target, keys: keys))
        return s
    }

    /// Enter (check and write) and the re-inspection's answer; returns the effects after it.
    @discardableResult
    static func enterAndInspect(_ s: inout AppState, _ target: FileTargetInfo, keys: [String] = rootKeys) -> [Effect] {
        answerInspect(&s, F.press(&s, .enter), ExportInspection(target: target, keys: keys))
    }

    @discardableResult
    static func answerInspect(_ s: inout AppState, _ effects: [Effect], _ inspection: ExportInspection) -> [Effect] {
        var out: [Effect] = []
        for case .request(let id, .export(.inspect)) in effects {
            out += F.send(&s, .answered(id, .export(.inspected(.success(inspection)))))
        }
        return out
    }

    /// Answers a write effect the way the runner does.
    static func answerWrite(_ s: inout AppState, _ effects: [Effect], _ written: ExportWritten) {
        for case .request(let id, .export(.write)) in effects {
            F.send(&s, .answered(id, .export(.written(.success(written)))))
        }
    }

    static func exportEditingWithKeys(_ w: Int, _ h: Int) -> AppState { exportOpen(w, h) }

    /// The sub-folders toggle on: more keys, and a collision reported.
    static func exportRecursiveWithCollisions(_ w: Int, _ h: Int) -> AppState {
        var s = exportOpen(w, h)
        F.press(&s, .tab)                                       // path → include sub-folders
        answerInspect(&s, F.press(&s, .char(" ")), ExportInspection(
            target: FileTargetInfo(path: exportTarget),
            keys: rootKeys + ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"],
            collisions: ["LOG_LEVEL exists in / and /stripe; exported the one in /"]))
        return s
    }

    static func exportConfirmOverwrite(_ w: Int, _ h: Int) -> AppState {
        let existing = FileTargetInfo(path: exportTarget, exists: true)
        var s = exportOpen(w, h, target: existing)
        enterAndInspect(&s, existing)
        return s
    }

    static func exportGitNotIgnored(_ w: Int, _ h: Int) -> AppState {
        let tracked = FileTargetInfo(path: exportTarget, gitUnignored: true)
        var s = exportOpen(w, h, target: tracked)
        enterAndInspect(&s, tracked)
        return s
    }

    /// Production: the project's name must be typed back; here half of it is typed.
    static func exportProductionTypeProjectName(_ w: Int, _ h: Int) -> AppState {
        var s = exportOpen(w, h, production: true)
        enterAndInspect(&s, FileTargetInfo(path: exportTarget))
        F.type(&s, "opticworks")
        return s
    }

    /// The target is a symbolic link: refused, with the reason, after Enter.
    static func exportRefusedSymlink(_ w: Int, _ h: Int) -> AppState {
        let link = FileTargetInfo(path: exportTarget, exists: true, isSymlink: true)
        var s = exportOpen(w, h, target: link)
        enterAndInspect(&s, link)
        return s
    }

    // MARK: editor

    /// Secrets pane focused, `down` rows below the first (APP_ENV, LOG_LEVEL, NEXT_PUBLIC_SITE_URL,
    /// SESSION_SECRET in table order).
    static func secretsPane(_ w: Int, _ h: Int, down: Int = 0) -> AppState {
        var s = F.loadedState(width: w, height: h)
        F.press(&s, .tab, .tab)
        for _ in 0..<down { F.press(&s, .down) }
        return s
    }

    /// `e` on APP_ENV and the value load answered.
    static func editorOpen(_ w: Int, _ h: Int) -> AppState {
        var s = secretsPane(w, h)
        for case .request(let id, .edit(.loadValue)) in F.press(&s, .char("e")) {
            F.send(&s, .answered(id, .edit(.valueLoaded(.success(EditBase(value: "production",
                                                                          comment: "which environment the app thinks it is",
                                                                          version: 2))))))
        }
        return s
    }

    static func editorEditValue(_ w: Int, _ h: Int) -> AppState {
        var s = editorOpen(w, h)
        F.type(&s, "-eu")
        return s
    }

    /// A new value and comment, then ^S: the masked preview.
    static func editorPreviewMasked(_ w: Int, _ h: Int) -> AppState {
        var s = editorOpen(w, h)
        F.press(&s, .ctrl("u"))
        F.type(&s, "staging")
        F.press(&s, .tab, .ctrl("u"))
        F.type(&s, "which stage the app runs as")
        F.press(&s, .ctrl("s"))
        return s
    }

    static func editorPreviewRevealed(_ w: Int, _ h: Int) -> AppState {
        var s = editorPreviewMasked(w, h)
        F.press(&s, .char("r"))
        return s
    }

    /// Saved against v2 while the server moved to v3.
    static func editorConflict(_ w: Int, _ h: Int) -> AppState {
        var s = editorOpen(w, h)
        F.type(&s, "-mine")
        F.press(&s, .ctrl("s"))
        for case .request(let id, .edit(.save)) in F.press(&s, .char("y")) {
            let conflict = EditConflict(serverVersion: 3, yourVersion: 2, by: "demo-admin", at: F.t0.addingTimeInterval(-300))
            F.answer(&s, F.send(&s, .answered(id, .edit(.saved(.success(.conflict(conflict)))))))
        }
        return s
    }

    /// `d` on SESSION_SECRET with part of the key typed.
    static func editorDeleteConfirm(_ w: Int, _ h: Int) -> AppState {
        var s = secretsPane(w, h, down: 3)
        F.press(&s, .char("d"))
        F.type(&s, "SESSION_")
        return s
    }

    /// `n`, a key that breaks the naming rule (a warning, not a block), a value and a comment.
    static func editorNewSecret(_ w: Int, _ h: Int) -> AppState {
        var s = secretsPane(w, h)
        F.press(&s, .char("n"))
        F.type(&s, "stripe-key")
        F.press(&s, .tab)
        F.type(&s, "sk_test_new")
        F.press(&s, .tab)
        F.type(&s, "test key")
        return s
    }

    /// F2 on LOG_LEVEL, the new name typed.
    static func editorRename(_ w: Int, _ h: Int) -> AppState {
        var s = secretsPane(w, h, down: 1)
        F.press(&s, .function(2), .ctrl("u"))
        F.type(&s, "LOGGING_LEVEL")
        return s
    }

    static func editorDiscardConfirm(_ w: Int, _ h: Int) -> AppState {
        var s = editorOpen(w, h)
        F.type(&s, "z")
        F.press(&s, .escape)
        return s
    }

    // MARK: audit

    static func isoUTC(_ d: Date) -> String {
        AuditTime.formatLocal(d, utcOffset: 0).replacingOccurrences(of: " ", with: "T") + ".000Z"
    }

    static func auditEntry(_ id: String, minutesAgo: Double, actor: String = "demo-developer", actorId: String = "id-dev",
                           type: String = "get-secret", env: String = "prod", path: String = "/stripe",
                           key: String? = "STRIPE_SECRET_KEY", source: String = "cli",
                           extra: [String: JSONValue] = [:]) -> AuditLogEntry {
        var meta: [String: JSONValue] = ["environment": .string(env), "secretPath": .string(path)]
        if let key { meta["secretKey"] = .string(key) }
        for (k, v) in extra { meta[k] = v }
        return AuditLogEntry(id: id, ipAddress: "203.0.113.7", userAgent: source, userAgentType: source,
                             createdAt: isoUTC(F.t0.addingTimeInterval(-minutesAgo * 60)), projectId: "p-store",
                             projectName: "opticworks-store", event: .init(type: type, metadata: .object(meta)),
                             actor: .init(type: "identity", metadata: .object(["identityId": .string(actorId), "name": .string(actor)])))
    }

    /// 60 varied events, newest first (more than a 200×50 screen shows).
    static let auditPage: [AuditLogEntry] = (0..<60).map { i in
        let actors = [("demo-developer", "id-dev"), ("demo-admin", "id-admin"), ("demo-viewer", "id-viewer")]
        let kinds = ["get-secret", "update-secret", "get-secrets", "create-secret", "delete-secret"]
        let places: [(String, String, String?)] = [("prod", "/stripe", "STRIPE_SECRET_KEY"), ("dev", "/", "APP_ENV"),
                                                   ("staging", "/database", "DATABASE_URL"), ("dev", "/", nil)]
        let sources = ["cli", "InfisicalPythonSDK", "web", "k8-operator"]
        let (actor, actorId) = actors[i % actors.count]
        let (env, path, key) = places[i % places.count]
        return auditEntry("ev\(i)", minutesAgo: Double(i * 37 + 2), actor: actor, actorId: actorId, type: kinds[i % kinds.count],
                          env: env, path: path, key: key, source: sources[i % sources.count],
                          extra: i == 0 ? ["secretVersion": .number(4)] : [:])
    }

    /// `a`, and the first page answered.
    static func auditOpened(_ w: Int, _ h: Int, page: [AuditLogEntry] = auditPage) -> AppState {
        var s = F.loadedState(width: w, height: h)
        for case .request(let id, .audit(.loadPage)) in F.press(&s, .char("a")) {
            F.send(&s, .answered(id, .audit(.page(.success(page)))))
        }
        return s
    }

    static func auditEvents(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        F.press(&s, .char("j"), .char("j"))
        return s
    }

    static func auditFilterForm(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        F.press(&s, .char("/"))
        F.type(&s, "demo-dev")
        F.press(&s, .tab)
        F.type(&s, "get-secret")
        return s
    }

    /// `c`: the filter form with the From field focused.
    static func auditCustomRange(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        F.press(&s, .char("c"))
        F.type(&s, "2025-11-20 10:00")
        return s
    }

    static func auditEventDetail(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        F.press(&s, .enter)
        return s
    }

    static func auditExportDialog(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        F.press(&s, .char("y"))
        return s
    }

    /// `f`, and a poll that brings two new events (highlighted).
    static func auditFollow(_ w: Int, _ h: Int) -> AppState {
        var s = auditOpened(w, h)
        for case .request(let id, .audit(.poll)) in F.press(&s, .char("f")) {
            F.send(&s, .answered(id, .audit(.polled(.success([
                auditEntry("new1", minutesAgo: 0, actor: "demo-admin", actorId: "id-admin", type: "update-secret"),
                auditEntry("new2", minutesAgo: 0.5, env: "dev", path: "/", key: "APP_ENV"),
            ])))))
        }
        return s
    }

    // MARK: size

    /// Started at 80×24, then the terminal shrinks.
    // MARK: overview

    static func overview(_ w: Int, _ h: Int) -> AppState { OverviewTests.opened(width: w, height: h) }

    static func overviewFlagged(_ w: Int, _ h: Int) -> AppState {
        var s = OverviewTests.opened(width: w, height: h)
        F.press(&s, .char("!"))
        return s
    }

    static func overviewSyncPreview(_ w: Int, _ h: Int) -> AppState {
        var s = OverviewTests.opened(width: w, height: h)
        F.press(&s, .char("m"), .char(" "), .right, .char("c"))
        return s
    }

    static func overviewNewValue(_ w: Int, _ h: Int) -> AppState {
        var s = OverviewTests.opened(width: w, height: h)
        F.press(&s, .char("!"), .char("s"))
        F.type(&s, "typed-but-masked")
        return s
    }

    static func tooSmall(_ w: Int, _ h: Int) -> AppState {
        var s = F.loadedState()
        F.send(&s, .input(.resize(width: w, height: h)))
        return s
    }
}
