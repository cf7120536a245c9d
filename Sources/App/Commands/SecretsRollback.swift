import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `secrets rollback KEY --version N`: writes version N's value as a new version (nothing is
/// deleted; the history keeps every step). Production needs --allow-production; a viewer is
/// refused before anything is read. Prints what it did, never the value.
struct SecretsRollback: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Restore an older version's value as a new version (the value is never printed).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Secret name.") var key: String
    @Option(name: .customLong("version"), help: "The version whose value to restore (see `secrets versions KEY`).")
    var version: Int
    @Flag(help: "Allow a rollback in production.") var allowProduction = false
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    struct Result: Encodable {
        var key: String
        var environment: String
        var path: String
        var previousVersion: Int
        var restoredVersion: Int
        var newVersion: Int
    }

    func validate() throws {
        if version < 1 { throw ValidationError("--version must be 1 or more") }
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        try guardProductionWrite(scope.environment, project: project, allow: allowProduction)
        // The TUI's rule for who may write (developers and above); a role the probe cannot tell
        // is left to the server, whose 403 is shown.
        if let role = try? api.role(projectId: project.id), let why = ProjectRole.writeDenial(role) {
            throw InfisicalError(.permissionDenied, "cannot roll back \(CLIOutput.safe(key)) in \(scope.environment): \(why)",
                                 hint: "a rollback writes a new version: it needs a developer role or above")
        }
        let r = try api.rollbackSecret(projectId: project.id, environment: scope.environment, path: scope.path,
                                       name: key, toVersion: version)
        if json {
            CLIOutput.raw(try CLIOutput.json(Result(key: r.key, environment: r.environment, path: r.path, previousVersion: r.previousVersion,
                                                    restoredVersion: r.restoredVersion, newVersion: r.newVersion)))
            return
        }
        CLIOutput.line("rolled back \(CLIOutput.safe(key)) in \(scope.environment) at \(CLIOutput.safe(scope.path)): "
                       + "the value of version \(r.restoredVersion) is now version \(r.newVersion) (was \(r.previousVersion))")
    }
}
