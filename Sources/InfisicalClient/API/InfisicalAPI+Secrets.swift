import Foundation
import InfisicalModels

extension InfisicalAPI {
    private struct SecretBody: Decodable { var secret: Secret? }

    private func scopeQuery(_ projectId: String, _ environment: String, _ path: String) -> [(String, String)] {
        [("projectId", projectId), ("environment", environment), ("secretPath", path)]
    }

    /// Metadata-first by default (`viewSecretValue=false`). All of `expandSecretReferences`,
    /// `recursive`, `include_imports` and `includeImports` are always sent explicitly: released
    /// servers read only `include_imports`, newer ones `includeImports` with changed defaults, and
    /// both drop unknown query keys.
    ///
    /// A path without a folder is 200 with empty arrays on older servers and 404
    /// `SecretPathNotFound` on current ones; the 404 becomes "no folder /x in dev of <project>".
    /// With `viewValues`, a caller lacking read-value permission gets 403 (not masked values):
    /// "your role in <project> (viewer) cannot read values of secrets in dev at /x".
    public func listSecrets(projectId: String, environment: String, path: String, recursive: Bool = false,
                            viewValues: Bool = false, expandReferences: Bool = false, includeImports: Bool = true,
                            fields: SecretListDecoder.Fields = .all, cancel: Cancellation? = nil) throws -> SecretList {
        let tf = { (b: Bool) in b ? "true" : "false" }
        let label = projectLabel(projectId)
        let call = Call(path: "/api/v4/secrets",
                        query: scopeQuery(projectId, environment, path) + [
                            ("viewSecretValue", tf(viewValues)), ("expandSecretReferences", tf(expandReferences)),
                            ("recursive", tf(recursive)), ("include_imports", tf(includeImports)),
                            ("includeImports", tf(includeImports))],
                        // Never keep secret values in the revalidation cache, nor rows read in part.
                        cacheable: !viewValues && fields == .all,
                        context: listContext(label, environment, path, viewValues: viewValues))
        return try withRole(projectId) {
            // The lean reader (SecretListDecoder), straight from the body bytes into rows; the body
            // is dropped on return, so a 10k list is never held twice.
            // A revisit answered 304 gets the rows kept from last time (shared with the caller's copy).
            try fetch(call, cancel: cancel) { body in
                do { return try SecretListDecoder.decode(body, fields: fields) } catch { throw ErrorMapper.malformed(origin, path: call.path) }
            }
        }
    }

    /// One secret with its value (or a historical `version`). `viewValue: false` asks for the
    /// metadata only (value masked by the server; needs no read-value permission).
    public func secret(projectId: String, environment: String, path: String, name: String, version: Int? = nil,
                       expandReferences: Bool = false, includeImports: Bool = true, viewValue: Bool = true,
                       cancel: Cancellation? = nil) throws -> Secret {
        var q = scopeQuery(projectId, environment, path) + [
            ("viewSecretValue", viewValue ? "true" : "false"), ("expandSecretReferences", expandReferences ? "true" : "false"),
            ("include_imports", includeImports ? "true" : "false"), ("includeImports", includeImports ? "true" : "false"),
            ("type", "shared")]
        if let v = version { q.append(("version", String(v))) }
        var ctx = secretContext(name, environment, path, projectId, version: version)
        ctx.denied = "cannot read \(name) in \(environment) at \(path)"
        ctx.deniedValue = viewValue ? "cannot read the value of \(name) in \(environment) at \(path)" : nil
        let call = Call(path: "/api/v4/secrets/\(percentEncode(name))", query: q, context: ctx)
        return try withRole(projectId) { try unwrap(try get(SecretBody.self, call, cancel: cancel).secret, call.path) }
    }

