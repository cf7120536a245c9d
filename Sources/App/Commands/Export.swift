import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export secrets with values as dotenv, dotenv-export, json, yaml or csv.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Output format.") var format: ExportFormat = .dotenv
    @Option(name: .customLong("output-file"), help: "Write here atomically (mode 0600) instead of stdout.") var outputFile: String?
    @Flag(help: "Include sub-folders (keys found in several folders are reported; the shallowest wins).") var recursive = false
    @Flag(name: .customLong("expand"), inversion: .prefixedNo, help: "Expand ${…} references.") var expand = true
    @Flag(name: .customLong("include-imports"), inversion: .prefixedNo, help: "Include imported secrets.") var includeImports = true
    @Flag(help: "Allow exporting production values.") var allowProduction = false
    @Flag(name: .customLong("skip-invalid-keys"),
          help: "dotenv formats: leave out keys that are not shell variable names ([A-Za-z_][A-Za-z0-9_]*) and list them, instead of refusing the export.")
    var skipInvalidKeys = false

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        if Environment.isProduction(slug: scope.environment) && !allowProduction {
            throw InfisicalError(.usage, "refusing to export production values of \(project.slug)",
                                 hint: "pass --allow-production (the seed's rule: do not use production secrets locally)")
        }
        // The step the dashboard's copy-to-file shares: values, the withheld-value guard, the
        // dotenv key rule (refused before anything is written).
        let fetched = try ExportPipeline.fetch(api, .init(projectId: project.id, environment: scope.environment, path: scope.path,
                                                          recursive: recursive, expandReferences: expand,
                                                          includeImports: includeImports))
        CLIOutput.warnSkipped(fetched.unreadable)
        for c in fetched.collisions { CLIOutput.note("warning: \(CLIOutput.safe(c))") }
        let policy: DotenvKeyRule.Policy = skipInvalidKeys ? .skip : .refuse
        // Rows are rendered straight to the file or stdout in chunks (never one big string).
        // A terminal must not interpret server text; a pipe gets the exact bytes (CLIOutput's rule).
        let result = try outputFile.map { try ExportPipeline.writeFile(fetched, format: format, invalidKeys: policy, to: $0) }
            ?? ExportPipeline.stream(fetched, format: format, invalidKeys: policy) { CLIOutput.raw($0) }
        if format == .dotenv || format == .dotenvExport { for w in result.warnings { CLIOutput.note("warning: \(CLIOutput.safe(w))") } }
        if !result.skipped.isEmpty {
            CLIOutput.note("warning: skipped \(result.skipped.count) key\(result.skipped.count == 1 ? "" : "s") a dotenv file cannot carry: \(DotenvKeyRule.list(result.skipped, limit: .max))")
        }
        let written = fetched.entries.count - result.skipped.count
        if let path = outputFile {
            CLIOutput.note("wrote \(written) secret\(written == 1 ? "" : "s") from \(scope.environment) at \(scope.path) to \(path)")
        }
    }
}
