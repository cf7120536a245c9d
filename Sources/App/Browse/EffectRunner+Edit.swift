import Foundation
import InfisicalClient
import InfisicalModels
import TUICore

/// Editor effects: load the value to edit, and write with an optimistic version check (the server
/// has no compare-and-set, so the runner reads the current version right before writing and
/// refuses on a mismatch: it never overwrites someone else's change it has not seen).
extension EffectRunner {
    /// The work for one editor request, run off the UI thread by `run`.
    static func editWork(_ effect: EditEffect, api: InfisicalAPI, cancel: Cancellation) -> @Sendable () -> Answer {
        switch effect {
        case .loadValue(let projectId, let env, let path, let key):
            return {
                .edit(.valueLoaded(Self.attempt {
                    let s = try api.secret(projectId: projectId, environment: env, path: path, name: key,
                                           expandReferences: false, includeImports: false, viewValue: true, cancel: cancel)
                    return EditBase(value: s.secretValue, comment: s.secretComment ?? "", version: s.version)
                }))
            }
        case .save(let request):
            // A write is not cancelled with the view: once confirmed it runs to its answer.
            return { .edit(.saved(Self.attempt { try Self.write(request, api: api) })) }
        }
    }

    static func write(_ r: EditRequest, api: InfisicalAPI) throws -> EditOutcome {
        if let expected = r.expectedVersion {
            let current = try api.secret(projectId: r.projectId, environment: r.environment, path: r.path, name: r.key,
                                         includeImports: false, viewValue: false)
            if current.version != expected {
                return .conflict(EditConflict(serverVersion: current.version, yourVersion: expected,
                                              by: current.actor?.name, at: current.updatedAt.flatMap(ISODate.parse)))
            }
        }
        switch r.operation {
        case .create(let value, let comment):
            let s = try api.createSecret(projectId: r.projectId, environment: r.environment, path: r.path, name: r.key,
                                         value: value, comment: comment.isEmpty ? nil : comment)
            return .saved(key: s.secretKey.isEmpty ? r.key : s.secretKey, version: s.version)
        case .update(let newName, let value, let comment):
            let s = try api.updateSecret(projectId: r.projectId, environment: r.environment, path: r.path, name: r.key,
                                         newName: newName, value: value, comment: comment)
            return .saved(key: newName ?? r.key, version: s.version)
        case .delete:
            try api.deleteSecret(projectId: r.projectId, environment: r.environment, path: r.path, name: r.key)
            return .deleted(key: r.key)
        }
    }
}