    public func createSecret(projectId: String, environment: String, path: String, name: String, value: String,
                             comment: String? = nil, cancel: Cancellation? = nil) throws -> Secret {
        var body = writeBody(projectId, environment, path)
        body["secretValue"] = .string(value)
        if let c = comment { body["secretComment"] = .string(c) }
        let label = projectLabel(projectId)
        var ctx = ErrorContext.scoped(project: label, environment: environment, path: path)
        ctx.notFound = ctx.folderNotFound
        ctx.denied = "cannot create secrets in \(environment) at \(path)"
        ctx.conflict = "\(name) already exists in \(environment) at \(path)"
        let call = Call(method: "POST", path: "/api/v4/secrets/\(percentEncode(name))", body: body, context: ctx)
        return try write(call, projectId: projectId, name: name, environment: environment, path: path, cancel: cancel)
    }

    /// Changes value and/or comment and/or renames (`newName`). Omitted fields stay as they are
    /// (never sent as null: the real server's PATCH schema rejects e.g. `skipMultilineEncoding: null`).
    public func updateSecret(projectId: String, environment: String, path: String, name: String, newName: String? = nil,
                             value: String? = nil, comment: String? = nil, cancel: Cancellation? = nil) throws -> Secret {
        var body = writeBody(projectId, environment, path)
        if let v = value { body["secretValue"] = .string(v) }
        if let c = comment { body["secretComment"] = .string(c) }
        if let n = newName { body["newSecretName"] = .string(n) }
        var ctx = secretContext(name, environment, path, projectId, version: nil)
        ctx.denied = "cannot change \(name) in \(environment) at \(path)"
        if let n = newName { ctx.conflict = "\(n) already exists in \(environment) at \(path)" }
        let call = Call(method: "PATCH", path: "/api/v4/secrets/\(percentEncode(name))", body: body, context: ctx)
        return try write(call, projectId: projectId, name: newName ?? name, environment: environment, path: path, cancel: cancel)
    }

    @discardableResult
    public func deleteSecret(projectId: String, environment: String, path: String, name: String,
                             cancel: Cancellation? = nil) throws -> Secret {
        var ctx = secretContext(name, environment, path, projectId, version: nil)
        ctx.denied = "cannot delete \(name) in \(environment) at \(path)"
        let call = Call(method: "DELETE", path: "/api/v4/secrets/\(percentEncode(name))",
                        body: writeBody(projectId, environment, path), context: ctx)
        return try write(call, projectId: projectId, name: name, environment: environment, path: path, cancel: cancel)
    }

    // MARK: helpers

    private func writeBody(_ projectId: String, _ environment: String, _ path: String) -> [String: JSONValue] {
        ["projectId": .string(projectId), "environment": .string(environment), "secretPath": .string(path), "type": .string("shared")]
    }

    private func secretContext(_ name: String, _ env: String, _ path: String, _ projectId: String, version: Int?) -> ErrorContext {
        let v = version.map { " (version \($0))" } ?? ""
        var c = ErrorContext.scoped(project: projectLabel(projectId), environment: env, path: path)
        c.notFound = "no \(name)\(v) in \(env) at \(path)"
        c.notFoundHint = "check --env/--path or .infisical.json"
        return c
    }

    private func listContext(_ label: String, _ env: String, _ path: String, viewValues: Bool) -> ErrorContext {
        var c = ErrorContext.scoped(project: label, environment: env, path: path)
        c.notFound = c.folderNotFound
        c.denied = "cannot read secrets in \(env) at \(path)"
        c.deniedValue = viewValues ? "cannot read values of secrets in \(env) at \(path)" : nil
        return c
    }

