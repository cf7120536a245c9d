import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `infisical-tui rotation`: every overdue or soon-due secret across the projects the identity can
/// see (every environment, every folder), under the rotation policy (`RotationPolicy`, with the
/// project overrides of config.json). Values are never requested: the lists are metadata-only.
struct Rotation: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "rotation",
        abstract: "List secrets overdue or due soon for rotation, across projects (never a value; exit 0 none overdue, 1 some overdue or an error, 2 usage).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Option(help: ArgumentHelp("'Due soon' means due within this many days (default 7, or rotation.soonDays in config.json).", valueName: "days"))
    var soon: Int?
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    func validate() throws {
        if let s = soon, s < 0 { throw ValidationError("--soon must be 0 or more") }
    }

    /// The JSON document (docs/cli-json.md).
    struct Output: Encodable {
        var soonDays: Int
        var overdue: Int
        var dueSoon: Int
        var secrets: [RotationEntry]
        var unreadable: [Unreadable]
    }
    struct Unreadable: Encodable { var project: String; var environment: String; var error: String }

    func run() throws {
        let settings = try DashboardConfig.load().rotation ?? RotationConfig()
        let (api, _) = try connection.connect()
        // Only an explicit --projectId narrows the report: a repository's .infisical.json must not
        // hide the other projects from "every overdue secret in one list".
        // A service token sees one project and cannot list projects: use its own.
        var only = connection.projectId
        if only == nil, case .serviceToken? = api.configuration.credentials { only = try api.serviceTokenProjectId() }
        let projects = try only.map { [try api.project(idOrSlug: $0)] } ?? api.listProjects()
        let now = Date()
        var rows: [RotationEntry] = []
        var unreadable: [Unreadable] = []
        let soonDays = soon ?? settings.soonDays ?? RotationPolicy.defaultSoonDays
        for p in projects {
            let policy = settings.policy(projectId: p.id, slug: p.slug, soonDays: soonDays)
            for env in p.environments {
                do {
                    let list = try api.listSecrets(projectId: p.id, environment: env.slug, path: "/", recursive: true,
                                                   viewValues: false, includeImports: false)
                    CLIOutput.warnSkipped(list)
                    rows += RotationReport.entries(project: p.slug, projectId: p.id, environment: env.slug,
                                                   secrets: list.secrets, policy: policy, now: now)
                } catch let e as InfisicalError {
                    // One unreadable environment must not hide the others: named, and the exit is 1.
                    unreadable.append(Unreadable(project: p.slug, environment: env.slug, error: e.description))
                    CLIOutput.note("warning: \(CLIOutput.safe(p.slug)) \(CLIOutput.safe(env.slug)) not checked: \(CLIOutput.safe(e.description))")
                }
            }
        }
        rows = RotationReport.sorted(rows)
        let overdue = rows.filter { $0.status == .overdue }.count
        if json {
            CLIOutput.raw(try CLIOutput.json(Output(soonDays: soonDays, overdue: overdue, dueSoon: rows.count - overdue,
                                                    secrets: rows, unreadable: unreadable)))
        } else if rows.isEmpty {
            CLIOutput.note("nothing overdue or due within \(soonDays) days in \(projects.count) project\(projects.count == 1 ? "" : "s")")
        } else {
            CLIOutput.raw(CLIOutput.table(["PROJECT", "ENV", "PATH", "KEY", "POLICY", "AGE", "STATUS"], rows.map { r in
                [CLIOutput.safe(r.project), CLIOutput.safe(r.environment), CLIOutput.safe(r.path), CLIOutput.safe(r.key),
                 CLIOutput.safe(r.policy) + " \(r.periodDays)d", "\(r.ageDays)d",
                 RotationStatus.badge(r.status, dueInDays: r.dueInDays) ?? "ok"]
            }, maxWidths: [32, 12, 40, 48, 24, 6, 16]))
            CLIOutput.note("\(overdue) overdue, \(rows.count - overdue) due within \(soonDays) days")
        }
        if overdue > 0 || !unreadable.isEmpty { throw ExitCode(1) }
    }
}
