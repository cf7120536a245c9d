import Foundation
import InfisicalModels

/// The audit screen's reducer: paging, follow, answers, the dialogs (Reducer+AuditPrompts.swift)
/// and the detail view's activity. It changes only the audit state and the audit dialog on top;
/// everything else it asks of the root as `Outcome`s.
struct AuditReducer {
    var audit: AuditState
    /// The audit dialog on top (`.auditFilters`, `.auditExport`), or nil.
    var dialog: Overlay?
    /// The audit requests in flight, kept current as this reducer asks and drops.
    var inFlight: Set<RequestSlot>
    let ctx: AuditContext
    var outcomes: [Outcome] = []

    static let slots: [RequestSlot] = [.auditPage, .auditRefetch, .auditPoll, .auditActivity, .auditExportTarget, .auditExport, .auditExposure]

    mutating func ask(_ slot: RequestSlot, _ request: Request) {
        inFlight.insert(slot)
        outcomes.append(.request(slot, request))
    }

    mutating func drop(_ slot: RequestSlot) {
        inFlight.remove(slot)
        outcomes.append(.drop(slot))
    }
}

/// What the audit reducer may read of the rest of the app.
struct AuditContext {
    let now: Date
    let utcOffset: Int
    let layout: Layout
    /// The open project's environments (to check a typed environment filter).
    let environments: [Environment]
    let projectSlug: String?
}

extension Reducer {
    /// `a` in the browse view: the open project's audit log, newest first. Filters and range are
    /// kept while the project stays the same; the list is always fetched fresh.
    mutating func openAudit() {
        guard let pid = state.browse.openProjectId else {
            state.status.lastError = InfisicalError(.usage, "open a project first", hint: "Enter on a project, then a")
            return
        }
        state.browse.filterEditing = nil
        state.screen = .audit
        if state.audit.projectId != pid {
            let activity = state.audit.activity
            state.audit = AuditState()
            state.audit.activity = activity
            state.audit.projectId = pid
        }
        withAudit { $0.reloadAudit() }
    }


    /// Runs `body` on the audit state (and the audit dialog, if one is on top), puts them back,
    /// then applies what it asked for.
    mutating func withAudit(_ body: (inout AuditReducer) -> Void) {
        let ownsOverlay: Bool
        switch state.overlay {
        case .auditFilters?, .auditExport?: ownsOverlay = true
        default: ownsOverlay = false
        }
        var r = AuditReducer(audit: state.audit, dialog: ownsOverlay ? state.overlay : nil,
                             inFlight: Set(AuditReducer.slots.filter { state.requests.isInFlight($0) }),
                             ctx: AuditContext(now: state.now, utcOffset: state.session.utcOffset, layout: layout,
                                               environments: state.browse.environments,
                                               projectSlug: state.browse.openProject?.slug))
        body(&r)
        state.audit = r.audit
        if ownsOverlay || r.dialog != nil { state.overlay = r.dialog }
        apply(r.outcomes)
    }

    /// Runs after every action: when the detail pane has focus, make sure the selected secret's
    /// recent activity is loaded.
    mutating func loadDetailActivityIfFocused() {
        guard state.screen == .browse, state.browse.focus == .detail, let pid = state.browse.openProjectId,
              let row = state.browse.selectedSecret else { return }
        let loadedAt = state.browse.loadedAt
        if state.audit.activity?.key == ActivityKey(projectId: pid, environment: row.environment, path: row.path,
                                                    key: row.key, loadedAt: loadedAt) { return }
        withAudit { $0.loadActivity(projectId: pid, row: row, loadedAt: loadedAt) }
    }

    mutating func auditTick() {
        guard state.screen == .audit else { return }
        withAudit { $0.tick() }
    }
}

extension AuditReducer {
    /// Back to the browse panes (`a`, Esc, q). Stops following; in-flight answers become stale.
    mutating func leaveAudit() {
        outcomes.append(.leaveAudit)
        audit.following = false
        audit.newIds = []
        audit.detailIndex = nil
        audit.exposure = nil
        drop(.auditExposure)
        dialog = nil
        dropAuditRequests()
    }

    mutating func dropAuditRequests() {
        drop(.auditPage)
        drop(.auditRefetch)
        drop(.auditPoll)
        audit.refetchingPage = nil
    }

    /// Starts the listing again for the current range and filters.
    mutating func reloadAudit() {
        dropAuditRequests()
        let a = audit
        audit.rows = AuditPages(); audit.cursor = ListCursor()
        audit.reachedEnd = false; audit.toEnd = false; audit.newIds = []
        audit.detailIndex = nil; audit.error = nil; audit.failedPage = nil
        let w = a.range.window(now: ctx.now)
        audit.windowStart = w.start
        // Presets end "now" for paging (so new events do not shift the pages); follow asks for
        // what came after.
        audit.windowEnd = w.end ?? ctx.now
        audit.lastPoll = ctx.now
        loadNextAuditPage()
    }

    /// The request for the current filters (`start`/`end` given by the caller).
    func auditRequest(start: Date, end: Date?, offset: Int, limit: Int) -> AuditRequest? {
        guard let pid = audit.projectId else { return nil }
        let f = audit.filters
        func opt(_ s: String) -> String? { s.isEmpty ? nil : s }
        return AuditRequest(projectId: pid, environment: opt(f.environment), secretKey: opt(f.secretKey),
                            eventTypes: f.eventTypes, actorType: f.actorId == nil ? nil : f.actorType, actor: f.actorId,
                            start: start, end: end, offset: offset, limit: limit)
    }

    mutating func loadNextAuditPage() {
        let a = audit
        guard !inFlight.contains(.auditPage), !a.reachedEnd,
              let req = auditRequest(start: a.windowStart, end: a.windowEnd, offset: a.rows.nextOffset, limit: AuditState.pageSize)
        else { return }
        ask(.auditPage, .audit(.loadPage(req)))
    }