    /// Write responses carry only the basic secret fields (no `secretPath`, `tags`, and on POST no
    /// `secretValueHidden`), so they are decoded leniently and completed from the request.
    private func write(_ call: Call, projectId: String, name: String, environment: String, path: String,
                       cancel: Cancellation?) throws -> Secret {
        let data = try withRole(projectId) { try send(call, cancel: cancel) }
        clearCache()  // lists seen before are stale now; the next visit fetches in full.
        let json = try? JSONDecoder().decode(JSONValue.self, from: data)
        if let raw = json?["secret"],
           let s = LenientSecret.decode(raw, environment: environment, path: path, key: name) { return s }
        if json?["approval"] != nil {
            throw InfisicalError(.permissionDenied, "the change needs approval in \(projectLabel(projectId))",
                                 hint: "an approver must merge the request in Infisical")
        }
        throw ErrorMapper.malformed(origin, path: call.path)
    }

    private func unwrap(_ s: Secret?, _ path: String) throws -> Secret {
        guard let s else { throw ErrorMapper.malformed(origin, path: path) }
        return s
    }

    /// Rephrases a permission denial with the caller's role when it is knowable:
    /// "your role in store (viewer) cannot …", or "your role in store is viewer".
    func withRole<T>(_ projectId: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as InfisicalError where e.kind == .permissionDenied && e.status == 403 {
            let label = projectLabel(projectId)
            let prefix = "your role in \(label)"
            let known = (try? role(projectId: projectId)) ?? nil
            if e.message.hasPrefix(prefix + " ") {
                guard let r = known else { throw e }
                throw InfisicalError(.permissionDenied, "\(prefix) (\(r.displayName))" + e.message.dropFirst(prefix.count),
                                     hint: e.hint, status: 403)
            }
            if let r = known {
                throw InfisicalError(.permissionDenied, "\(prefix) is \(r.displayName)", hint: "ask a project admin", status: 403)
            }
            throw e
        }
    }
}

/// Builds a `Secret` from whatever secret object a server sent, filling what it left out
/// (environment, path, key) from the request. Nil when there is no id at all.
enum LenientSecret {
    static func decode(_ v: JSONValue, environment: String, path: String, key: String) -> Secret? {
        guard case .object(let o) = v, let id = (o["id"] ?? o["_id"])?.stringValue else { return nil }
        let value = o["secretValue"]?.stringValue
        let hidden: Bool? = { if case .bool(let b)? = o["secretValueHidden"] { return b }; return value == nil ? true : nil }()
        let tags: [Tag]? = {
            guard case .array(let a)? = o["tags"] else { return nil }
            return a.compactMap { t in t["slug"]?.stringValue.map { Tag(id: t["id"]?.stringValue, slug: $0, name: t["name"]?.stringValue,
                                                                        color: t["color"]?.stringValue) } }
        }()
        let actor: SecretActor? = {
            guard case .object? = o["actor"] else { return nil }
            return SecretActor(actorId: o["actor"]?["actorId"]?.stringValue, actorType: o["actor"]?["actorType"]?.stringValue,
                               name: o["actor"]?["name"]?.stringValue)
        }()
        let version: Int = { if case .number(let n)? = o["version"], n.isFinite, abs(n) < 1e9 { return Int(n) }; return 1 }()
        let flag: (String) -> Bool? = { k in if case .bool(let b)? = o[k] { return b }; return nil }
        let number: (String) -> Double? = { k in if case .number(let n)? = o[k] { return n }; return nil }
        return Secret(id: id, workspace: o["workspace"]?.stringValue, environment: o["environment"]?.stringValue ?? environment,
                      version: version, type: o["type"]?.stringValue ?? "shared", secretKey: o["secretKey"]?.stringValue ?? key,
                      secretValue: value ?? Secret.hiddenPlaceholder, secretValueHidden: hidden,
                      secretComment: o["secretComment"]?.stringValue ?? "", secretPath: o["secretPath"]?.stringValue ?? path,
                      tags: tags, secretReminderRepeatDays: number("secretReminderRepeatDays"),
                      secretReminderNote: o["secretReminderNote"]?.stringValue,
                      skipMultilineEncoding: flag("skipMultilineEncoding"), actor: actor,
                      createdAt: o["createdAt"]?.stringValue, updatedAt: o["updatedAt"]?.stringValue)
    }
}
