import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `secrets versions KEY`: the last versions of one secret, values masked unless --reveal.
/// Identities cannot use Infisical's versions route (user tokens only); the client then reads
/// `?version=N` one by one, which this command mentions on stderr.
struct SecretsVersions: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "versions",
                                                    abstract: "Show a secret's recent versions (values masked unless --reveal).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Secret name.") var key: String
    @Option(help: "How many versions (newest first, 1-100).") var limit = 10
    @Flag(help: "Show values (every read is audited).") var reveal = false
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    struct Row: Encodable {
        var key: String
        var version: Int
        var value: String?
        var valueHidden: Bool
        var comment: String
        var createdAt: String?
        var actor: String?
    }

    func validate() throws {
        if !(1...100).contains(limit) { throw ValidationError("--limit must be between 1 and 100") }
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        let history = try api.secretHistory(projectId: project.id, environment: scope.environment, path: scope.path,
                                            name: key, limit: limit, reveal: reveal)
        if history.routeRefused {
            // Said plainly: Infisical refuses this login on its versions route.
            CLIOutput.note("note: " + VersionHistoryRules.personLoginNeeded
                           + "; read \(history.versions.count) version(s) one by one instead")
        } else if history.source == .versionReads {
            CLIOutput.note("note: read \(history.versions.count) version(s) one by one (this server has no versions route)")
        }
        // `updatedAt` first: on a version row it equals `createdAt`; on the current secret (per-version
        // reads) `createdAt` is when the secret was first made, not when this version was written.
        let rows = history.versions.map { s in
            Row(key: s.secretKey, version: s.version, value: s.isValueHidden ? nil : s.secretValue, valueHidden: s.isValueHidden,
                comment: s.secretComment ?? "", createdAt: s.updatedAt ?? s.createdAt, actor: s.actor?.name ?? s.actor?.actorType)
        }
        if json { CLIOutput.raw(try CLIOutput.json(rows)); return }
        CLIOutput.raw(CLIOutput.table(["VERSION", "VALUE", "CHANGED", "BY", "COMMENT"], rows.map { r in
            [String(r.version), r.valueHidden ? CLIOutput.mask : CLIOutput.safe(r.value ?? ""), CLIOutput.age(r.createdAt),
             CLIOutput.safe(r.actor ?? ""), CLIOutput.safe(r.comment)]
        }, maxWidths: [7, 60, 10, 24, 40]))
    }
}
