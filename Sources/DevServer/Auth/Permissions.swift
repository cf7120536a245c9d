import Foundation

/// Project roles as CASL-like rules, evaluated on every request.
///   viewer (Viewer)   : read everything
///   member (Developer): read + create/edit/delete secrets and folders outside `prod`
///   admin  (Admin/Owner): everything
/// Production is the environment slug `prod`.
enum Permissions {
    static let production = "prod"

    enum Action: String, Sendable { case read, create, edit, delete }

    enum Subject: String, Sendable {
        case secrets
        case secretFolders = "secret-folders"
        case secretImports = "secret-imports"
        case secretRollback = "secret-rollback"
        case auditLogs = "audit-logs"
        case environments
        case role
        case member
        case workspace
    }

    struct Rule: Sendable {
        var actions: [Action]
        var subject: Subject
        var notInProduction = false

        var conditions: JSON? {
            notInProduction ? .object([("environment", .object([("$ne", .string(Permissions.production))]))]) : nil
        }
        func allows(_ action: Action, _ subject: Subject, environment: String?) -> Bool {
            guard self.subject == subject, actions.contains(action) else { return false }
            if notInProduction { return environment != nil && environment != Permissions.production }
            return true
        }
    }

    static let readAll: [Rule] = [
        Rule(actions: [.read], subject: .secrets), Rule(actions: [.read], subject: .secretFolders),
        Rule(actions: [.read], subject: .secretImports), Rule(actions: [.read], subject: .secretRollback),
        Rule(actions: [.read], subject: .auditLogs), Rule(actions: [.read], subject: .environments),
        Rule(actions: [.read], subject: .role), Rule(actions: [.read], subject: .member),
        Rule(actions: [.read], subject: .workspace),
    ]

    static func rules(forRole slug: String) -> [Rule] {
        let writes: [Action] = [.create, .edit, .delete]
        switch slug {
        case "admin":
            return [Subject.secrets, .secretFolders, .secretImports, .secretRollback, .auditLogs, .environments,
                    .role, .member, .workspace].map { Rule(actions: [.read] + writes, subject: $0) }
        case "member":
            return readAll + [
                Rule(actions: writes, subject: .secrets, notInProduction: true),
                Rule(actions: writes, subject: .secretFolders, notInProduction: true),
                Rule(actions: writes, subject: .secretImports, notInProduction: true),
            ]
        case "viewer":
            return readAll
        default:
            return []
        }
    }

    static func allowed(role: String, _ action: Action, _ subject: Subject, environment: String?) -> Bool {
        rules(forRole: role).contains { $0.allows(action, subject, environment: environment) }
    }

    /// Throws Infisical's 403 `PermissionDenied` when the role may not do this.
    static func require(role: String, _ action: Action, _ subject: Subject, environment: String?) throws {
        guard !allowed(role: role, action, subject, environment: environment) else { return }
        let details = rules(forRole: role).filter { $0.subject == subject }.flatMap { rule in
            rule.actions.map { a -> JSON in
                var pairs: [(String, JSON)] = [("action", .string(a.rawValue)), ("inverted", .bool(false)),
                                               ("subject", .string(subject.rawValue))]
                if let c = rule.conditions { pairs.append(("conditions", c)) }
                return .object(pairs)
            }
        }
        throw APIError(status: 403, name: "PermissionDenied",
                       message: "You are not allowed to \(action.rawValue) on \(subject.rawValue)", details: .array(details))
    }

    /// CASL `packRules` form, as `GET /projects/{id}/permissions` would return it.
    static func packed(role: String) -> JSON {
        .array(rules(forRole: role).map { r in
            var items: [JSON] = [.string(r.actions.map(\.rawValue).joined(separator: ",")), .string(r.subject.rawValue)]
            if let c = r.conditions { items.append(c) }
            return .array(items)
        })
    }

    /// Seed role names → Infisical project role slugs.
    static func projectSlug(forSeedRole role: String) -> String {
        switch role {
        case "viewer": return "viewer"
        case "developer": return "member"
        case "admin", "owner": return "admin"
        default: return "no-access"
        }
    }
}
