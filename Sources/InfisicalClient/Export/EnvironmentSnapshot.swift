import Crypto
import Foundation
import InfisicalModels

/// One environment's secrets as `EnvironmentComparison` needs them: each value replaced by an
/// HMAC-SHA256 under a key made for this process and never stored, so two values compare equal
/// or not while neither the digests nor anything derived from them can be turned back into a
/// value later (a short value cannot be brute-forced from a digest without the key).
public enum EnvironmentSnapshot {
    /// The key of this process (random per run).
    nonisolated(unsafe) static let key = SymmetricKey(size: .bits256)   // immutable after creation

    public static func digest(_ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
        return mac.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The column for a list fetched with values (`viewValues: true`, references expanded so two
    /// environments that resolve to the same value compare equal). Imported secrets count where
    /// they are imported (`basePath`), shadowed by the folder's own secret of the same key.
    public static func column(_ list: SecretList, environment: String, basePath: String) throws -> EnvironmentComparison.Column {
        var entries: [EnvironmentComparison.Location: EnvironmentComparison.Entry] = [:]
        for imp in list.imports ?? [] {
            for s in imp.secrets {
                let loc = EnvironmentComparison.Location(path: basePath, key: s.secretKey)
                if entries[loc] == nil {
                    entries[loc] = .init(digest: try digestOf(s), imported: true,
                                         mayBeSecret: EnvironmentComparison.mayBeSecret(s.secretValue))
                }
            }
        }
        for s in list.secrets {
            let loc = EnvironmentComparison.Location(path: s.secretPath ?? basePath, key: s.secretKey)
            entries[loc] = .init(digest: try digestOf(s), imported: false, mayBeSecret: EnvironmentComparison.mayBeSecret(s.secretValue))
        }
        return .init(environment: environment, isProduction: Environment.isProduction(slug: environment), entries: entries)
    }

    static func digestOf(_ s: Secret) throws -> String {
        // A placeholder for a withheld value must never compare equal to anything.
        if s.secretValueHidden == true { throw ExportPipeline.withheld(1) }
        return digest(s.secretValue)
    }

    /// Fetches one environment (one list request, recursive when asked) and reduces it to digests.
    public static func fetch(_ api: InfisicalAPI, projectId: String, environment: String, path: String, recursive: Bool,
                             cancel: Cancellation? = nil) throws -> EnvironmentComparison.Column {
        let list = try api.listSecrets(projectId: projectId, environment: environment, path: path, recursive: recursive,
                                       viewValues: true, expandReferences: true, includeImports: true, cancel: cancel)
        return try column(list, environment: environment, basePath: path)
    }
}
