import Foundation
import InfisicalModels

/// Finds the credentials of the Infisical CLI's own login (`infisical login`), read-only: its
/// `~/.infisical/infisical-config.json` names the logged-in user(s) and their domains, and the
/// credentials JSON (`UserCredentials`) lives in the system keyring under service
/// `infisical-cli`, account = the email, or in its encrypted `file` vault. Nothing here ever
/// writes to that storage.
public struct InfisicalCLIConfig: Decodable, Sendable, Equatable {
    public struct LoggedInUser: Decodable, Sendable, Equatable { public var email: String; public var domain: String? }
    public var loggedInUserEmail: String?
    public var loggedInUserDomain: String?
    public var loggedInUsers: [LoggedInUser]?
    public var vaultBackendType: String?
    /// The `file` vault's passphrase, base64 (what `infisical vault set file` writes).
    public var vaultBackendPassphrase: String?

    enum CodingKeys: String, CodingKey {
        case loggedInUserEmail, loggedInUserDomain = "LoggedInUserDomain", loggedInUsers, vaultBackendType, vaultBackendPassphrase
    }

    /// `~/.infisical/infisical-config.json`.
    public static func path(home: String) -> String { home + "/.infisical/infisical-config.json" }

    /// The file, when it exists, is a regular file the user owns, and parses; nil otherwise.
    public static func load(home: String) -> InfisicalCLIConfig? {
        let dir = home + "/.infisical"
        guard let data = ConfigResolver.readIfTrustworthy(path(home: home), directory: dir) else { return nil }
        return try? JSONDecoder().decode(InfisicalCLIConfig.self, from: data)
    }

    /// The email logged in for `domain`: the current user when its domain matches (or has none and
    /// `domain` is Infisical Cloud), else the first matching entry of `loggedInUsers`.
    public func email(for domain: URL) -> String? {
        func key(_ u: URL) -> String {
            var path = u.path; while path.hasSuffix("/") { path.removeLast() }
            return LoginCallbackListener.origin(of: u) + path
        }
        let wanted = key(domain)
        func matches(_ d: String?) -> Bool {
            guard let u = try? ConfigResolver.normalizeDomain(d ?? ConfigResolver.defaultDomain) else { return false }
            return key(u) == wanted
        }
        if let e = loggedInUserEmail, !e.isEmpty, matches(loggedInUserDomain) { return e }
        return loggedInUsers?.first { !$0.email.isEmpty && matches($0.domain) }?.email
    }

    /// The domain of the current user (used when nothing else names a server).
    public var currentDomain: String? {
        guard let e = loggedInUserEmail, !e.isEmpty else { return nil }
        return loggedInUserDomain
    }
}

/// Looks up the Infisical CLI's keyring entry for an email; nil when there is none.
public protocol InfisicalCLICredentialLookup: Sendable {
    func credentials(email: String) throws -> String?
}

/// The Infisical CLI's entry in the system keyring, read through the shared `SecretServiceStore`
/// with zalando/go-keyring's attributes (`service infisical-cli username <email>`). Only `lookup`
/// is ever called: nothing is stored or cleared there. (Its encrypted `file` vault is read by
/// `InfisicalFileVault`.)
public struct InfisicalCLIKeyring: InfisicalCLICredentialLookup {
    public var keyring: any SecretServiceStore
    public init(keyring: any SecretServiceStore) { self.keyring = keyring }

    public static func attributes(email: String) -> [(String, String)] { [("service", "infisical-cli"), ("username", email)] }

    /// A keyring that fails or does not answer in time means "no login found" (the user is then
    /// simply not recognised), never a hung or failed start.
    public func credentials(email: String) throws -> String? {
        (try? keyring.lookup(Self.attributes(email: email))) ?? nil
    }
}

/// Where the Infisical CLI may have put a login, tried in its own order: the system keyring, then
/// its encrypted `file` vault (it falls back to the file when the keyring fails). The first entry
/// found wins; a failing store counts as "not there".
public struct InfisicalCLILookupChain: InfisicalCLICredentialLookup {
    public var lookups: [any InfisicalCLICredentialLookup]
    public init(_ lookups: [any InfisicalCLICredentialLookup]) { self.lookups = lookups }

    /// This machine's: the Secret Service when reachable, and the file vault when the config says
    /// `file` and a passphrase is known. Nil when neither applies.
    public static func standard(home: String, environment env: [String: String]) -> InfisicalCLILookupChain? {
        var all: [any InfisicalCLICredentialLookup] = []
        if let k = SecretTool.discover(environment: env) { all.append(InfisicalCLIKeyring(keyring: k)) }
        if let cfg = InfisicalCLIConfig.load(home: home), let v = InfisicalFileVault.open(home: home, config: cfg, environment: env) {
            all.append(v)
        }
        return all.isEmpty ? nil : InfisicalCLILookupChain(all)
    }

    public func credentials(email: String) throws -> String? {
        for l in lookups { if let c = (try? l.credentials(email: email)) ?? nil { return c } }
        return nil
    }
}

/// `InfisicalCLIKeyring` over `secret-tool` found on `path`; nil when it is not installed.
public struct SecretToolLookup: InfisicalCLICredentialLookup {
    public var tool: SecretTool
    public init?(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", timeout: TimeInterval = 5,
                 environment: [String: String]? = nil) {
        guard let t = SecretTool(path: path, timeout: timeout, environment: environment) else { return nil }
        tool = t
    }

    public func credentials(email: String) throws -> String? {
        try InfisicalCLIKeyring(keyring: tool).credentials(email: email)
    }
}

public enum InfisicalCLILogin {
    /// The Infisical CLI's credentials for `domain`, or nil when it has no usable login here.
    /// The keyring value is the credentials JSON (some go-keyring versions store it base64-wrapped:
    /// `go-keyring-base64:`), parsed strictly.
    public static func find(domain: URL, home: String, lookup: InfisicalCLICredentialLookup?) -> UserCredentials? {
        guard let lookup, let cfg = InfisicalCLIConfig.load(home: home), let email = cfg.email(for: domain),
              let raw = try? lookup.credentials(email: email) else { return nil }
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var data = Data(text.utf8)
        for prefix in ["go-keyring-base64:", "go-keyring-encoded:"] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            data = prefix == "go-keyring-base64:" ? (Data(base64Encoded: text) ?? Data()) : (Data(hexString: text) ?? Data())
        }
        guard let c = UserCredentials.parse(data), c.email.lowercased() == email.lowercased() else { return nil }
        return c
    }
}

extension Data {
    init?(hexString: String) {
        var bytes = [UInt8](); var it = hexString.makeIterator()
        while let a = it.next() {
            guard let b = it.next(), let v = UInt8(String([a, b]), radix: 16) else { return nil }
            bytes.append(v)
        }
        self.init(bytes)
    }
}
