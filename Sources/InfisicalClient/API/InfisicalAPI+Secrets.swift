import Foundation
import InfisicalModels

extension InfisicalAPI {
    private struct SecretBody: Decodable { var secret: Secret? }
    private struct VersionsBody: Decodable { var secretVersions: [Secret] }

    private func scopeQuery(_ projectId: String, _ environment: String, _ path: String) -> [(String, String)] {
        [("projectId", projectId), ("environment", environment), ("secretPath", path)]
    }

    /// Metadata-first by default (`viewSecretValue=false`). All three of `expandSecretReferences`,
    /// `recursive`, `include_imports` (and `includeImports`) are always sent explicitly because
    /// newer servers changed their defaults.
    public func listSecrets(projectId: String, environment: String, path: String, recursive: Bool = false,
                            viewValues: Bool = false, expandReferences: Bool = false, includeImports: Bool = true,
                            cancel: Cancellation? = nil) throws -> SecretList {
        let tf = { (b: Bool) in b ? "true" : "false" }
        let call = Call(path: "/api/v4/secrets",
                        query: scopeQuery(projectId, environment, path) + [
                            ("viewSecretValue", tf(viewValues)), ("expandSecretReferences", tf(expandReferences)),
                            ("recursive", tf(recursive)), ("include_imports", tf(includeImports)),
                            ("includeImports", tf(includeImports))],
                        cacheable: !viewValues,   // never keep secret values in the revalidation cache

                        context: ErrorContext(notFound: "no folder \(path) in \(environment) of \(projectLabel(projectId))",
                                              project: projectLabel(projectId)))
        return try withRole(projectId) { try get(SecretList.self, call, cancel: cancel) }
    }

    /// One secret with its value (or a historical `version`).
    public func secret(projectId: String, environment: String, path: String, name: String, version: Int? = nil,
                       expandReferences: Bool = false, includeImports: Bool = true, cancel: Cancellation? = nil) throws -> Secret {
        var q = scopeQuery(projectId, environment, path) + [
            ("viewSecretValue", "true"), ("expandSecretReferences", expandReferences ? "true" : "false"),
            ("include_imports", includeImports ? "true" : "false"), ("includeImports", includeImports ? "true" : "false"),
            ("type", "shared")]
        if let v = version { q.append(("version", String(v))) }
        let call = Call(path: "/api/v4/secrets/\(percentEncode(name))", query: q,
                        context: notFoundContext(name, environment, path, projectId, version: version))
        return try withRole(projectId) { try unwrap(try get(SecretBody.self, call, cancel: cancel).secret, call.path) }
    }

    public func createSecret(projectId: String, environment: String, path: String, name: String, value: String,
                             comment: String? = nil, cancel: Cancellation? = nil) throws -> Secret {
        var body = writeBody(projectId, environment, path)
        body["secretValue"] = .string(value)
        if let c = comment { body["secretComment"] = .string(c) }
        let call = Call(method: "POST", path: "/api/v4/secrets/\(percentEncode(name))", body: body,
                        context: ErrorContext(notFound: "no folder \(path) in \(environment) of \(projectLabel(projectId))",
                                              project: projectLabel(projectId)))
        return try write(call, projectId: projectId, cancel: cancel)
    }

    /// Changes value and/or comment and/or renames (`newName`). Omitted fields stay as they are.
    public func updateSecret(projectId: String, environment: String, path: String, name: String, newName: String? = nil,
                             value: String? = nil, comment: String? = nil, cancel: Cancellation? = nil) throws -> Secret {
        var body = writeBody(projectId, environment, path)
        if let v = value { body["secretValue"] = .string(v) }
        if let c = comment { body["secretComment"] = .string(c) }
        if let n = newName { body["newSecretName"] = .string(n) }
        let call = Call(method: "PATCH", path: "/api/v4/secrets/\(percentEncode(name))", body: body,
                        context: notFoundContext(name, environment, path, projectId, version: nil))
        return try write(call, projectId: projectId, cancel: cancel)
    }

    @discardableResult
    public func deleteSecret(projectId: String, environment: String, path: String, name: String,
                             cancel: Cancellation? = nil) throws -> Secret {
        let call = Call(method: "DELETE", path: "/api/v4/secrets/\(percentEncode(name))",
                        body: writeBody(projectId, environment, path),
                        context: notFoundContext(name, environment, path, projectId, version: nil))
        return try write(call, projectId: projectId, cancel: cancel)
    }

    /// Version history, newest first (user tokens only on Infisical; identities get permission denied).
    public func secretVersions(secretId: String, offset: Int = 0, limit: Int = 20, cancel: Cancellation? = nil) throws -> [Secret] {
        let call = Call(path: "/api/v1/secret/\(percentEncode(secretId))/secret-versions",
                        query: [("offset", String(offset)), ("limit", String(limit))],
                        context: ErrorContext(notFound: "no secret with id \(secretId)"))
        return try get(VersionsBody.self, call, cancel: cancel).secretVersions
    }

    // MARK: helpers

    private func writeBody(_ projectId: String, _ environment: String, _ path: String) -> [String: JSONValue] {
        ["projectId": .string(projectId), "environment": .string(environment), "secretPath": .string(path), "type": .string("shared")]
    }

    private func notFoundContext(_ name: String, _ env: String, _ path: String, _ projectId: String, version: Int?) -> ErrorContext {
        let v = version.map { " (version \($0))" } ?? ""
        return ErrorContext(notFound: "no \(name)\(v) in \(env) at \(path)", notFoundHint: "check --env/--path or .infisical.json",
                            project: projectLabel(projectId))
    }

    private func write(_ call: Call, projectId: String, cancel: Cancellation?) throws -> Secret {
        let data = try withRole(projectId) { try send(call, cancel: cancel) }
        clearCache()  // lists seen before are stale now; the next visit fetches in full.
        if let s = try? JSONDecoder().decode(SecretBody.self, from: data), let secret = s.secret { return secret }
        if (try? JSONDecoder().decode([String: JSONValue].self, from: data))?["approval"] != nil {
            throw InfisicalError(.permissionDenied, "the change needs approval in \(projectLabel(projectId))",
                                 hint: "an approver must merge the request in Infisical")
        }
        throw ErrorMapper.malformed(origin, path: call.path)
    }

    private func unwrap(_ s: Secret?, _ path: String) throws -> Secret {
        guard let s else { throw ErrorMapper.malformed(origin, path: path) }
        return s
    }

    /// Rephrases a permission denial as "your role in <project> is <role>" when the role is knowable.
    func withRole<T>(_ projectId: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as InfisicalError where e.kind == .permissionDenied && e.status == 403 {
            let label = projectLabel(projectId)
            if let role = try? role(projectId: projectId) {
                throw InfisicalError(.permissionDenied, "your role in \(label) is \(role.displayName)",
                                     hint: "ask a project admin", status: 403)
            }
            throw e
        }
    }
}
