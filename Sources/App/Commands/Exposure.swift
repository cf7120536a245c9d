import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `infisical-tui exposure --actor NAME|ID`: what a person or identity could have seen, from the
/// audit log (secrets read one by one, folders listed with their values), for "who left, what do we
/// rotate". The grouping is `ExposureReport` (InfisicalModels), shared with the dashboard.
struct Exposure: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "List the secrets an actor read and the folders it listed with values, from the audit log (exit 0 done, 1 error, 2 usage).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Option(help: ArgumentHelp("The actor: email, identity name, or user/identity id.", valueName: "name|id")) var actor: String
    @Option(help: "How far back: e.g. 7d, 12w, 90d (default 90d; Infisical serves at most 3 months per query).") var since: String = "90d"
    @Flag(help: "Also say which of them are overdue or due soon for rotation (reads current metadata, never values).")
    var rotation = false
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    /// Most audit events read; a busier log is cut there, and the report says so.
    static let eventLimit = 100_000

    func validate() throws {
        if actor.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--actor needs a name, email or id") }
        if Audit.duration(since) == nil { throw ValidationError("--since: use e.g. 30m, 24h, 7d, 2w") }
    }

    struct RotationMark: Encodable {
        var status: RotationStatus.State
        var policy: String
        var periodDays: Int
        var ageDays: Int
        var daysOverdue: Int
        var dueInDays: Int
        init(_ s: RotationStatus) {
            status = s.state; policy = s.source.label; periodDays = s.periodDays; ageDays = s.ageDays
            daysOverdue = s.daysOverdue; dueInDays = s.dueInDays
        }
    }
    struct SecretOut: Encodable {
        var project: String, projectId: String, environment: String, path: String, key: String, lastRead: String, count: Int
        var rotation: RotationMark?
    }
    struct FolderOut: Encodable {
        var project: String, projectId: String, environment: String, path: String, lastListed: String, count: Int
        var secrets: Int?
        /// With --rotation: keys in the folder that are overdue now.
        var overdueKeys: [String]?
    }
    struct Output: Encodable {
        var actor: String
        var actorId: String?
        var since: Date
        var eventsRead: Int
        var truncated: Bool
        var secrets: [SecretOut]
        var folders: [FolderOut]
    }

    func run() throws {
        // The config is read only when it matters: a broken file must not stop a report without --rotation.
        var settings = RotationConfig()
        if rotation { settings = try DashboardConfig.load().rotation ?? RotationConfig() }
        let (api, _) = try connection.connect()
        let projectId = try connection.projectId.map { try api.project(idOrSlug: $0).id }
        let now = Date()
        let start = now.addingTimeInterval(-(Audit.duration(since) ?? 90 * 86400))
        let events = try api.auditLogs(AuditQuery(projectId: projectId, eventTypes: ExposureReport.eventTypes, startDate: start,
                                                  limit: Exposure.eventLimit, pageSize: 1000))
        let truncated = events.count >= Exposure.eventLimit
        if truncated {
            CLIOutput.note("warning: only the newest \(Exposure.eventLimit) read events were examined; narrow --since or --projectId")
        }
        let report = ExposureReport.build(events, actor: actor)
        let marks = rotation ? RotationLookup(api: api, settings: settings, now: now) : nil

        let secrets = report.secrets.map { r in
            SecretOut(project: r.projectName, projectId: r.projectId, environment: r.environment, path: r.path, key: r.key,
                      lastRead: r.lastRead, count: r.count,
                      rotation: marks?.status(projectId: r.projectId, environment: r.environment, path: r.path, key: r.key).map(RotationMark.init))
        }
        let folders = report.folders.map { f in
            FolderOut(project: f.projectName, projectId: f.projectId, environment: f.environment, path: f.path,
                      lastListed: f.lastListed, count: f.count, secrets: f.secrets,
                      overdueKeys: marks?.overdueKeys(projectId: f.projectId, environment: f.environment, path: f.path))
        }
        if json {
            CLIOutput.raw(try CLIOutput.json(Output(actor: report.actorName, actorId: report.actorId, since: start,
                                                    eventsRead: report.eventsSeen, truncated: truncated,
                                                    secrets: secrets, folders: folders)))
            if report.isEmpty { CLIOutput.note(nothingFound(start)) }
            return
        }
        if report.isEmpty { CLIOutput.note(nothingFound(start)); return }
        let who = CLIOutput.safe(report.actorName) + (report.actorId.map { " (\(CLIOutput.safe($0)))" } ?? "")
        CLIOutput.line("Read by \(who) since \(CLIOutput.localTime(iso8601Millis(start))):")
        if !secrets.isEmpty {
            CLIOutput.line("\nSecrets read one by one (get-secret):")
            var header = ["PROJECT", "ENV", "PATH", "KEY", "LAST READ", "READS"]
            if rotation { header.append("ROTATION") }
            CLIOutput.raw(CLIOutput.table(header, secrets.map { s in
                var row = [CLIOutput.safe(s.project), CLIOutput.safe(s.environment), CLIOutput.safe(s.path), CLIOutput.safe(s.key),
                           CLIOutput.localTime(s.lastRead), String(s.count)]
                if rotation {
                    row.append(s.rotation.map { RotationStatus.badge($0.status, dueInDays: $0.dueInDays) ?? "ok" } ?? "-")
                }
                return row
            }, maxWidths: [32, 12, 40, 48, 19, 6, 16]))
        }
        if !folders.isEmpty {
            CLIOutput.line("\nFolders listed with values (get-secrets):")
            var header = ["PROJECT", "ENV", "PATH", "SECRETS", "LAST LISTED", "LISTINGS"]
            if rotation { header.append("OVERDUE NOW") }
            CLIOutput.raw(CLIOutput.table(header, folders.map { f in
                var row = [CLIOutput.safe(f.project), CLIOutput.safe(f.environment), CLIOutput.safe(f.path),
                           f.secrets.map(String.init) ?? "?", CLIOutput.localTime(f.lastListed), String(f.count)]
                if rotation { row.append((f.overdueKeys ?? []).isEmpty ? "-" : (f.overdueKeys ?? []).map(CLIOutput.safe).joined(separator: ", ")) }
                return row
            }, maxWidths: [32, 12, 40, 8, 19, 8, 60]))
        }
    }

    func nothingFound(_ start: Date) -> String {
        "no secret reads by '\(CLIOutput.safe(actor))' in the audit log since \(CLIOutput.localTime(iso8601Millis(start)))"
            + " (the actor is matched by email, identity name or id)"
    }
}

