import Foundation
import InfisicalClient
import InfisicalModels
import TUICore

/// Audit screen work: pages, follow polls, a secret's recent activity, and the export (every
/// matching event, paged, written atomically with mode 0600). No secret values are involved.
extension EffectRunner {
    /// The work for one audit request, run off the UI thread by `run`.
    static func auditWork(_ effect: AuditEffect, api: InfisicalAPI, cancel: Cancellation) -> @Sendable () -> Answer {
        switch effect {
        case .loadPage(let req):
            return { .audit(.page(Self.attempt { try api.auditLogs(Self.query(req), cancel: cancel) })) }
        case .poll(let req):
            return { .audit(.polled(Self.attempt { try api.auditLogs(Self.query(req), cancel: cancel) })) }
        case .loadActivity(let req):
            return { .audit(.activity(Self.attempt { try api.auditLogs(Self.query(req), cancel: cancel) })) }
        case .loadExposure(let req):
            return { .audit(.exposure(Self.attempt { try api.auditLogs(Self.query(req, pageSize: 1000), cancel: cancel) })) }
        case .inspectExportTarget(let path):
            return { .audit(.exportTarget(FileTarget.inspect(path))) }
        case .export(let req, let path, let format, let overwrite, let cap):
            return {
                .audit(.exported(Self.attempt {
                    try Self.writeAuditExport(api: api, request: req, path: path, format: format, overwrite: overwrite,
                                              cap: cap, cancel: cancel)
                }))
            }
        }
    }

    /// The core's request as the client's query (one call of `auditLogs` pages by itself).
    static func query(_ r: AuditRequest, pageSize: Int? = nil) -> AuditQuery {
        AuditQuery(projectId: r.projectId, environment: r.environment, secretPath: r.secretPath, secretKey: r.secretKey,
                   eventTypes: r.eventTypes, actorType: r.actorType, actor: r.actor, startDate: r.start, endDate: r.end,
                   limit: r.limit, offset: r.offset, pageSize: pageSize ?? min(r.limit, 1000))
    }

    static func writeAuditExport(api: InfisicalAPI, request: AuditRequest, path: String, format: AuditExportFormat,
                                 overwrite: Bool, cap: Int, cancel: Cancellation) throws -> AuditExportResult {
        try FileTarget.checkStillWritable(path)
        var req = request
        req.offset = 0
        req.limit = cap + 1   // one more than the cap tells "there was more"
        var rows = try api.auditLogs(query(req, pageSize: 1000), cancel: cancel)
        let capped = rows.count > cap
        if capped { rows = Array(rows.prefix(cap)) }
        if cancel.isCancelled { throw InfisicalError(.cancelled, "cancelled") }
        let data = format == .json ? try AuditTable.json(rows) : Data(AuditTable.csv(rows).utf8)
        try AtomicFileWriter.write(data, to: path, mode: 0o600, overwrite: overwrite)
        return AuditExportResult(count: rows.count, capped: capped)
    }
}
