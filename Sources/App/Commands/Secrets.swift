import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Secrets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets", abstract: "List, read, set and delete secrets.",
        subcommands: [SecretsList.self, SecretsGet.self, SecretsSet.self, SecretsDelete.self, SecretsVersions.self, SecretsRollback.self, SecretsCopy.self],
        defaultSubcommand: SecretsList.self)
}

/// The `--json` row of `secrets` and `secrets get` (documented in docs/cli-json.md).
struct SecretRow: Encodable {
    var key: String
    var value: String?
    var valueHidden: Bool
    var version: Int
    var path: String
    var environment: String
    var comment: String
    var type: String?
    var id: String
    var updatedAt: String?
    var importedFrom: String?

    init(_ s: Secret, path: String, importedFrom: String? = nil) {
        key = s.secretKey; valueHidden = s.isValueHidden; value = s.isValueHidden ? nil : s.secretValue
        version = s.version; self.path = s.secretPath ?? path; environment = s.environment; comment = s.secretComment ?? ""
        type = s.type; id = s.id; updatedAt = s.updatedAt; self.importedFrom = importedFrom
    }
}

struct SecretsList: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List secrets (values masked unless --reveal).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Include sub-folders.") var recursive = false
    @Flag(help: "Show values (fetched with the list; every reveal is audited).") var reveal = false
    @Flag(name: .customLong("expand"), help: "Expand ${…} references (with --reveal).") var expand = false
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        let list = try api.listSecrets(projectId: project.id, environment: scope.environment, path: scope.path,
                                       recursive: recursive, viewValues: reveal, expandReferences: expand && reveal,
                                       includeImports: true)
        CLIOutput.warnSkipped(list)
        var rows = list.secrets.map { SecretRow($0, path: scope.path) }
        for imp in list.imports ?? [] {
            rows += imp.secrets.map { SecretRow($0, path: imp.secretPath, importedFrom: "\(imp.environment):\(imp.secretPath)") }
        }
        rows.sort { ($0.path, $0.key) < ($1.path, $1.key) }
        if json { CLIOutput.raw(try CLIOutput.json(rows)); return }
        if rows.isEmpty {
            CLIOutput.note("no secrets in \(scope.environment) at \(scope.path) of \(project.slug)" + (recursive ? " (recursive)" : ""))
            return
        }
        CLIOutput.raw(CLIOutput.table(["KEY", "VALUE", "VERSION", "UPDATED", "PATH"], rows.map { r in
            let v = r.valueHidden ? CLIOutput.mask : CLIOutput.safe(r.value ?? "")
            let path = r.importedFrom.map { "\(r.path) (import \($0))" } ?? r.path
            return [CLIOutput.safe(r.key), v, String(r.version), CLIOutput.age(r.updatedAt), CLIOutput.safe(path)]
        }, maxWidths: [48, 60, 7, 10, 60]))
    }
}

struct SecretsGet: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print secret values.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Secret names.") var keys: [String]
    @Flag(help: "Print only the values, one per line (exact bytes through a pipe; escaped on a terminal unless --raw).") var plain = false
    @Flag(name: .customLong("expand"), inversion: .prefixedNo, help: "Expand ${…} references.") var expand = true
    @Option(help: "Read this historical version (one key only).") var version: Int?
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    func validate() throws {
        if keys.isEmpty { throw ValidationError("give at least one secret name") }
        if version != nil && keys.count != 1 { throw ValidationError("--version works with one key") }
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        let secrets = try keys.map {
            try api.secret(projectId: project.id, environment: scope.environment, path: scope.path, name: $0,
                           version: version, expandReferences: expand)
        }
        if json { CLIOutput.raw(try CLIOutput.json(secrets.map { SecretRow($0, path: scope.path) })); return }
        if plain { for s in secrets { CLIOutput.line(s.secretValue) }; return }
        CLIOutput.raw(CLIOutput.table(["KEY", "VALUE", "VERSION"], secrets.map {
            [CLIOutput.safe($0.secretKey), CLIOutput.safe($0.secretValue), String($0.version)]
        }))
    }
}

struct SecretsSet: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Create or update secrets: KEY=VALUE… (KEY=- reads the value from stdin).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "KEY=VALUE pairs. Values in argv are visible to other local users; prefer KEY=- with stdin.")
    var assignments: [String]
    @Option(help: "Comment to set on each secret.") var comment: String?
    @Flag(help: "Allow writing to production.") var allowProduction = false
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    func validate() throws {
        if assignments.isEmpty { throw ValidationError("give at least one KEY=VALUE") }
        for a in assignments where !a.contains("=") || a.hasPrefix("=") {
            throw ValidationError("'\(a.split(separator: "=").first.map(String.init) ?? a)' is not KEY=VALUE")
        }
        if assignments.filter({ $0.hasSuffix("=-") }).count > 1 { throw ValidationError("only one KEY=- can read stdin") }
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        try guardProductionWrite(scope.environment, project: project, allow: allowProduction)
        var results: [SecretRow] = []
        for a in assignments {
            let eq = a.firstIndex(of: "=")!
            let key = String(a[..<eq])
            var value = String(a[a.index(after: eq)...])
            if value == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                value = String(decoding: data, as: UTF8.self)
                if value.hasSuffix("\n") { value.removeLast() }
            }
            let s: Secret
            do {
                s = try api.updateSecret(projectId: project.id, environment: scope.environment, path: scope.path,
                                         name: key, value: value, comment: comment)
            } catch let e as InfisicalError where e.kind == .notFound {
                s = try api.createSecret(projectId: project.id, environment: scope.environment, path: scope.path,
                                         name: key, value: value, comment: comment)
            }
            results.append(SecretRow(s, path: scope.path))
            if !json { CLIOutput.line("set \(CLIOutput.safe(key)) in \(scope.environment) at \(scope.path) (version \(s.version))") }
        }
        if json { CLIOutput.raw(try CLIOutput.json(results.map { var r = $0; r.value = nil; r.valueHidden = true; return r })) }
    }
}

struct SecretsDelete: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete secrets.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Secret names.") var keys: [String]
    @Flag(help: "Allow deleting in production.") var allowProduction = false

    func validate() throws { if keys.isEmpty { throw ValidationError("give at least one secret name") } }

    func run() throws {
        let (api, scope) = try connection.connect()
        let project = try resolveProject(api, scope)
        try guardProductionWrite(scope.environment, project: project, allow: allowProduction)
        for k in keys {
            try api.deleteSecret(projectId: project.id, environment: scope.environment, path: scope.path, name: k)
            CLIOutput.line("deleted \(CLIOutput.safe(k)) in \(scope.environment) at \(scope.path)")
        }
    }
}
