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
    /// only in the session store (the keyring, else the 0600 file) and is dropped by `logout`.
    public var refreshToken: String?

    public init(domain: String, accessToken: String, expiresAt: Date?, identityId: String?, createdAt: Date = Date(),
                kind: String? = nil, email: String? = nil, refreshToken: String? = nil) {
        self.domain = domain; self.accessToken = accessToken; self.expiresAt = expiresAt
        self.identityId = identityId; self.createdAt = createdAt
        self.kind = kind; self.email = email; self.refreshToken = refreshToken
    }

    public var isUserSession: Bool { kind == "user" }
}

/// Where a session's token and refresh token are kept.
public enum SessionBackend: String, Sendable, Equatable {
    /// The system keyring (Secret Service); the file holds only who, where and until when.
    case keyring
    /// The 0600 file alone.
    case file
}

/// The stored session: `session.json` in the XDG state dir (dir 0700, file 0600), written
/// atomically; a file others can read or that another user owns is refused. When a Secret Service
/// works (`keyring` set and a store/lookup round-trip succeeds) the token and refresh token go
/// there (service `infisical-tui`, attributes domain + email or identity) and the file says
/// `"backend": "keyring"` and holds no secret; otherwise the file holds them.
public struct SessionStore: Sendable, Equatable {
    public var directory: String
    public var filePath: String { directory + "/session.json" }
    /// The keyring to try; nil = the file only.
    public var keyring: (any SecretServiceStore)?

    public init(directory: String, keyring: (any SecretServiceStore)? = nil) {
        self.directory = directory; self.keyring = keyring
    }

    /// The default directory and this session's Secret Service, if one can be reached.
    public static func standard(environment env: [String: String]) -> SessionStore {
        SessionStore(directory: defaultDirectory(environment: env), keyring: SecretTool.discover(environment: env))
    }

    public static func == (a: SessionStore, b: SessionStore) -> Bool {
        a.directory == b.directory && (a.keyring == nil) == (b.keyring == nil)
    }

    /// `$XDG_STATE_HOME/infisical-tui`, else `~/.local/state/infisical-tui`.
    public static func defaultDirectory(environment env: [String: String]) -> String {
        XDGPaths(environment: env).stateDirectory
    }

    public static let keyringService = "infisical-tui"

    /// The file's shape: a `StoredSession`, with the two secrets absent when `backend` is keyring.
    /// (Files written before sessions stopped holding the client secret carried `clientId` and
    /// `clientSecret`; they are read, and dropped by rewriting.)
    struct FileForm: Codable {
        var domain: String
        var accessToken: String?
        var expiresAt: Date?
        var identityId: String?
        var createdAt: Date
        var kind: String?
        var email: String?
        var refreshToken: String?
        var backend: String?
        var clientId: String?
        var clientSecret: String?
    }

    /// What the keyring entry holds.
    struct KeyringSecret: Codable, Equatable { var accessToken: String; var refreshToken: String? }

    /// The entry's attributes: whose session on which server.
    static func attributes(domain: String, email: String?, identityId: String?) -> [(String, String)] {
        var a = [("service", keyringService), ("domain", domain)]
        if let email { a.append(("email", email)) } else { a.append(("identity", identityId ?? "")) }
        return a
    }

    /// Where the stored session keeps its secrets, without reading them; nil when there is none.
    public func backend() throws -> SessionBackend? {
        guard let f = try readFile() else { return nil }
        return f.backend == SessionBackend.keyring.rawValue ? .keyring : .file
    }

    /// The session, nil when there is none. A session file from an older version that still holds
    /// the client secret is rewritten without it on this first read (migration).
    public func load() throws -> StoredSession? {
        guard let f = try readFile() else { return nil }
        var session = StoredSession(domain: f.domain, accessToken: f.accessToken ?? "", expiresAt: f.expiresAt,
                                    identityId: f.identityId, createdAt: f.createdAt, kind: f.kind, email: f.email,
                                    refreshToken: f.refreshToken)
        if f.backend == SessionBackend.keyring.rawValue {
            let attrs = Self.attributes(domain: f.domain, email: f.email, identityId: f.identityId)
            let again = "run `infisical-tui logout` then `infisical-tui login`"
            guard let keyring else {
                throw InfisicalError(.config, "the session's token is in the system keyring, which cannot be reached here (no D-Bus session or no secret-tool)",
                                     hint: "run from your desktop session, or \(again)")
            }
            guard let raw = try keyring.lookup(attrs) else {
                throw InfisicalError(.config, "the session's token is no longer in the system keyring", hint: again)
            }
            guard let secret = try? JSONDecoder().decode(KeyringSecret.self, from: Data(raw.utf8)) else {
                throw InfisicalError(.config, "the session's keyring entry is unreadable", hint: again)
            }
            session.accessToken = secret.accessToken; session.refreshToken = secret.refreshToken
            return session
        }
        guard f.accessToken != nil else {
            throw InfisicalError(.config, "the stored session at \(filePath) is unreadable",
                                 hint: "run `infisical-tui logout` then `infisical-tui login`")
        }
        if f.clientSecret != nil || f.clientId != nil { try save(session) }
        return session
    }

