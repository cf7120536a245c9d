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
        let isProd = project.environments.first(where: { $0.slug == scope.environment })?.isProduction ?? (scope.environment == "prod")
        if isProd && !allowProduction {
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

    /// Imports first (overridden by own secrets), own secrets sorted by path depth then key; a key
    /// seen in two folders of a recursive export keeps the shallowest and is reported.
    static func entries(_ list: SecretList, basePath: String) -> ([ExportEntry], [String]) {
        var values: [String: String] = [:], origin: [String: String] = [:], order: [String] = []
        var collisions: [String] = []
        for imp in list.imports ?? [] {
            for s in imp.secrets where values[s.secretKey] == nil {
                values[s.secretKey] = s.secretValue; order.append(s.secretKey); origin[s.secretKey] = "import"
            }
        }
        let own = list.secrets.sorted {
            let (a, b) = ($0.secretPath ?? basePath, $1.secretPath ?? basePath)
            let (da, db) = (a.split(separator: "/").count, b.split(separator: "/").count)
            return (da, a, $0.secretKey) < (db, b, $1.secretKey)
        }
        var ownSeen: [String: String] = [:]
        for s in own {
            let p = s.secretPath ?? basePath
            if let first = ownSeen[s.secretKey] {
                collisions.append("\(s.secretKey) exists in \(first) and \(p); exported the one in \(first)")
                continue
            }
            ownSeen[s.secretKey] = p
            if values[s.secretKey] == nil { order.append(s.secretKey) }
            values[s.secretKey] = s.secretValue
        }
        order.sort()
        return (order.map { ExportEntry(key: $0, value: values[$0] ?? "") }, collisions)
    }
}