/// Current rotation status of secrets named by location, one metadata-only list per folder
/// (memoised: a report names the same folder many times). A folder that no longer exists (or
/// cannot be read) gives no status, with a warning on stderr, rather than failing the whole report.
final class RotationLookup {
    let api: InfisicalAPI
    let settings: RotationConfig
    let now: Date
    private var folders: [String: [Secret]] = [:]
    private var slugs: [String: String] = [:]

    init(api: InfisicalAPI, settings: RotationConfig, now: Date) {
        self.api = api; self.settings = settings; self.now = now
    }

    func secrets(_ projectId: String, _ env: String, _ path: String) -> [Secret] {
        let id = [projectId, env, path].joined(separator: "\u{0}")
        if let s = folders[id] { return s }
        var got: [Secret] = []
        do {
            got = try api.listSecrets(projectId: projectId, environment: env, path: path, viewValues: false,
                                      includeImports: false).secrets
        } catch {
            // Said, not swallowed: a "-" in the ROTATION column must not pass for "no policy" unnoticed.
            CLIOutput.note("warning: rotation not checked for \(CLIOutput.safe(env)) \(CLIOutput.safe(path)): "
                           + CLIOutput.safe(String(describing: error)))
        }
        folders[id] = got
        return got
    }

    /// The project's policy (config overrides by id or slug; the slug is looked up once).
    func policy(_ projectId: String) -> RotationPolicy {
        if slugs[projectId] == nil { slugs[projectId] = (try? api.project(idOrSlug: projectId).slug) ?? "" }
        return settings.policy(projectId: projectId, slug: slugs[projectId])
    }

    func status(projectId: String, environment: String, path: String, key: String) -> RotationStatus? {
        guard let s = secrets(projectId, environment, path).first(where: { $0.secretKey == key }) else { return nil }
        return policy(projectId).status(s, now: now)
    }

    func overdueKeys(projectId: String, environment: String, path: String) -> [String] {
        let p = policy(projectId)
        return secrets(projectId, environment, path).filter { p.status($0, now: now)?.state == .overdue }.map(\.secretKey).sorted()
    }
}
