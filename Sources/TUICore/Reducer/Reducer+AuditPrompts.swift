import Foundation
import InfisicalModels

/// Keys of the audit screen, its metadata view and its two dialogs (filters + range, export).
extension AuditReducer {
    mutating func handleAuditKey(_ key: Key) {
        if key == .ctrl("c") { outcomes.append(.quit); return }
        if audit.exposure != nil { handleExposureKey(key); return }
        if audit.detailIndex != nil { handleAuditDetailKey(key); return }
        guard let b = KeyBindings.lookup(key, in: [.audit, .lists, .general]) else { return }
        let rows = audit.rows.count, sel = audit.cursor.selected, page = auditVisibleRows
        switch b.command {
        case .audit(let c):
            switch c {
            case .back, .close: leaveAudit()
            case .details, .submit:
                if audit.selectedRow != nil { audit.detailIndex = sel; audit.detailScroll = 0 }
            case .filters: openAuditFilters(field: 0)
            case .customRange: openAuditFilters(field: 4)
            case .clearFilters:
                audit.filters = AuditFilters()
                reloadAudit()
            case .preset:
                guard case .char(let ch) = key, let d = ch.wholeNumberValue, (1...AuditRange.presets.count).contains(d) else { return }
                audit.range = AuditRange.presets[d - 1]
                reloadAudit()
            case .follow: toggleFollow()
            case .export: openAuditExport()
            case .reload: reloadAudit()
            case .exposure: openExposure()
            case .nextField, .prevField, .submit, .yes, .no, .close: break
            }
        case .up: moveAudit(to: sel - 1)
        case .down: moveAudit(to: sel + 1)
        case .pageUp: moveAudit(to: sel - page)
        case .pageDown: moveAudit(to: sel + page)
        case .top: moveAudit(to: 0)
        case .bottom:
            // Like less's G: go to the last row and keep loading pages until the end.
            moveAudit(to: rows - 1)
            audit.toEnd = !audit.reachedEnd
            loadNextAuditPage()
        case .help: outcomes.append(.toggleHelp)
        case .cycleTheme: outcomes.append(.cycleTheme)
        default: break
        }
    }

    mutating func handleAuditDetailKey(_ key: Key) {
        guard let b = KeyBindings.lookup(key, in: [.lists, .audit, .general]) else { return }
        let maxScroll = AuditDetailContent.maxScroll(audit, utcOffset: ctx.utcOffset, layout: ctx.layout)
        if let s = Self.scrolled(audit.detailScroll, by: b.command, page: auditVisibleRows, max: maxScroll) {
            audit.detailScroll = s
            return
        }
        switch b.command {
        case .open, .audit(.back), .audit(.details), .audit(.close), .cancel, .quit: audit.detailIndex = nil
        case .help: outcomes.append(.toggleHelp)
        default: break
        }
    }

    /// Where a scroll command leaves a view of `max + 1` positions, or nil for any other command:
    /// the audit detail and the exposure report scroll alike.
    static func scrolled(_ s: Int, by command: Command, page: Int, max maxScroll: Int) -> Int? {
        let to: Int
        switch command {
        case .up: to = s - 1
        case .down: to = s + 1
        case .pageUp: to = s - page
        case .pageDown: to = s + page
        case .top: to = 0
        case .bottom: to = maxScroll
        default: return nil
        }
        return min(max(0, to), maxScroll)
    }

    mutating func handleAuditMouse(_ m: MouseEvent) {
        if audit.exposure != nil {   // the report covers the list: the wheel scrolls it, clicks do nothing
            if case .wheelUp = m { handleExposureKey(.up) } else if case .wheelDown = m { handleExposureKey(.down) }
            return
        }
        switch m {
        case .wheelUp, .wheelDown:
            let delta: Int
            if case .wheelUp = m { delta = -3 } else { delta = 3 }
            if audit.detailIndex != nil {
                audit.detailScroll = min(max(0, audit.detailScroll + delta), AuditDetailContent.maxScroll(audit, utcOffset: ctx.utcOffset, layout: ctx.layout))
            } else {
                moveAudit(to: audit.cursor.selected + delta)
            }
        case .press(_, let y):
            guard audit.detailIndex == nil else { return }
            // Rows start below the top bar, the box border and the header line.
            let row = y - ctx.layout.auditFirstRowY
            guard row >= 0, row < auditVisibleRows else { return }
            let index = audit.cursor.scroll + row
            if index < audit.rows.count { moveAudit(to: index) }
        case .doubleClick(let x, let y):
            // Select the row, then open its details (as Enter does).
            handleAuditMouse(.press(x: x, y: y))
            let row = y - ctx.layout.auditFirstRowY
            guard audit.detailIndex == nil, row >= 0, row < auditVisibleRows,
                  audit.cursor.scroll + row < audit.rows.count else { return }
            handleAuditKey(.enter)
        }
    }

