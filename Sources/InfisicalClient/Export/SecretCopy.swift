import Foundation
import InfisicalModels

/// Copies secrets from one environment to another without the value leaving this function: the
/// one step behind `secrets copy` and the overview's sync. The raw value is copied (references
/// stay references), with its comment. A key that already exists in the target is refused unless
/// `overwrite`; each key gets its own result, so a partial failure names what was and was not
/// written. (Infisical has batch routes; one write per key keeps the per-key answer exact and
/// works on servers without them.)
public enum SecretCopy {
    public typealias Item = SyncItem

    public enum Outcome: Equatable, Sendable {
        case created(version: Int)
        case updated(version: Int)
        /// Present in the target and `overwrite` was not given.
        case exists
        case failed(String)

        public var wrote: Bool {
            switch self { case .created, .updated: return true; default: return false }
        }
    }

    public static func run(_ api: InfisicalAPI, projectId: String, items: [Item], overwrite: Bool = false,
                           cancel: Cancellation? = nil) -> [(Item, Outcome)] {
        items.map { item in
            do {
                let source = try api.secret(projectId: projectId, environment: item.from, path: item.path, name: item.key,
                                            expandReferences: false, includeImports: false, cancel: cancel)
                if source.isValueHidden { return (item, .failed(ExportPipeline.withheld(1).message)) }
                let existing = try? api.secret(projectId: projectId, environment: item.to, path: item.path, name: item.key,
                                               includeImports: false, viewValue: false, cancel: cancel)
                if existing != nil {
                    guard overwrite else { return (item, .exists) }
                    let s = try api.updateSecret(projectId: projectId, environment: item.to, path: item.path, name: item.key,
                                                 value: source.secretValue, comment: source.secretComment, cancel: cancel)
                    return (item, .updated(version: s.version))
                }
                let s = try api.createSecret(projectId: projectId, environment: item.to, path: item.path, name: item.key,
                                             value: source.secretValue, comment: source.secretComment, cancel: cancel)
                return (item, .created(version: s.version))
            } catch let e as InfisicalError {
                return (item, .failed(e.description))
            } catch {
                return (item, .failed(String(describing: error)))
            }
        }
    }
}
