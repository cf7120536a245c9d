import Foundation
import InfisicalModels

/// The export step that `infisical-tui export` and the dashboard's copy-to-file share: fetch the
/// values, refuse to write placeholders the server sent instead of values it withholds, build the
/// entries (a recursive export reports collisions), and render the format with the dotenv key
/// rule. Where the text goes (stdout, a file) is the caller's business.
public enum ExportPipeline {
    public struct Scope: Sendable {
        public var projectId: String
        public var environment: String
        public var path: String
        public var recursive: Bool
        /// One secret (the dashboard's `y`) instead of the folder.
        public var key: String?
        public var expandReferences: Bool
        public var includeImports: Bool

        public init(projectId: String, environment: String, path: String, recursive: Bool = false, key: String? = nil,
                    expandReferences: Bool = true, includeImports: Bool = true) {
            self.projectId = projectId; self.environment = environment; self.path = path; self.recursive = recursive
            self.key = key; self.expandReferences = expandReferences; self.includeImports = includeImports
        }
    }

    public struct Output: Sendable {
        public var rendered: ExportResult
        /// Entries fetched (before keys a dotenv file cannot carry were skipped).
        public var entryCount: Int
        /// "KEY exists in /a and /a/b; exported the one in /a".
        public var collisions: [String]
        /// List entries the client could not read (`SecretList.skipped`).
        public var unreadable: [String]
        public var writtenCount: Int { entryCount - rendered.skipped.count }
    }

    /// What an export writes, before it is rendered: the entries (values included) and the reports.
    public struct Fetched: Sendable {
        public var entries: [ExportEntry]
        public var collisions: [String]
        public var unreadable: [String]
    }

    public static func run(_ api: InfisicalAPI, _ scope: Scope, format: ExportFormat,
                           invalidKeys: DotenvKeyRule.Policy = .refuse, cancel: Cancellation? = nil) throws -> Output {
        let f = try fetch(api, scope, cancel: cancel)
        let rendered = try ExportFormatter.render(f.entries, as: format, invalidKeys: invalidKeys)
        return Output(rendered: rendered, entryCount: f.entries.count, collisions: f.collisions, unreadable: f.unreadable)
    }

    /// The fetch half of `run`: values, the withheld-value guard, the entries. The list itself is
    /// dropped on return (the entries share its strings), so one copy of the values is alive.
    public static func fetch(_ api: InfisicalAPI, _ scope: Scope, cancel: Cancellation? = nil) throws -> Fetched {
        let entries: [ExportEntry], collisions: [String], unreadable: [String]
        if let key = scope.key {
            let secret = try api.secret(projectId: scope.projectId, environment: scope.environment, path: scope.path,
                                        name: key, expandReferences: scope.expandReferences,
                                        includeImports: scope.includeImports, cancel: cancel)
            if secret.secretValueHidden == true { throw withheld(1) }
            entries = [ExportEntry(key: secret.secretKey.isEmpty ? key : secret.secretKey, value: secret.secretValue)]
            collisions = []; unreadable = []
        } else {
            let list = try api.listSecrets(projectId: scope.projectId, environment: scope.environment, path: scope.path,
                                           recursive: scope.recursive, viewValues: true,
                                           expandReferences: scope.expandReferences, includeImports: scope.includeImports,
                                           fields: .keysAndValues, cancel: cancel)
            // A value the server withholds arrives as a placeholder: never write that as if it were the value.
            let hidden = list.secrets.lazy.filter { $0.secretValueHidden == true }.count
                + (list.imports ?? []).reduce(0) { n, i in n + i.secrets.lazy.filter { $0.secretValueHidden == true }.count }
            if hidden > 0 { throw withheld(hidden) }
            let built = ExportEntries.build(list, basePath: scope.path)
            entries = built.entries; collisions = built.collisions; unreadable = list.skipped
        }
        if cancel?.isCancelled == true { throw InfisicalError(.cancelled, "cancelled") }
        return Fetched(entries: entries, collisions: collisions, unreadable: unreadable)
    }

    /// Renders `fetched` straight into an atomically written file (mode 0600), in chunks: the
    /// export text is never one string in memory. Nothing is written when the dotenv key rule
    /// refuses (`DotenvKeyRule.refusal`) or anything else throws.
    public static func writeFile(_ fetched: Fetched, format: ExportFormat, invalidKeys: DotenvKeyRule.Policy = .refuse,
                                 to path: String, overwrite: Bool = true) throws -> ExportSummary {
        var summary = ExportSummary()
        try AtomicFileWriter.write(to: path, mode: 0o600, overwrite: overwrite) { put in
            summary = try stream(fetched, format: format, invalidKeys: invalidKeys) { chunk in
                var c = chunk
                try c.withUTF8 { try put(UnsafeRawBufferPointer($0)) }
            }
        }
        return summary
    }

    /// Renders `fetched` in chunks of about 64 KB to `write` (stdout, a file, a byte counter).
    public static func stream(_ fetched: Fetched, format: ExportFormat, invalidKeys: DotenvKeyRule.Policy = .refuse,
                              to write: (String) throws -> Void) throws -> ExportSummary {
        var sink = ChunkedSink()
        let summary = try ExportFormatter.stream(fetched.entries, as: format, invalidKeys: invalidKeys) {
            try sink.add($0, flush: write)
        }
        try sink.finish(flush: write)
        return summary
    }

    public static func withheld(_ n: Int) -> InfisicalError {
        InfisicalError(.permissionDenied, "the server withholds \(n) value\(n == 1 ? "" : "s") from this identity; nothing written",
                       hint: "ask for read access to secret values in this environment")
    }
}
