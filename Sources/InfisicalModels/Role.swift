/// What the caller may do in a project. Infisical's built-in slugs: viewer, member (our "Developer"),
/// admin. Identities cannot read their permissions route, so the client may derive this from a probe.
public struct ProjectRole: Codable, Sendable, Equatable {
    public var slug: String
    public init(slug: String) { self.slug = slug }

    /// Human name used by the OpticWorks guide.
    public var displayName: String {
        switch slug {
        case "viewer": return "viewer"
        case "member": return "developer"
        case "admin": return "admin"
        case "owner": return "owner"
        case "no-access": return "no access"
        default: return slug
        }
    }

    public func canWrite(environment: String) -> Bool {
        switch slug {
        case "admin", "owner": return true
        case "member": return environment != "prod"
        default: return false
        }
    }
}
