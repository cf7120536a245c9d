import Foundation
import InfisicalModels

/// The session `login` leaves behind: enough to reuse the token and to log in again when renewal
/// is refused. Lives in the XDG state dir (dir 0700, file 0600), written atomically.
public struct StoredSession: Codable, Sendable, Equatable {
    public var domain: String
    public var clientId: String
    public var clientSecret: String
    public var accessToken: String
    public var expiresAt: Date?
    public var identityId: String?
    public var createdAt: Date

    public init(domain: String, clientId: String, clientSecret: String, accessToken: String, expiresAt: Date?,
                identityId: String?, createdAt: Date = Date()) {
        self.domain = domain; self.clientId = clientId; self.clientSecret = clientSecret
        self.accessToken = accessToken; self.expiresAt = expiresAt; self.identityId = identityId; self.createdAt = createdAt
    }
}

public struct SessionStore: Sendable, Equatable {
    public var directory: String
    public var filePath: String { directory + "/session.json" }

    public init(directory: String) { self.directory = directory }

    /// `$XDG_STATE_HOME/infisical-tui`, else `~/.local/state/infisical-tui`.
    public static func defaultDirectory(environment env: [String: String]) -> String {
        XDGPaths(environment: env).stateDirectory
    }

    public func load() throws -> StoredSession? {
        guard let data = FileManager.default.contents(atPath: filePath) else { return nil }
        let dec = JSONDecoder(); dec.dateDecodingStrategy = .iso8601
        do { return try dec.decode(StoredSession.self, from: data) } catch {
            throw InfisicalError(.config, "the stored session at \(filePath) is unreadable",
                                 hint: "run `infisical-tui logout` then `infisical-tui login`")
        }
    }

    public func save(_ session: StoredSession) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        chmod(directory, 0o700)
        let enc = JSONEncoder(); enc.dateEncodingStrategy = .iso8601; enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try enc.encode(session)
        try AtomicFileWriter.write(data, to: filePath, mode: 0o600)
    }

    /// Returns true when a file was removed.
    @discardableResult
    public func delete() throws -> Bool {
        guard FileManager.default.fileExists(atPath: filePath) else { return false }
        if unlink(filePath) != 0 {
            throw InfisicalError(.io, "cannot remove \(filePath): \(String(cString: strerror(errno)))")
        }
        return true
    }
}
