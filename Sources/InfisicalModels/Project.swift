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

    /// Production is the `prod` slug (the seed's rule); writes there need an explicit opt-in.
    public var isProduction: Bool { slug == "prod" || slug == "production" }
}
