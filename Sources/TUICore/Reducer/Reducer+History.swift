import Foundation
import InfisicalModels

/// The history overlay in the root reducer: opening it on the selected secret and routing to
/// `HistoryReducer`.
extension Reducer {
    mutating func openHistory() {
        guard let pid = state.browse.openProjectId, let row = state.browse.selectedSecret else {
            report(InfisicalError(.usage, "select a secret first", hint: "v shows the selected secret's versions"))
            return
        }
        state.browse.revealed = nil   // one value on screen at a time
        let target = HistoryTarget(projectId: pid, environment: row.environment, path: row.path, key: row.key)
        state.overlay = .history(HistoryState(target: target))
        withHistory { $0.load() }
    }

    /// Runs `body` on the history overlay, puts it back, then applies what it asked for.
    mutating func withHistory(_ body: (inout HistoryReducer) -> Void) {
        guard case .history(let h)? = state.overlay else { return }
        let env = state.browse.environments.first { $0.slug == h.target.environment }
            ?? Environment(id: "", name: h.target.environment, slug: h.target.environment)
        let row = state.browse.secrets.first {
            $0.key == h.target.key && $0.path == h.target.path && $0.environment == h.target.environment
        }
        var r = HistoryReducer(h: h, layout: layout, now: state.now, remaskAfter: state.session.remaskAfter,
                               writeDenial: row.flatMap(EditPermission.rowDenial)
                                   ?? EditPermission.denial(role: state.role, environment: env))
        body(&r)
        if case .history? = state.overlay { state.overlay = .history(r.h) }
        apply(r.outcomes)
    }
}

/// The history overlay's reducer: loading, the cursor, one reveal at a time, the rollback preview.
struct HistoryReducer {
    var h: HistoryState
    let layout: Layout
    let now: Date
    let remaskAfter: TimeInterval
    /// Why this login may not write this secret here (the editor's rule: role, production, import), or nil.
    let writeDenial: String?
    var outcomes: [Outcome] = []

    var visibleRows: Int { layout.historyVisibleRows }

    mutating func load() {
        h.listing = nil
        h.error = nil
        h.revealed = nil
        outcomes.append(.request(.historyLoad, .history(.load(h.target))))
    }

    mutating func answer(_ a: HistoryAnswer) {
        switch a {
        case .loaded(let result, _):
            switch result {
            case .success(let listing):
                h.listing = listing
                h.cursor.select(h.cursor.selected, count: listing.versions.count, visibleRows: visibleRows)
            case .failure(let e):
                h.listing = nil
                // The client words a refusal of both the versions route and per-version reads
                // (`VersionHistoryRules.personLoginNeeded`); any other failure is shown as it is.
                if e.kind != .cancelled { h.error = e.description }
            }
        case .revealed(let result, let at):
            switch result {
            case .success(let value):
                // Only if the user is still on that version: a late answer must not show elsewhere.
                defer { h.pendingReveal = nil }
                guard let want = h.pendingReveal, h.selected?.version == want else { return }
                h.revealed = RevealedVersion(version: want, value: value, revealedAt: at)
            case .failure(let e):
                h.pendingReveal = nil
                if e.kind != .cancelled { say("✗ " + e.description, error: true) }
            }
        case .rolledBack(let result):
            h.rollingBack = false
            switch result {
            case .success(let w):
                // Server text (the key) is made visible-safe here: the status line draws notices as they come.
                let key = Sanitizer.sanitize(h.target.key)
                say("✓ \(key): the value of v\(w.restored) is now v\(w.new) (v\(w.previous) stays in the history)", error: false)
                outcomes += [.notice("rolled back \(key) in \(h.target.environment) to the value of v\(w.restored): now v\(w.new)"),
                             .reloadSecrets]
                load()      // the new version on top (the notice stays)
                h.cursor = ListCursor()
            case .failure(let e):
                if e.kind != .cancelled { say("✗ not rolled back: " + e.description, error: true) }
            }
        }
    }

    mutating func tick(_ now: Date) {
        if let r = h.revealed, now.timeIntervalSince(r.revealedAt) >= remaskAfter { h.revealed = nil }
    }

    mutating func say(_ text: String, error: Bool) { h.notice = text; h.noticeIsError = error }

    mutating func key(_ key: Key) {
        guard let b = KeyBindings.lookup(key, in: [.history, .lists]) else {
            if key == .ctrl("c") { outcomes.append(.quit) }
            return
        }
        // A question on top takes y / n / Esc only.
        if let v = h.confirmReveal {
            switch b.command {
            case .history(.yes): h.confirmReveal = nil; requestReveal(v)
            case .history(.no), .history(.close): h.confirmReveal = nil
            default: break
            }
            return
        }
        if let p = h.rollback {
            switch b.command {
            case .history(.yes):
                h.rollback = nil
                h.rollingBack = true
                say("rolling back…", error: false)
                outcomes.append(.request(.historyRollback, .history(.rollback(h.target, toVersion: p.restore))))
            case .history(.no), .history(.close): h.rollback = nil
            default: break
            }
            return
        }
        if h.rollingBack { return }   // the write is on its way: its answer is shown here
        h.notice = nil
        let sel = h.cursor.selected
        switch b.command {
        case .history(let c):
            switch c {
            case .close:
                h.revealed = nil
                outcomes += [.drop(.historyLoad), .drop(.historyReveal), .closeOverlay]
            case .reload: load()
            case .reveal: toggleReveal()
            case .rollback: previewRollback()
            case .yes, .no: break
            }
        case .up: move(to: sel - 1)
        case .down: move(to: sel + 1)
        case .pageUp: move(to: sel - visibleRows)
        case .pageDown: move(to: sel + visibleRows)
        case .top: move(to: 0)
        case .bottom: move(to: h.versions.count - 1)
        default: break
        }
    }

    mutating func toggleReveal() {
        guard let v = h.selected?.version else { return }
        if h.revealed?.version == v { h.revealed = nil; return }
        h.revealed = nil
        if h.isProduction { h.confirmReveal = v; return }   // the detail's rule: production asks first
        requestReveal(v)
    }

    mutating func requestReveal(_ version: Int) {
        h.pendingReveal = version
        outcomes.append(.request(.historyReveal, .history(.reveal(h.target, version: version))))
    }

    /// `b`: old and new, masked, then y writes a new version with the selected version's value.
    mutating func previewRollback() {
        guard let listing = h.listing, let v = h.selected else { return }
        if let why = writeDenial { say("cannot roll back in \(h.target.environment): \(why)", error: true); return }
        if let why = VersionHistoryRules.versionDenial(key: h.target.key, version: v.version, current: listing.current) {
            say(why, error: true); return
        }
        h.revealed = nil
        h.rollback = RollbackPreview(current: listing.current, restore: v.version)
    }

    mutating func move(to index: Int) {
        let before = h.cursor.selected
        h.cursor.select(index, count: h.versions.count, visibleRows: visibleRows)
        if h.cursor.selected != before { h.revealed = nil; h.pendingReveal = nil }   // a value never follows the cursor
    }
}
