import Foundation
import InfisicalModels

/// What a rollback did: which version's value was restored and the version that now carries it.
/// No value: callers print and show this, never the secret.
public struct RollbackResult: Sendable, Equatable {
    public var key: String
    public var environment: String
    public var path: String
    /// The version that was current before the rollback.
    public var previousVersion: Int
    /// The version whose value was restored.
    public var restoredVersion: Int
    /// The new version written with that value.
    public var newVersion: Int
    public init(key: String, environment: String, path: String, previousVersion: Int, restoredVersion: Int, newVersion: Int) {
        self.key = key; self.environment = environment; self.path = path
        self.previousVersion = previousVersion; self.restoredVersion = restoredVersion; self.newVersion = newVersion
    }
}

extension InfisicalAPI {
    /// Restores `name`'s value from `version` by writing it as a new version (the normal update
    /// route), so nothing is deleted and the history keeps every step. The old value is read with
    /// `?version=N` (served to identities too) and goes straight into the write; it is never
    /// returned. Production and role guards are the callers' (`VersionHistoryRules`,
    /// `EditPermission`); the server's 403 still applies.
    public func rollbackSecret(projectId: String, environment: String, path: String, name: String, toVersion version: Int,
                               cancel: Cancellation? = nil) throws -> RollbackResult {
        // This folder's own secret: a rollback never writes through an import.
        let current = try secret(projectId: projectId, environment: environment, path: path, name: name,
                                 includeImports: false, viewValue: false, cancel: cancel)
        if let why = VersionHistoryRules.versionDenial(key: name, version: version, current: current.version) {
            throw InfisicalError(.usage, why, hint: "`secrets versions \(name)` lists the versions")
        }
        let old = try secret(projectId: projectId, environment: environment, path: path, name: name, version: version,
                             includeImports: false, viewValue: true, cancel: cancel)
        // A server that ignores `version` answers with the current secret: writing that back would
        // "succeed" without restoring anything.
        guard old.version == version, !old.isValueHidden else {
            throw InfisicalError(.malformedResponse, "the server did not return version \(version) of \(name)",
                                 hint: "nothing was written")
        }
        if cancel.isCancelled { throw cancelledError() }
        let written = try updateSecret(projectId: projectId, environment: environment, path: path, name: name,
                                       value: old.secretValue, cancel: cancel)
        return RollbackResult(key: name, environment: environment, path: path, previousVersion: current.version,
                              restoredVersion: version, newVersion: written.version)
    }
}
