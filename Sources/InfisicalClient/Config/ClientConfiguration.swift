import Foundation

/// How the client proves who it is. The kind decides what it can do on expiry: universal-auth
/// credentials can log in again; a bare token cannot.
public enum Credentials: Sendable, Equatable {
    case accessToken(String)
    case serviceToken(String)
    case universalAuth(clientId: String, clientSecret: String)

    /// `st.` tokens are legacy service tokens (the Infisical CLI's rule).
    public static func token(_ value: String) -> Credentials {
        value.hasPrefix("st.") ? .serviceToken(value) : .accessToken(value)
    }

    public var methodName: String {
        switch self {
        case .accessToken: return "access token"
        case .serviceToken: return "service token"
        case .universalAuth: return "universal auth"
        }
    }
}

/// A token obtained earlier (from `login`), reused until it expires.
public struct CachedToken: Sendable, Equatable, Codable {
    public var accessToken: String
    public var expiresAt: Date?
    public init(accessToken: String, expiresAt: Date?) { self.accessToken = accessToken; self.expiresAt = expiresAt }
}

/// A person's session (a user access token), as opposed to a machine identity's: where it came
/// from decides what may be written back (never the Infisical CLI's storage).
public struct UserSession: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        /// `infisical-tui login --method user`, stored in our session file.
        case login
        /// The Infisical CLI's own login (`infisical login`), borrowed read-only.
        case infisicalCLI
    }
    public var email: String?
    /// The `jid` refresh token, when known; nil means "log in again" at expiry.
    public var refreshToken: String?
    public var source: Source
    public init(email: String?, refreshToken: String?, source: Source) {
        self.email = email; self.refreshToken = refreshToken; self.source = source
    }

    /// For the status bar: who is signed in and how.
    public var description: String {
        let who = email ?? "a user"
        switch source {
        case .login: return "signed in as \(who)"
        case .infisicalCLI: return "using infisical login session of \(who)"
        }
    }
}

/// Everything the client needs to talk to one Infisical server.
public struct ClientConfiguration: Sendable {
    /// Origin only (`https://app.infisical.com`), never with `/api`.
    public var domain: URL
    public var credentials: Credentials?
    /// A token from a stored session to try before logging in (universal auth only).
    public var cachedToken: CachedToken?
    /// Where to persist renewed/re-issued tokens (set when the session came from `login`).
    public var sessionStore: SessionStore?
    /// Set when `credentials` is a person's access token (own login or the Infisical CLI's).
    public var userSession: UserSession?
    /// PEM bundle for private CAs (`--cacert`, else `SSL_CERT_FILE`).
    public var caCertPath: String?
    public var connectTimeout: TimeInterval
    public var requestTimeout: TimeInterval
    public var userAgent: String
    public var maxResponseBytes: Int
    /// Longest `Retry-After` we are willing to wait; longer ones fail fast with `.rateLimited`.
    public var maxRetryAfter: TimeInterval
    /// Retries for 429 (any method) and 5xx (GET only).
    public var maxRetries: Int
    /// Renew when less than this fraction of the token's lifetime is left.
    public var renewFraction: Double

    public init(domain: URL, credentials: Credentials?, cachedToken: CachedToken? = nil,
                sessionStore: SessionStore? = nil, caCertPath: String? = nil,
                connectTimeout: TimeInterval = 10, requestTimeout: TimeInterval = 60,
                userAgent: String = "infisical-tui/\(InfisicalTUIVersion.current)",
                maxResponseBytes: Int = 32 << 20, maxRetryAfter: TimeInterval = 30, maxRetries: Int = 3,
                renewFraction: Double = 0.2) {
        self.domain = domain; self.credentials = credentials; self.cachedToken = cachedToken
        self.sessionStore = sessionStore; self.caCertPath = caCertPath
        self.connectTimeout = connectTimeout; self.requestTimeout = requestTimeout; self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes; self.maxRetryAfter = maxRetryAfter; self.maxRetries = maxRetries
        self.renewFraction = renewFraction
    }

    /// `domain` + path (path starts with `/api/`).
    func url(_ path: String, query: [(String, String)] = []) -> String {
        var s = domain.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        s += path
        if !query.isEmpty {
            s += "?" + query.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
        }
        return s
    }
}

/// RFC 3986 unreserved characters pass; everything else is %-encoded (so `/` in paths is encoded
/// inside query values, which Infisical accepts, and a secret name can never escape its segment).
func percentEncode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    // alphanumerics includes non-ASCII letters; restrict to ASCII.
    var out = ""
    for b in s.utf8 {
        let c = Character(UnicodeScalar(b))
        if b < 0x80, let u = UnicodeScalar(UInt32(b)), allowed.contains(u) { out.append(c) }
        else { out += String(format: "%%%02X", b) }
    }
    return out
}