    /// Ask for events newer than the newest row (follow), at most one poll in flight.
    mutating func pollAudit() {
        let a = audit
        guard !inFlight.contains(.auditPoll),
              let req = auditRequest(start: a.rows.newestTime ?? a.windowEnd ?? a.windowStart, end: nil, offset: 0, limit: 1000)
        else { return }
        audit.lastPoll = ctx.now
        ask(.auditPoll, .audit(.poll(req)))
    }

    mutating func tick() {
        let a = audit
        guard a.following, !inFlight.contains(.auditPoll) else { return }
        if let last = a.lastPoll, ctx.now.timeIntervalSince(last) < AuditState.pollInterval { return }
        pollAudit()
    }

    mutating func toggleFollow() {
        audit.following.toggle()
        audit.newIds = []
        if audit.following { pollAudit() }
    }

    // MARK: answers

    mutating func handleAudit(_ asked: AuditEffect, _ answer: AuditAnswer) {
        switch answer {
        case .page(let result):
            switch result {
            case .success(let entries):
                let offset = if case .loadPage(let req) = asked { req.offset } else { audit.rows.nextOffset }
                if offset < audit.rows.nextOffset { return refilled(page: offset / AuditState.pageSize, entries) }
                if entries.count < AuditState.pageSize { audit.reachedEnd = true }
                learnActors(entries)
                audit.rows.append(entries, utcOffset: ctx.utcOffset)
                if audit.toEnd {
                    setAuditCursor(audit.rows.count - 1)
                    loadNextAuditPage()
                } else {
                    syncAuditPages()
                }
            case .failure(let e):
                if case .loadPage(let req) = asked, req.offset < audit.rows.nextOffset {
                    return refillFailed(page: req.offset / AuditState.pageSize, e)
                }
                audit.toEnd = false
                if e.kind != .cancelled { audit.error = e.message }
                outcomes.append(.error(e))
            }
        case .polled(let result):
            switch result {
            case .success(let entries):
                learnActors(entries)
                let fresh = audit.rows.prepend(entries, utcOffset: ctx.utcOffset)
                audit.newIds.formUnion(fresh.map(\.id))
                let added = fresh.count
                guard added > 0 else { return }
                var c = audit.cursor
                // The cursor stays on the event it was on. At the top of the list the new rows
                // show above it (highlighted); scrolled down, the view stays put.
                c.selected += added
                if c.scroll > 0 { c.scroll += added }
                if c.selected >= c.scroll + auditVisibleRows { c.scroll = c.selected - auditVisibleRows + 1 }
                audit.cursor = c
                if let d = audit.detailIndex { audit.detailIndex = d + added }
                syncAuditPages()
            case .failure(let e):
                outcomes.append(.error(e))
            }
        case .activity(let result):
            guard var act = audit.activity else { return }
            switch result {
            case .success(let entries):
                learnActors(entries)
                act.rows = entries.prefix(AuditState.activityCount).map { AuditRow($0, utcOffset: ctx.utcOffset) }
                act.error = nil
                audit.activity = act
            case .failure(let e):
                // Cancelled: forget it, so the next look loads again.
                if e.kind == .cancelled { audit.activity = nil } else { act.error = e.message; audit.activity = act }
            }
        case .exportTarget(let info):
            exportTargetInspected(info)
        case .exposure(let result):
            exposureAnswered(result)
        case .exported(let result):
            let path = if case .export(_, let p, _, _, _) = asked { p } else { "" }
            switch result {
            case .success(let r):
                outcomes.append(.notice("wrote \(r.count) events to \(Sanitizer.sanitize(path))"
                    + (r.capped ? " (capped at \(AuditState.exportCap); narrow the range)" : "")))
            case .failure(let e):
                outcomes.append(.error(e))
            }
        }
    }

    mutating func learnActors(_ entries: [AuditLogEntry]) {
        for e in entries {
            guard let id = e.actor.id, audit.knownActors[id] == nil else { continue }
            audit.knownActors[id] = KnownActor(id: id, type: e.actor.type, name: e.actor.displayName)
        }
    }

    // MARK: cursor

    var auditVisibleRows: Int { ctx.layout.auditVisibleRows }

    /// Every cursor change goes through here, so the resident pages follow the cursor.
    mutating func setAuditCursor(_ index: Int) {
        audit.cursor.select(index, count: audit.rows.count, visibleRows: auditVisibleRows)
        syncAuditPages()
    }

    /// A user move: clears the "new" highlight and the sticky end, loads more near the end.
    mutating func moveAudit(to index: Int) {
        audit.newIds = []
        audit.toEnd = false
        audit.failedPage = nil
        setAuditCursor(index)
        if audit.cursor.selected >= audit.rows.count - AuditState.prefetchMargin { loadNextAuditPage() }
    }

    // MARK: detail view activity

    /// The selected secret's recent activity for the detail pane: loaded once per secret and
    /// secrets-list load (`loadedAt`), never per j/k in the list.
    mutating func loadActivity(projectId pid: String, row: SecretRow, loadedAt: Date?) {
        let key = ActivityKey(projectId: pid, environment: row.environment, path: row.path, key: row.key, loadedAt: loadedAt)
        if audit.activity?.key == key { return }
        audit.activity = AuditActivity(key: key)
        let req = AuditRequest(projectId: pid, environment: row.environment, secretPath: row.path, secretKey: row.key,
                               eventTypes: AuditState.activityEventTypes, start: ctx.now.addingTimeInterval(-89 * 86400),
                               offset: 0, limit: AuditState.activityCount)
        ask(.auditActivity, .audit(.loadActivity(req)))
    }
}
