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

    public static func run(_ api: InfisicalAPI, _ scope: Scope, format: ExportFormat,
                           invalidKeys: DotenvKeyRule.Policy = .refuse, cancel: Cancellation? = nil) throws -> Output {
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
                                           cancel: cancel)
            // A value the server withholds arrives as a placeholder: never write that as if it were the value.
            let hidden = (list.secrets + (list.imports ?? []).flatMap(\.secrets)).filter { $0.secretValueHidden == true }.count
            if hidden > 0 { throw withheld(hidden) }
            let built = ExportEntries.build(list, basePath: scope.path)
            entries = built.entries; collisions = built.collisions; unreadable = list.skipped
        }
        if cancel?.isCancelled == true { throw InfisicalError(.cancelled, "cancelled") }
        let rendered = try ExportFormatter.render(entries, as: format, invalidKeys: invalidKeys)
        return Output(rendered: rendered, entryCount: entries.count, collisions: collisions, unreadable: unreadable)
    }

    public static func withheld(_ n: Int) -> InfisicalError {
        InfisicalError(.permissionDenied, "the server withholds \(n) value\(n == 1 ? "" : "s") from this identity; nothing written",
                       hint: "ask for read access to secret values in this environment")
    }
}
