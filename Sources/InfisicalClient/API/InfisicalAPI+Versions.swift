import Foundation
import InfisicalModels

/// A secret's recent versions, newest first, and how they were obtained.
public struct SecretHistory: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        /// `GET /api/v1/secret/{id}/secret-versions` (user tokens on Infisical).
        case versionsRoute
        /// One `GET /api/v4/secrets/{name}?version=N` per version, counting down from the current one
        /// (identities: Infisical serves the versions route to user tokens only).
        case versionReads
    }
    public var current: Secret
    public var versions: [Secret]
    public var source: Source
    /// The versions route answered 403 (Infisical refuses machine identities there): the rows were
    /// read one by one instead, and `VersionHistoryRules.personLoginNeeded` says why.
    public var routeRefused = false
}

extension InfisicalAPI {
    private struct VersionsBody: Decodable { var secretVersions: [JSONValue] }

    /// Version history, newest first (user tokens only on Infisical; identities get 403).
    /// Rows are decoded leniently: version rows carry only the basic secret fields.
    public func secretVersions(secretId: String, offset: Int = 0, limit: Int = 20, environment: String = "",
                               path: String = "/", cancel: Cancellation? = nil) throws -> [Secret] {
        let call = Call(path: "/api/v1/secret/\(percentEncode(secretId))/secret-versions",
                        query: [("offset", String(offset)), ("limit", String(limit))],
                        context: ErrorContext(notFound: "no secret with id \(secretId)"))
        return try get(VersionsBody.self, call, cancel: cancel).secretVersions.compactMap {
            LenientSecret.decode($0, environment: environment, path: path, key: "")
        }
    }

    /// The last `limit` versions of `name` at `path`, newest first. Values are masked (the
    /// placeholder, `secretValueHidden`) unless `reveal`. Uses the versions route, and when that is
    /// refused (403: identity token) or absent (404), reads `?version=N` counting down from the
    /// current version until the server has no older one (Infisical prunes old versions).
    public func secretHistory(projectId: String, environment: String, path: String, name: String, limit: Int = 10,
                              reveal: Bool = false, cancel: Cancellation? = nil) throws -> SecretHistory {
        let limit = max(1, min(100, limit))
        // This folder's own secret (not one found through an import): its versions are what we want.
        let current = try secret(projectId: projectId, environment: environment, path: path, name: name,
                                 includeImports: false, viewValue: reveal, cancel: cancel)
        let mask = { (s: Secret) -> Secret in
            guard !reveal else { return s }
            var m = s; m.secretValue = Secret.hiddenPlaceholder; m.secretValueHidden = true; return m
        }
        var refused = false
        do {
            let rows = try secretVersions(secretId: current.id, offset: 0, limit: limit, environment: environment,
                                          path: path, cancel: cancel)
            let named = rows.map { r -> Secret in var s = r; if s.secretKey.isEmpty { s.secretKey = name }; return mask(s) }
            return SecretHistory(current: mask(current), versions: named.sorted { $0.version > $1.version }, source: .versionsRoute)
        } catch let e as InfisicalError where (e.status == 403 || e.status == 404) && e.kind != .tokenExpired {
            // Fall through to per-version reads.
            refused = e.status == 403
        }
        var versions = [mask(current)]
        var v = current.version - 1
        while v >= 1 && versions.count < limit {
            if cancel.isCancelled { throw cancelledError() }
            let old: Secret
            do {
                old = try secret(projectId: projectId, environment: environment, path: path, name: name,
                                 version: v, includeImports: false, viewValue: reveal, cancel: cancel)
            } catch let e as InfisicalError where e.kind == .notFound {
                break   // Infisical prunes the oldest versions: nothing older is left.
            } catch let e as InfisicalError where refused && e.status == 403 {
                // Refused both ways: say why in words, not as a bare 403.
                throw InfisicalError(.permissionDenied, VersionHistoryRules.personLoginNeeded, hint: e.message, status: 403)
            }
            // A server that ignores `version` answers with the current one: no history to be had.
            if old.version != v { break }
            versions.append(mask(old))
            v -= 1
        }
        var history = SecretHistory(current: mask(current), versions: versions, source: .versionReads)
        history.routeRefused = refused
        return history
    }
}
