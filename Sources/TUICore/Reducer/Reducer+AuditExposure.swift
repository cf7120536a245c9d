import Foundation
import InfisicalModels

/// `e` on the audit screen: ask for the actor's reads, group them, scroll the report.
extension AuditReducer {
    /// `e`: the selected row's actor, by id (the server filters on it; the grouping matches it too).
    mutating func openExposure() {
        guard let row = audit.selectedRow, let pid = audit.projectId else { return }
        guard let id = row.actorId, !id.isEmpty else {
            outcomes.append(.error(InfisicalError(.usage, "this event names no actor id (\(row.actor))",
                                                  hint: "pick an event by a user or an identity")))
            return
        }
        let since = ctx.now.addingTimeInterval(-Double(AuditExposure.days) * 86400)
        audit.exposure = AuditExposure(actorId: id, actorType: row.actorType, actorName: row.actor, since: since)
        let req = AuditRequest(projectId: pid, eventTypes: ExposureReport.eventTypes, actorType: row.actorType,
                               actor: id, start: since, offset: 0, limit: AuditExposure.limit)
        ask(.auditExposure, .audit(.loadExposure(req)))
    }

    mutating func exposureAnswered(_ result: Result<[AuditLogEntry], InfisicalError>) {
        guard var x = audit.exposure else { return }
        switch result {
        case .success(let entries): x.report = ExposureReport.build(entries, actor: x.actorId); x.error = nil
        case .failure(let e):
            if e.kind == .cancelled { return }
            x.error = e.description
        }
        audit.exposure = x
    }

    mutating func handleExposureKey(_ key: Key) {
        guard var x = audit.exposure, let b = KeyBindings.lookup(key, in: [.lists, .audit, .general]) else { return }
        let maxScroll = AuditExposureContent.maxScroll(x, utcOffset: ctx.utcOffset, layout: ctx.layout)
        if let s = Self.scrolled(x.scroll, by: b.command, page: auditVisibleRows, max: maxScroll) {
            x.scroll = s
            audit.exposure = x
            return
        }
        switch b.command {
        case .open, .audit(.back), .audit(.exposure), .audit(.close), .cancel, .quit:
            audit.exposure = nil
            drop(.auditExposure)
        case .help: outcomes.append(.toggleHelp)
        default: break
        }
    }
}
