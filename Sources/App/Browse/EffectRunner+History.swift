import Foundation
import InfisicalClient
import InfisicalModels
import TUICore

/// History overlay effects: the versions (values masked before they reach the core), one version's
/// value on request, and a rollback (the old value goes from the read to the write inside the
/// client and is never answered).
extension EffectRunner {
    static func historyWork(_ effect: HistoryEffect, api: InfisicalAPI, cancel: Cancellation, clock: @escaping @Sendable () -> Date)
        -> @Sendable () -> Answer {
        switch effect {
        case .load(let t):
            return {
                let r = Self.attempt { () throws -> HistoryListing in
                    let h = try api.secretHistory(projectId: t.projectId, environment: t.environment, path: t.path, name: t.key,
                                                  limit: 50, reveal: false, cancel: cancel)
                    return HistoryListing(current: h.current.version, versions: h.versions.map(historyVersion),
                                          refused: h.routeRefused)
                }
                return .history(.loaded(r, now: clock()))
            }
        case .reveal(let t, let version):
            return {
                let r = Self.attempt {
                    try api.secret(projectId: t.projectId, environment: t.environment, path: t.path, name: t.key, version: version,
                                   includeImports: false, viewValue: true, cancel: cancel).secretValue
                }
                return .history(.revealed(r, now: clock()))
            }
        case .rollback(let t, let version):
            // A confirmed write is not cancelled with the view: it runs to its answer.
            return {
                .history(.rolledBack(Self.attempt {
                    let r = try api.rollbackSecret(projectId: t.projectId, environment: t.environment, path: t.path, name: t.key,
                                                   toVersion: version)
                    return RollbackPreview.Written(previous: r.previousVersion, restored: r.restoredVersion, new: r.newVersion)
                }))
            }
        }
    }

    /// Metadata only: whatever value the row held stays here. `updatedAt` first: on a version row
    /// it equals `createdAt`, and on the current secret (per-version reads) it is the last write.
    static func historyVersion(_ s: Secret) -> HistoryVersion {
        HistoryVersion(version: s.version, at: (s.updatedAt ?? s.createdAt).flatMap(ISODate.parse),
                       actor: s.actor?.name, actorType: s.actor?.actorType, comment: s.secretComment ?? "")
    }
}
