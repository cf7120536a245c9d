import Foundation
import InfisicalModels

/// The audit screen: open/leave, paging, follow, answers, and the detail view's activity.
/// Prompts (filters, export) are in Reducer+AuditPrompts.swift.
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
        reloadAudit()
    }

    /// Back to the browse panes (`a`, Esc, q). Stops following; in-flight answers become stale.
    mutating func leaveAudit() {
        state.screen = .browse
        state.audit.following = false
        state.audit.newIds = []
        state.audit.detailIndex = nil
        state.overlay = nil
        dropAuditRequests()
    }

    mutating func dropAuditRequests() {
        state.requests.drop(.auditPage)
        state.requests.drop(.auditPoll)
    }

    /// Starts the listing again for the current range and filters.
    mutating func reloadAudit() {
        dropAuditRequests()
        let a = state.audit
        state.audit.rows = []; state.audit.ids = []; state.audit.cursor = ListCursor()
        state.audit.reachedEnd = false; state.audit.toEnd = false; state.audit.newIds = []
        state.audit.detailIndex = nil; state.audit.error = nil; state.audit.pagedOffset = 0
        let w = a.range.window(now: state.now)
        state.audit.windowStart = w.start
        // Presets end "now" for paging (so new events do not shift the pages); follow asks for
        // what came after.
        state.audit.windowEnd = w.end ?? state.now
        state.audit.lastPoll = state.now
        loadNextAuditPage()
    }

    /// The request for the current filters (`start`/`end` given by the caller).
    func auditRequest(start: Date, end: Date?, offset: Int, limit: Int) -> AuditRequest? {
        guard let pid = state.audit.projectId else { return nil }
        let f = state.audit.filters
        func opt(_ s: String) -> String? { s.isEmpty ? nil : s }
        return AuditRequest(projectId: pid, environment: opt(f.environment), secretKey: opt(f.secretKey),
                            eventTypes: f.eventTypes, actorType: f.actorId == nil ? nil : f.actorType, actor: f.actorId,
                            start: start, end: end, offset: offset, limit: limit)
    }

    mutating func loadNextAuditPage() {
        let a = state.audit
        guard !state.requests.isInFlight(.auditPage), !a.reachedEnd,
              let req = auditRequest(start: a.windowStart, end: a.windowEnd, offset: a.pagedOffset, limit: AuditState.pageSize)
        else { return }
        request(.auditPage, .audit(.loadPage(req)))
    }

    /// Ask for events newer than the newest row (follow), at most one poll in flight.
    mutating func pollAudit() {
        let a = state.audit
        guard !state.requests.isInFlight(.auditPoll),
              let req = auditRequest(start: a.rows.first?.time ?? a.windowEnd ?? a.windowStart, end: nil, offset: 0, limit: 1000)
        else { return }
        state.audit.lastPoll = state.now
        request(.auditPoll, .audit(.poll(req)))
    }

    mutating func auditTick() {
        let a = state.audit
        guard state.screen == .audit, a.following, !state.requests.isInFlight(.auditPoll) else { return }
        if let last = a.lastPoll, state.now.timeIntervalSince(last) < AuditState.pollInterval { return }
        pollAudit()
    }

    mutating func toggleFollow() {
        state.audit.following.toggle()
        state.audit.newIds = []
        if state.audit.following { pollAudit() }
    }

    // MARK: answers

    mutating func handleAudit(_ asked: AuditEffect, _ answer: AuditAnswer) {
        switch answer {
        case .page(let result):
            switch result {
            case .success(let entries):
                let offset = if case .loadPage(let req) = asked { req.offset } else { state.audit.pagedOffset }
                state.audit.pagedOffset = offset + entries.count
                if entries.count < AuditState.pageSize { state.audit.reachedEnd = true }
                appendAudit(entries, atTop: false)
                if state.audit.toEnd {
                    setAuditCursor(state.audit.rows.count - 1)
                    loadNextAuditPage()
                }
            case .failure(let e):
                state.audit.toEnd = false
                if e.kind != .cancelled { state.audit.error = e.message }
                report(e)
            }
        case .polled(let result):
            switch result {
            case .success(let entries):
                let added = appendAudit(entries, atTop: true)
                guard added > 0 else { return }
                var c = state.audit.cursor
                // The cursor stays on the event it was on. At the top of the list the new rows
                // show above it (highlighted); scrolled down, the view stays put.
                c.selected += added
                if c.scroll > 0 { c.scroll += added }
                if c.selected >= c.scroll + auditVisibleRows { c.scroll = c.selected - auditVisibleRows + 1 }
                state.audit.cursor = c
                if let d = state.audit.detailIndex { state.audit.detailIndex = d + added }
            case .failure(let e):
                report(e)
            }
        case .activity(let result):
            guard var act = state.audit.activity else { return }
            switch result {
            case .success(let entries):
                learnActors(entries)
                act.rows = entries.prefix(AuditState.activityCount).map { AuditRow($0, utcOffset: state.session.utcOffset) }
                act.error = nil
                state.audit.activity = act
            case .failure(let e):
                // Cancelled: forget it, so the next look loads again.
                if e.kind == .cancelled { state.audit.activity = nil } else { act.error = e.message; state.audit.activity = act }
            }
        case .exportTarget(let info):
            exportTargetInspected(info)
        case .exported(let result):
            let path = if case .export(_, let p, _, _, _) = asked { p } else { "" }
            switch result {
            case .success(let r):
                state.status.notice = "wrote \(r.count) events to \(Sanitizer.sanitize(path))"
                    + (r.capped ? " (capped at \(AuditState.exportCap); narrow the range)" : "")
            case .failure(let e):
                report(e)
            }
        }
    }

    /// Adds rows not seen yet; returns how many.
    @discardableResult
    mutating func appendAudit(_ entries: [AuditLogEntry], atTop: Bool) -> Int {
        learnActors(entries)
        var fresh: [AuditRow] = []
        for e in entries where !state.audit.ids.contains(e.id) {
            state.audit.ids.insert(e.id)
            fresh.append(AuditRow(e, utcOffset: state.session.utcOffset))
        }
        if atTop {
            state.audit.rows.insert(contentsOf: fresh, at: 0)
            state.audit.newIds.formUnion(fresh.map(\.id))
        } else {
            state.audit.rows += fresh
        }
        return fresh.count
    }

    mutating func learnActors(_ entries: [AuditLogEntry]) {
        for e in entries {
            guard let id = e.actor.id, state.audit.knownActors[id] == nil else { continue }
            state.audit.knownActors[id] = KnownActor(id: id, type: e.actor.type, name: e.actor.displayName)
        }
    }

    // MARK: cursor

    var auditVisibleRows: Int { layout.auditVisibleRows }

    mutating func setAuditCursor(_ index: Int) {
        state.audit.cursor.select(index, count: state.audit.rows.count, visibleRows: auditVisibleRows)
    }

    /// A user move: clears the "new" highlight and the sticky end, loads more near the end.
    mutating func moveAudit(to index: Int) {
        state.audit.newIds = []
        state.audit.toEnd = false
        setAuditCursor(index)
        if state.audit.cursor.selected >= state.audit.rows.count - AuditState.prefetchMargin { loadNextAuditPage() }
    }

    // MARK: detail view activity

    /// Runs after every action: when the detail pane has focus, make sure the selected secret's
    /// recent activity is loaded (once per secret and secrets-list load, never per j/k in the list).
    mutating func loadDetailActivityIfFocused() {
        guard state.screen == .browse, state.browse.focus == .detail, let pid = state.browse.openProjectId,
              let row = state.browse.selectedSecret else { return }
        let key = ActivityKey(projectId: pid, environment: row.environment, path: row.path, key: row.key, loadedAt: state.browse.loadedAt)
        if state.audit.activity?.key == key { return }
        state.audit.activity = AuditActivity(key: key)
        let req = AuditRequest(projectId: pid, environment: row.environment, secretPath: row.path, secretKey: row.key,
                               eventTypes: AuditState.activityEventTypes, start: state.now.addingTimeInterval(-89 * 86400),
                               offset: 0, limit: AuditState.activityCount)
        request(.auditActivity, .audit(.loadActivity(req)))
    }
}
