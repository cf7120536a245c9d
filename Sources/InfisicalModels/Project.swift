/// A project ("workspace") as `GET /api/v1/projects` serves it. Only the fields the client uses;
/// the server may send more (ignored) or omit optional ones.
public struct Project: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var slug: String
    public var type: String?
    public var orgId: String?
    public var description: String?
    public var environments: [Environment]
    public var createdAt: String?
    public var updatedAt: String?

    public init(id: String, name: String, slug: String, type: String? = "secret-manager", orgId: String? = nil,
                description: String? = nil, environments: [Environment], createdAt: String? = nil, updatedAt: String? = nil) {
        self.id = id; self.name = name; self.slug = slug; self.type = type; self.orgId = orgId
        self.description = description; self.environments = environments
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct Environment: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var slug: String

    public init(id: String, name: String, slug: String) { self.id = id; self.name = name; self.slug = slug }

    /// Production is the `prod` (or `production`) slug, the seed's rule: writes and exports need an
    /// explicit opt-in in the CLI, reveals a confirmation and edits are refused in the TUI.
    public var isProduction: Bool { Environment.isProduction(slug: slug) }

    /// The one production check, for a bare slug too (an imported row's environment, `--env`), so
    /// the CLI and the TUI cannot disagree about an environment missing from the project's list.
    public static func isProduction(slug: String) -> Bool { slug == "prod" || slug == "production" }
}