    mutating func auditPaste(_ text: String) {
        switch dialog {
        case .auditFilters(var f)?:
            f.fields[f.field].insert(text); f.error = nil
            dialog = .auditFilters(f)
        case .auditExport(var e)?:
            guard !e.confirming, !e.inspecting else { return }
            e.path.insert(text); e.error = nil; e.target = nil
            dialog = .auditExport(e)
        default: break
        }
    }

    // MARK: dialogs

    mutating func handleAuditPromptKey(_ key: Key) {
        var command: AuditCommand?
        if case .audit(let c)? = KeyBindings.lookup(key, in: [.auditDialog])?.command { command = c }
        switch dialog {
        case .auditFilters(var f)?:
            switch command {
            case .nextField: f.field = (f.field + 1) % f.fields.count
            case .prevField: f.field = (f.field + f.fields.count - 1) % f.fields.count
            case .submit: applyAuditFilters(f); return
            case .close: dialog = nil; return
            default: if f.fields[f.field].handle(key) { f.error = nil }
            }
            dialog = .auditFilters(f)
        case .auditExport(var e)?:
            if e.confirming {
                if command == .yes { startAuditExport(e) }
                else if command == .no || command == .close { e.confirming = false; dialog = .auditExport(e) }
                return
            }
            switch command {
            case .close: dialog = nil; return
            case _ where e.inspecting: return
            case .nextField, .prevField: e.format = e.format == .csv ? .json : .csv; e.path.set(Self.swapExtension(e.path.text, to: e.format))
            case .submit:
                let path = e.path.text.trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty else { e.error = "type a file path"; break }
                e.inspecting = true; e.error = nil
                ask(.auditExportTarget, .audit(.inspectExportTarget(path: path)))
            default:
                if e.path.handle(key) { e.error = nil; e.target = nil }
            }
            dialog = .auditExport(e)
        default: break
        }
    }

    mutating func openAuditFilters(field: Int) {
        var f = AuditFilterForm(filters: audit.filters, range: audit.range, utcOffset: ctx.utcOffset)
        f.field = field
        dialog = .auditFilters(f)
    }

    /// Validates the form; on success the filters and range apply and the list reloads.
    mutating func applyAuditFilters(_ form: AuditFilterForm) {
        var f = form
        let t = f.fields.map { $0.text.trimmingCharacters(in: .whitespaces) }
        var filters = AuditFilters(actor: t[0], eventType: t[1], environment: t[2], secretKey: t[3])
        var range = audit.range
        if !t[2].isEmpty, !ctx.environments.isEmpty, !ctx.environments.contains(where: { $0.slug == t[2] }) {
            f.error = "Env: '\(t[2])' is not an environment of this project (\(ctx.environments.map(\.slug).joined(separator: ", ")))"
            f.field = 2; dialog = .auditFilters(f); return
        }
        switch resolveActor(t[0]) {
        case .failure(let err): f.error = err.message; f.field = 0; dialog = .auditFilters(f); return
        case .success(let actor): filters.actorId = actor?.id; filters.actorType = actor?.type
        }
        if t[4].isEmpty && t[5].isEmpty {
            if case .custom = range { range = .lastDay }
        } else {
            guard let from = AuditTime.parseLocal(t[4], utcOffset: ctx.utcOffset) else {
                f.error = t[4].isEmpty ? "From: a custom range needs a start (YYYY-MM-DD[ HH:MM])"
                                       : "From: '\(t[4])' is not a valid YYYY-MM-DD[ HH:MM] time"
                f.field = 4; dialog = .auditFilters(f); return
            }
            var to: Date?
            if !t[5].isEmpty {
                guard let d = AuditTime.parseLocal(t[5], utcOffset: ctx.utcOffset) else {
                    f.error = "To: '\(t[5])' is not a valid YYYY-MM-DD[ HH:MM] time"
                    f.field = 5; dialog = .auditFilters(f); return
                }
                // A date alone means the whole day.
                to = t[5].count == 10 ? d.addingTimeInterval(86400 - 0.001) : d
            }
            if let to, to <= from {
                f.error = "To must be after From"; f.field = 5; dialog = .auditFilters(f); return
            }
            if (to ?? ctx.now).timeIntervalSince(from) > 92 * 86400 {
                f.error = "the range may span at most 3 months (Infisical's limit)"; f.field = 4
                dialog = .auditFilters(f); return
            }
            range = .custom(from: from, to: to)
        }
        audit.filters = filters
        audit.range = range
        dialog = nil
        reloadAudit()
    }

