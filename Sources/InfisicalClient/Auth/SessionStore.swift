import Foundation
import InfisicalModels

/// The session `login` leaves behind: an access token, its expiry and whose it is — never the
/// client secret (a permanent credential has no place in every backup and dotfile sync). When the
/// token can no longer be renewed the user logs in again. Lives in the XDG state dir (dir 0700,
/// file 0600), written atomically; a file others can read or that another user owns is refused.
public struct StoredSession: Codable, Sendable, Equatable {
    public var domain: String
    public var accessToken: String
    public var expiresAt: Date?
    public var identityId: String?
    public var createdAt: Date
    /// `"user"` for a person's session (`login --method user`); absent for a machine identity's.
    public var kind: String?
    /// The person's email (user sessions).
    public var email: String?
    /// The `jid` refresh token of a user session. Kept because a user access token has no renew
    /// route: without it the session ends at the token's expiry. It is a credential, so it lives
    /// only here (0600 file in a 0700 dir) and is dropped by `logout`.
    public var refreshToken: String?

    public init(domain: String, accessToken: String, expiresAt: Date?, identityId: String?, createdAt: Date = Date(),
                kind: String? = nil, email: String? = nil, refreshToken: String? = nil) {
        self.domain = domain; self.accessToken = accessToken; self.expiresAt = expiresAt
        self.identityId = identityId; self.createdAt = createdAt
        self.kind = kind; self.email = email; self.refreshToken = refreshToken
    }

    public var isUserSession: Bool { kind == "user" }
}

public struct SessionStore: Sendable, Equatable {
    public var directory: String
    public var filePath: String { directory + "/session.json" }

    public init(directory: String) { self.directory = directory }

    /// `$XDG_STATE_HOME/infisical-tui`, else `~/.local/state/infisical-tui`.
    public static func defaultDirectory(environment env: [String: String]) -> String {
        XDGPaths(environment: env).stateDirectory
    }

    /// Files written before sessions stopped holding secrets carried these two fields.
    private struct Legacy: Decodable { var clientId: String?; var clientSecret: String? }

    /// The session, nil when there is none. A session file from an older version that still holds
    /// the client secret is rewritten without it on this first read (migration).
    public func load() throws -> StoredSession? {
        let fix = "if it is yours: `chmod 600 \(filePath)`; otherwise run `infisical-tui logout` (it removes the file) and log in again"
        guard let data = try PrivateFile.read(filePath, what: "the stored session", fix: fix) else { return nil }
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .custom { d in
            let text = try d.singleValueContainer().decode(String.self)
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = f.date(from: text) { return date }
            f.formatOptions = [.withInternetDateTime]
            if let date = f.date(from: text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: d.codingPath, debugDescription: "not an ISO-8601 date"))
        }
        let session: StoredSession
        do { session = try dec.decode(StoredSession.self, from: data) } catch {
            throw InfisicalError(.config, "the stored session at \(filePath) is unreadable",
                                 hint: "run `infisical-tui logout` then `infisical-tui login`")
        }
        if let legacy = try? dec.decode(Legacy.self, from: data), legacy.clientSecret != nil || legacy.clientId != nil {
            try save(session)
        }
        return session
    }

    public func save(_ session: StoredSession) throws {
        try PrivateFile.makeDirectory(directory)
        // Milliseconds kept: a short-lived token's expiry must not move a second earlier.
        let enc = JSONEncoder()
        enc.dateEncodingStrategy = .custom { date, e in var c = e.singleValueContainer(); try c.encode(iso8601Millis(date)) }
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try enc.encode(session)
        try AtomicFileWriter.write(data, to: filePath, mode: 0o600)
    }

    /// Returns true when a file was removed.
    @discardableResult
    public func delete() throws -> Bool {
        var st = stat()
        guard lstat(filePath, &st) == 0 else { return false }
        if unlink(filePath) != 0 {
            throw InfisicalError(.io, "cannot remove \(filePath): \(String(cString: strerror(errno)))")
        }
        return true
    }
}
