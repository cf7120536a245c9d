import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Audit: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show audit events (newest first; default the last 24 h).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How far back: e.g. 30m, 24h, 7d, 2w (default 24h).") var since: String?
    @Option(help: "Start time, ISO-8601 (e.g. 2026-11-01T00:00:00Z).") var start: String?
    @Option(help: "End time, ISO-8601.") var end: String?
    @Option(help: "Event type, e.g. get-secret (repeat or comma-separate).") var event: [String] = []
    @Option(help: "Actor id (user, identity or service id).") var actor: String?
    @Option(name: .customLong("actor-type"), help: "user | identity | service | platform") var actorType: String?
    @Option(name: .customLong("secret-key"), help: "Only events about this secret.") var secretKey: String?
    @Option(help: "Most rows to fetch (default 100).") var limit: Int = 100
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if since != nil && start != nil { throw ValidationError("use --since or --start, not both") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let s = since, Audit.duration(s) == nil { throw ValidationError("--since: use e.g. 30m, 24h, 7d, 2w") }
    }

    static func duration(_ s: String) -> TimeInterval? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = t.last, let n = Double(t.dropLast()), n > 0 else { return nil }
        switch unit { case "s": return n; case "m": return n * 60; case "h": return n * 3600
                      case "d": return n * 86400; case "w": return n * 604800; default: return nil }
    }

    static func parseDate(_ s: String, flag: String) throws -> Date {
        if let d = ISODate.parse(s) { return d }   // a bare date or a time without a zone is UTC
        throw InfisicalError(.usage, "\(flag) '\(s)' is not an ISO-8601 time", hint: "e.g. 2026-11-01T00:00:00Z or 2026-11-01")
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        var projectId: String? = nil
        if let p = scope.project { projectId = try api.project(idOrSlug: p).id }
        let now = Date()
        let startDate = try start.map { try Audit.parseDate($0, flag: "--start") }
            ?? now.addingTimeInterval(-(since.flatMap(Audit.duration) ?? 86400))
        let endDate = try end.map { try Audit.parseDate($0, flag: "--end") }
        let query = AuditQuery(projectId: projectId,
                               environment: connection.environment,  // a filter only when given explicitly
                               secretPath: connection.path.map(ConfigResolver.normalizePath), secretKey: secretKey,
                               eventTypes: event.flatMap { $0.split(separator: ",").map(String.init) },
                               actorType: actorType, actor: actor, startDate: startDate, endDate: endDate,
                               limit: limit, pageSize: min(limit, 500))
        let rows = try api.auditLogs(query)
        if json { CLIOutput.raw(String(decoding: try AuditTable.json(rows), as: UTF8.self)); return }
        if csv {
            CLIOutput.raw(AuditTable.csv(rows))
            return
        }
        if rows.isEmpty { CLIOutput.note("no audit events since \(CLIOutput.localTime(iso8601Millis(startDate)))"); return }
        CLIOutput.raw(CLIOutput.table(["TIME", "ACTOR", "EVENT", "ENV", "PATH/KEY", "SOURCE", "IP"], rows.map { r in
            [CLIOutput.localTime(r.createdAt), CLIOutput.safe(r.actor.displayName), CLIOutput.safe(r.event.type), CLIOutput.safe(r.environment ?? ""),
             CLIOutput.safe(r.pathKey), CLIOutput.safe(r.userAgentType ?? ""), CLIOutput.safe(r.ipAddress ?? "")]
        }, maxWidths: [19, 32, 24, 10, 48, 18, 40]))
    }
}
