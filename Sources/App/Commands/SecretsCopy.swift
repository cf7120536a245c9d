import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `secrets copy KEY… --from dev --to staging`: the overview's sync as a command. Values go from
/// one environment to the other inside the process and are never printed; each key gets a result
/// line, and a partial failure exits 1 naming what was and was not written.
struct SecretsCopy: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy secrets (value and comment) from one environment to another without showing them.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The keys to copy.") var keys: [String]
    @Option(name: .customLong("from"), help: "The source environment.") var from: String
    @Option(name: .customLong("to"), help: "The target environment.") var to: String
    @Flag(help: "Replace keys that already exist in the target.") var overwrite = false
    @Flag(help: "Allow production as the target.") var allowProduction = false

    func validate() throws {
        if keys.isEmpty { throw ValidationError("name at least one key") }
        if from == to { throw ValidationError("--from and --to are the same environment") }
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope, checkEnvironment: false)
        for env in [from, to] where !project.environments.contains(where: { $0.slug == env }) {
            CLIOutput.note("error: no environment '\(CLIOutput.safe(env))' in \(CLIOutput.safe(project.slug))")
            throw ExitCode.validationFailure
        }
        try guardProductionWrite(to, project: project, allow: allowProduction)
        let items = keys.map { SecretCopy.Item(path: scope.path, key: $0, from: from, to: to) }
        let results = SecretCopy.run(api, projectId: project.id, items: items, overwrite: overwrite)
        for (item, outcome) in results {
            let key = CLIOutput.safe(item.key)
            switch outcome {
            case .created(let v): CLIOutput.line("✓ \(key): created in \(CLIOutput.safe(to)) (v\(v))")
            case .updated(let v): CLIOutput.line("✓ \(key): replaced in \(CLIOutput.safe(to)) (v\(v))")
            case .exists: CLIOutput.line("✗ \(key): already in \(CLIOutput.safe(to)) (--overwrite replaces it)")
            case .failed(let why): CLIOutput.line("✗ \(key): \(CLIOutput.safe(why))")
            }
        }
        let wrote = results.filter { $0.1.wrote }.count
        if wrote < results.count {
            CLIOutput.note("error: copied \(wrote) of \(results.count) keys; the ✗ lines were not written")
            throw ExitCode(1)
        }
    }
}
