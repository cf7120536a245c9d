import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export secrets with values as dotenv, dotenv-export, json, yaml or csv.")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Output format.") var format: ExportFormat = .dotenv
    @Option(name: .customLong("output-file"), help: "Write here atomically (mode 0600) instead of stdout.") var outputFile: String?
    @Flag(help: "Include sub-folders (keys found in several folders are reported; the shallowest wins).") var recursive = false
    @Flag(name: .customLong("expand"), inversion: .prefixedNo, help: "Expand ${…} references.") var expand = true
    @Flag(name: .customLong("include-imports"), inversion: .prefixedNo, help: "Include imported secrets.") var includeImports = true
    @Flag(help: "Allow exporting production values.") var allowProduction = false

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        if Environment.isProduction(slug: scope.environment) && !allowProduction {
            throw InfisicalError(.usage, "refusing to export production values of \(project.slug)",
                                 hint: "pass --allow-production (the seed's rule: do not use production secrets locally)")
        }
        let list = try api.listSecrets(projectId: project.id, environment: scope.environment, path: scope.path,
                                       recursive: recursive, viewValues: true, expandReferences: expand,
                                       includeImports: includeImports)
        let (entries, collisions) = Export.entries(list, basePath: scope.path)
        for c in collisions { Out.note("warning: \(Out.safe(c))") }
        let result = try ExportFormatter.render(entries, as: format)
        if format == .dotenv || format == .dotenvExport { for w in result.warnings { Out.note("warning: \(Out.safe(w))") } }
        if let path = outputFile {
            try AtomicFileWriter.write(Data(result.text.utf8), to: path, mode: 0o600)
            Out.note("wrote \(entries.count) secret\(entries.count == 1 ? "" : "s") from \(scope.environment) at \(scope.path) to \(path)")
        } else {
            // A terminal must not interpret server text; a pipe gets the exact bytes.
            Out.raw(Out.stdoutIsTTY ? TerminalText.escape(result.text, keepNewlines: true) : result.text)
        }
    }

    /// The shared rule (InfisicalClient's `ExportEntries`), so the TUI's copy-to-file agrees.
    static func entries(_ list: SecretList, basePath: String) -> ([ExportEntry], [String]) {
        let r = ExportEntries.build(list, basePath: basePath)
        return (r.entries, r.collisions)
    }
}
