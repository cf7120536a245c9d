/// A folder as `GET /api/v2/folders` serves it.
public struct Folder: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var envId: String?
    public var parentId: String?
    public var path: String?
    /// Present on recursive lists: the folder's path relative to the listed path.
    public var relativePath: String?
    public var createdAt: String?
    public var updatedAt: String?

    public init(id: String, name: String, envId: String? = nil, parentId: String? = nil, path: String? = nil,
                relativePath: String? = nil, createdAt: String? = nil, updatedAt: String? = nil) {
        self.id = id; self.name = name; self.envId = envId; self.parentId = parentId; self.path = path
        self.relativePath = relativePath; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
