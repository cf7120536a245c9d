/// One row of `GET /api/v1/organization/audit-logs`. Metadata objects are free-form, so they are
/// kept as JSON values and read through helpers.
public struct AuditLogEntry: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var ipAddress: String?
    public var userAgent: String?
    public var userAgentType: String?
    public var createdAt: String
    public var orgId: String?
    public var projectId: String?
    public var projectName: String?
    public var event: Event
    public var actor: Actor

    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var metadata: JSONValue?
        public init(type: String, metadata: JSONValue? = nil) { self.type = type; self.metadata = metadata }
    }

    public struct Actor: Codable, Sendable, Equatable {
        public var type: String
        public var metadata: JSONValue?
        public init(type: String, metadata: JSONValue? = nil) { self.type = type; self.metadata = metadata }

        /// A human label: email, identity name, service name, or the id.
        public var displayName: String {
            for k in ["email", "username", "name", "userId", "identityId", "serviceId"] {
                if let s = metadata?[k]?.stringValue, !s.isEmpty { return s }
            }
            return type
        }
        public var id: String? {
            for k in ["userId", "identityId", "serviceId"] { if let s = metadata?[k]?.stringValue { return s } }
            return nil
        }
    }

    public init(id: String, ipAddress: String? = nil, userAgent: String? = nil, userAgentType: String? = nil,
                createdAt: String, orgId: String? = nil, projectId: String? = nil, projectName: String? = nil,
                event: Event, actor: Actor) {
        self.id = id; self.ipAddress = ipAddress; self.userAgent = userAgent; self.userAgentType = userAgentType
        self.createdAt = createdAt; self.orgId = orgId; self.projectId = projectId; self.projectName = projectName
        self.event = event; self.actor = actor
    }

    public var environment: String? { event.metadata?["environment"]?.stringValue }
    public var secretPath: String? { event.metadata?["secretPath"]?.stringValue }
    public var secretKey: String? { event.metadata?["secretKey"]?.stringValue }

    /// The PATH/KEY column of the CLI's and the TUI's audit tables: `/stripe/STRIPE_SECRET_KEY`,
    /// `/KEY`, or the folder alone for list events (`folderPath` when there is no `secretPath`).
    /// Raw server text: callers escape it for their terminal.
    public var pathKey: String {
        let path = secretPath ?? event.metadata?["folderPath"]?.stringValue ?? ""
        guard let key = secretKey, !key.isEmpty else { return path }
        if path.isEmpty { return key }
        return path.hasSuffix("/") ? path + key : path + "/" + key
    }
}