    /// Infisical filters actors by id. A typed name, email or id is matched against the actors
    /// of every event loaded so far (exactly, then as a unique substring); an unknown UUID-like
    /// text is sent as an id. Empty = no actor filter.
    func resolveActor(_ typed: String) -> Result<KnownActor?, AuditFilterError> {
        guard !typed.isEmpty else { return .success(nil) }
        let t = typed.lowercased()
        let known = audit.knownActors.values.sorted { $0.name < $1.name }
        if let exact = known.first(where: { $0.name.lowercased() == t || $0.id.lowercased() == t }) { return .success(exact) }
        let partial = known.filter { $0.name.lowercased().contains(t) }
        if partial.count == 1 { return .success(partial[0]) }
        if partial.count > 1 {
            let names = partial.prefix(4).map(\.name).joined(separator: ", ")
            return .failure(AuditFilterError("Actor: '\(typed)' matches several actors: \(names)"))
        }
        if typed.count >= 8, typed.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            return .success(KnownActor(id: typed, type: "", name: typed))
        }
        return .failure(AuditFilterError("Actor: no loaded event has an actor '\(typed)' (type a shown name, an email or an id)"))
    }

    mutating func openAuditExport() {
        guard audit.projectId != nil else { return }
        let slug = ctx.projectSlug ?? "project"
        let name = "audit-\(slug)-\(AuditTime.compactDate(ctx.now, utcOffset: ctx.utcOffset)).csv"
        dialog = .auditExport(AuditExportForm(path: name))
    }

    static func swapExtension(_ path: String, to format: AuditExportFormat) -> String {
        for ext in AuditExportFormat.allCases where path.hasSuffix("." + ext.rawValue) {
            return String(path.dropLast(ext.rawValue.count)) + format.rawValue
        }
        return path
    }

    mutating func exportTargetInspected(_ info: FileTargetInfo) {
        guard case .auditExport(var e)? = dialog, e.inspecting else { return }
        e.inspecting = false
        e.target = info
        if let refusal = info.refusal {
            e.error = refusal
        } else if info.exists || info.gitUnignored {
            e.confirming = true
        } else {
            startAuditExport(e)
            return
        }
        dialog = .auditExport(e)
    }

    /// Hands the write to the app: it fetches every matching event (the listing's filters and
    /// window) and writes them atomically, mode 0600.
    mutating func startAuditExport(_ e: AuditExportForm) {
        let a = audit
        guard let info = e.target, info.refusal == nil,
              let req = auditRequest(start: a.windowStart, end: a.following ? nil : a.windowEnd, offset: 0,
                                     limit: AuditState.exportCap)
        else { return }
        let format: AuditExportFormat = info.path.lowercased().hasSuffix(".json") ? .json : e.format
        dialog = nil
        ask(.auditExport, .audit(.export(req, path: info.path, format: format, overwrite: info.exists, cap: AuditState.exportCap)))
    }
}

public struct AuditFilterError: Error, Equatable {
    public var message: String
    init(_ m: String) { message = m }
}

extension Result where Failure == AuditFilterError {
    var errorMessage: String? { if case .failure(let e) = self { return e.message }; return nil }
}