    private func readFile() throws -> FileForm? {
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
        do { return try dec.decode(FileForm.self, from: data) } catch {
            throw InfisicalError(.config, "the stored session at \(filePath) is unreadable",
                                 hint: "run `infisical-tui logout` then `infisical-tui login`")
        }
    }

    /// Saves the session: secrets to the keyring when it round-trips, else all to the 0600 file.
    /// An entry of an earlier session that this save does not reuse is cleared.
    @discardableResult
    public func save(_ session: StoredSession) throws -> SessionBackend {
        try PrivateFile.makeDirectory(directory)
        let previous = try? readFile()
        var form = FileForm(domain: session.domain, accessToken: session.accessToken, expiresAt: session.expiresAt,
                            identityId: session.identityId, createdAt: session.createdAt, kind: session.kind,
                            email: session.email, refreshToken: session.refreshToken)
        let attrs = Self.attributes(domain: session.domain, email: session.email, identityId: session.identityId)
        var backend = SessionBackend.file
        if let keyring {
            let secret = String(decoding: try JSONEncoder().encode(KeyringSecret(accessToken: session.accessToken,
                                                                                 refreshToken: session.refreshToken)), as: UTF8.self)
            do {
                try keyring.store(label: "infisical-tui session: \(session.email ?? session.identityId ?? "machine identity") @ \(session.domain)",
                                  attributes: attrs, secret: secret)
                // Trusted only once read back: a keyring that accepts and loses entries must not
                // cost the user their session.
                guard try keyring.lookup(attrs) == secret else { throw InfisicalError(.io, "keyring read-back differs") }
                backend = .keyring
                form.accessToken = nil; form.refreshToken = nil; form.backend = SessionBackend.keyring.rawValue
            } catch {
                try? keyring.clear(attrs)
            }
        }
        // Milliseconds kept: a short-lived token's expiry must not move a second earlier.
        let enc = JSONEncoder()
        enc.dateEncodingStrategy = .custom { date, e in var c = e.singleValueContainer(); try c.encode(iso8601Millis(date)) }
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFileWriter.write(try enc.encode(form), to: filePath, mode: 0o600)
        if let p = previous, p.backend == SessionBackend.keyring.rawValue, let keyring {
            let old = Self.attributes(domain: p.domain, email: p.email, identityId: p.identityId)
            if backend == .file || !old.elementsEqual(attrs, by: { $0 == $1 }) { try? keyring.clear(old) }
        }
        return backend
    }

    /// The file was removed but its keyring entry was not (keyring unreachable or refusing): what
    /// happened, and the command that clears the entry by hand.
    public struct KeyringEntryLeft: Error, Sendable { public var problem: InfisicalError }

    /// Removes the session: its keyring entry (when it has one) and the file. Returns true when a
    /// file was removed. When the keyring entry cannot be cleared, the file is still removed and
    /// `KeyringEntryLeft` says how to clear the entry by hand.
    @discardableResult
    public func delete() throws -> Bool {
        var st = stat()
        guard lstat(filePath, &st) == 0 else { return false }
        var keyringError: InfisicalError?
        if let f = try? readFile(), f.backend == SessionBackend.keyring.rawValue {
            let attrs = Self.attributes(domain: f.domain, email: f.email, identityId: f.identityId)
            let manual = "secret-tool clear " + SecretTool.flatten(attrs).map { "'\($0)'" }.joined(separator: " ")
            if let keyring {
                do { try keyring.clear(attrs) } catch let e as InfisicalError {
                    keyringError = InfisicalError(.io, "removed \(filePath), but its keyring entry was not cleared: \(e.message)", hint: "run \(manual)")
                }
            } else {
                keyringError = InfisicalError(.io, "removed \(filePath), but the system keyring cannot be reached to clear its entry",
                                              hint: "in your desktop session run \(manual)")
            }
        }
        if unlink(filePath) != 0 {
            throw InfisicalError(.io, "cannot remove \(filePath): \(String(cString: strerror(errno)))")
        }
        if let keyringError { throw KeyringEntryLeft(problem: keyringError) }
        return true
    }
}
