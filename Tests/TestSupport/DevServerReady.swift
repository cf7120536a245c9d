/// The dev server's ready file: its URL and the seeded machine identities.
public struct DevServerReady: Decodable, Sendable {
    public struct Identity: Decodable, Sendable {
        public var name: String
        public var role: String
        public var clientId: String
        public var clientSecret: String
        public var identityId: String?
    }

    public var url: String
    public var identities: [Identity]

    public func identity(withRole role: String) -> Identity? { identities.first { $0.role == role } }
}

/// Why a dev server could not be started; `description` carries the tail of its log.
public struct DevServerError: Error, CustomStringConvertible {
    public var description: String
}
