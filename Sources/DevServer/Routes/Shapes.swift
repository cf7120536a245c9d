import Foundation

/// JSON shapes of the API objects (contract §4–§7). Superset of what the SDK requires.
enum Shapes {
    static let hiddenMask = "<hidden-by-infisical>"

    static func environment(_ e: EnvRow) -> JSON {
        .object([("id", .string(e.id)), ("name", .string(e.name)), ("slug", .string(e.slug))])
    }

    static func project(_ p: ProjectRow, envs: [EnvRow], orgId: String, roles: JSON? = nil) -> JSON {
        var pairs: [(String, JSON)] = [
            ("id", .string(p.id)), ("_id", .string(p.id)), ("name", .string(p.name)), ("slug", .string(p.slug)),
            ("description", .str(p.description)), ("type", .string("secret-manager")),
            ("defaultProduct", .string("secret-manager")), ("orgId", .string(orgId)),
            ("autoCapitalization", .bool(false)), ("version", .int(3)), ("upgradeStatus", .null),
            ("pitVersionLimit", .int(10)), ("kmsCertificateKeyId", .null), ("auditLogsRetentionDays", .null),
            ("hasDeleteProtection", .bool(false)), ("secretSharing", .bool(true)),
            ("showSnapshotsLegacy", .bool(false)), ("secretDetectionIgnoreValues", .null),
            ("enforceEncryptedSecretManagerSecretMetadata", .bool(false)),
            ("createdAt", .string(Clock.iso(p.createdAt))), ("updatedAt", .string(Clock.iso(p.updatedAt))),
            ("environments", .array(envs.map(environment))),
        ]
        if let roles { pairs.append(("roles", roles)) }
        return .object(pairs)
    }

    static func folder(_ f: FolderRow, extra: [(String, JSON)] = []) -> JSON {
        .object([
            ("id", .string(f.id)), ("name", .string(f.name)), ("version", .int(f.version)), ("envId", .string(f.envId)),
            ("parentId", .str(f.parentId)), ("isReserved", .bool(false)), ("description", .str(f.description)),
            ("lastSecretModified", f.lastSecretModified.map { .string(Clock.iso($0)) } ?? .null),
            ("createdAt", .string(Clock.iso(f.createdAt))), ("updatedAt", .string(Clock.iso(f.updatedAt))),
        ] + extra)
    }

    static func tag(_ t: TagRow) -> JSON {
        .object([("id", .string(t.id)), ("slug", .string(t.slug)), ("name", .string(t.name)), ("color", .str(t.color))])
    }

    static func actor(_ a: ActorRef?) -> JSON {
        guard let a else { return .null }
        return .object([("actorId", .str(a.id)), ("actorType", .string(a.type)), ("name", .str(a.name)),
                        ("membershipId", .null), ("groupId", .null)])
    }

    static func metadata(_ raw: String) -> JSON {
        (try? JSON.parse(Data(raw.utf8))) ?? .array([])
    }

    /// A secret. `value` is the value to show (already expanded); `hidden` masks it.
    static func secret(_ s: SecretRow, projectId: String, environment: String, value: String? = nil,
                       hidden: Bool, includeDates: Bool = true) -> JSON {
        var pairs: [(String, JSON)] = [
            ("id", .string(s.id)), ("_id", .string(s.id)), ("workspace", .string(projectId)),
            ("environment", .string(environment)), ("version", .int(s.version)), ("type", .string("shared")),
            ("secretKey", .string(s.key)), ("secretValue", .string(hidden ? hiddenMask : (value ?? s.value))),
            ("secretValueHidden", .bool(hidden)), ("secretComment", .string(s.comment)),
            ("secretPath", .string(s.path)), ("skipMultilineEncoding", s.skipMultilineEncoding.map(JSON.bool) ?? .bool(false)),
            ("secretReminderNote", .str(s.reminderNote)), ("secretReminderRepeatDays", .num(s.reminderRepeatDays)),
            ("tags", .array(s.tags.map(tag))), ("secretMetadata", metadata(s.metadata)), ("actor", actor(s.actor)),
            ("isRotatedSecret", .bool(false)), ("rotationId", .null),
        ]
        if includeDates {
            pairs.append(("createdAt", .string(Clock.iso(s.createdAt))))
            pairs.append(("updatedAt", .string(Clock.iso(s.updatedAt))))
        }
        return .object(pairs)
    }

    static func secretVersion(_ v: SecretVersionRow, projectId: String, environment: String, hidden: Bool) -> JSON {
        .object([
            ("id", .string(v.id)), ("_id", .string(v.id)), ("secretId", .string(v.secretId)),
            ("workspace", .string(projectId)), ("environment", .string(environment)), ("version", .int(v.version)),
            ("type", .string("shared")), ("secretKey", .string(v.key)),
            ("secretValue", .string(hidden ? hiddenMask : v.value)), ("secretValueHidden", .bool(hidden)),
            ("secretComment", .string(v.comment)), ("createdAt", .string(Clock.iso(v.createdAt))),
            ("updatedAt", .string(Clock.iso(v.createdAt))), ("actor", actor(v.actor)),
        ])
    }
}
