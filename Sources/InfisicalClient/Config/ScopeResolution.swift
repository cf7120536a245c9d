import Foundation
import InfisicalModels

/// Where to look: project (id or slug), environment slug, secret path. `projectSource` etc. say
/// which rule decided, for `whoami` and error hints.
public struct Scope: Sendable, Equatable {
    public var project: String?
    public var environment: String
    public var path: String
    public var recursive: Bool
    public var environmentSource: String
    public init(project: String?, environment: String = "dev", path: String = "/", recursive: Bool = false,
                environmentSource: String = "default") {
        self.project = project; self.environment = environment; self.path = path; self.recursive = recursive
        self.environmentSource = environmentSource
    }
}

/// Raw inputs to resolution: flag values (nil when not given), the process environment and the
/// working directory. Injected so resolution is a pure, testable function.
public struct ResolutionInputs: Sendable {
    public var domain: String?
    public var token: String?
    public var clientId: String?
    public var clientSecret: String?
    public var projectId: String?
    public var environment: String?
    public var path: String?
    public var caCert: String?
    public var environmentVariables: [String: String]
    public var workingDirectory: String
    /// Directory for the stored session; nil = derive from XDG/HOME in `environmentVariables`.
    public var stateDirectory: String?
    /// Directory for `trusted-domains`; nil = derive from XDG/HOME in `environmentVariables`.
    public var configDirectory: String?
    /// Reuse the Infisical CLI's login (`~/.infisical`) when nothing else gives credentials.
    public var useInfisicalCLILogin: Bool = true
    /// How its keyring entry is read; nil = this session's Secret Service (`SecretTool.discover`).
    public var infisicalCLILookup: (any InfisicalCLICredentialLookup)?

    public init(domain: String? = nil, token: String? = nil, clientId: String? = nil, clientSecret: String? = nil,
                projectId: String? = nil, environment: String? = nil, path: String? = nil, caCert: String? = nil,
                environmentVariables: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String = FileManager.default.currentDirectoryPath, stateDirectory: String? = nil,
                configDirectory: String? = nil) {
        self.domain = domain; self.token = token; self.clientId = clientId; self.clientSecret = clientSecret
        self.projectId = projectId; self.environment = environment; self.path = path; self.caCert = caCert
        self.environmentVariables = environmentVariables; self.workingDirectory = workingDirectory
        self.stateDirectory = stateDirectory; self.configDirectory = configDirectory
    }
}

/// `.infisical.json` as `infisical init` writes it (all optional; unknown fields ignored).
public struct WorkspaceConfigFile: Decodable, Sendable, Equatable {
    public var workspaceId: String?
    public var defaultEnvironment: String?
    public var gitBranchToEnvironmentMapping: [String: String]?
    public var defaultSecretPath: String?
    public var domain: String?
    /// Directory the file was found in (not in the JSON).
    public var directory: String = ""

    enum CodingKeys: String, CodingKey {
        case workspaceId, defaultEnvironment, gitBranchToEnvironmentMapping, defaultSecretPath, domain
    }
}

/// Where each resolved setting came from (`--domain`, `INFISICAL_DOMAIN`, `.infisical.json (…)`,
/// `stored session`, `default`, …), for `doctor`. Names only: never a value of a credential.
public struct ResolutionSources: Sendable, Equatable, Codable {
    public var domain = "default"
    public var credentials = "none"
    public var project = "none"
    public var environment = "default"
    public var path = "default"
    public init() {}
}

public enum ConfigResolver {
    public static let defaultDomain = "https://app.infisical.com"

    /// Resolves server, credentials and scope in the Infisical CLI's order of precedence.
    public static func resolve(_ inputs: ResolutionInputs) throws -> (ClientConfiguration, Scope) {
        let (config, scope, _) = try resolveExplained(inputs)
        return (config, scope)
    }

    /// `resolve`, plus where each setting came from: the sources are recorded by the very rules
    /// that pick the values, so the explanation cannot drift from the resolution.
    public static func resolveExplained(_ inputs: ResolutionInputs) throws -> (ClientConfiguration, Scope, ResolutionSources) {
        var sources = ResolutionSources()
        let env = inputs.environmentVariables
        let workspace = try findWorkspaceConfig(from: inputs.workingDirectory, home: nonBlank(env["HOME"]))
        let store = SessionStore(directory: inputs.stateDirectory ?? SessionStore.defaultDirectory(environment: env),
                                 keyring: SecretTool.discover(environment: env))
        // The session is read only when it is needed, and a refused file (mode, owner) is an error then.
        var loaded: StoredSession?? = nil
        func session() throws -> StoredSession? {
            if let s = loaded { return s }
            let s = try store.load(); loaded = .some(s); return s
        }

        // Domain: flag > INFISICAL_DOMAIN > INFISICAL_API_URL > .infisical.json (http/https only, and
        // only a trusted one: see `trustedWorkspaceDomain`) > the stored session's domain > Infisical Cloud.
        var domainText: String?
        if case let (v, name)? = firstGiven([(inputs.domain, "--domain"), (env["INFISICAL_DOMAIN"], "INFISICAL_DOMAIN"),
                                       (env["INFISICAL_API_URL"], "INFISICAL_API_URL")]) {
            domainText = v; sources.domain = name
        }
        if domainText == nil, let w = workspace, let d = nonBlank(w.domain), d.hasPrefix("http://") || d.hasPrefix("https://") {
            let trust = TrustedDomains(directory: inputs.configDirectory ?? TrustedDomains.defaultDirectory(environment: env))
            domainText = try trustedWorkspaceDomain(d, file: w.directory + "/.infisical.json", sessionDomain: try session()?.domain,
                                                    trust: trust)
            sources.domain = ".infisical.json (\(w.directory))"
        }
        if domainText == nil, let s = try session() { domainText = s.domain; sources.domain = "stored session" }
        // Then the server the Infisical CLI is logged in to (its own config file, read-only).
        let home = nonBlank(env["HOME"]) ?? NSHomeDirectory()
        if domainText == nil, inputs.useInfisicalCLILogin, let d = InfisicalCLIConfig.load(home: home)?.currentDomain {
            domainText = nonBlank(d); sources.domain = "the Infisical CLI's login (~/.infisical/infisical-config.json)"
        }
        let domain = try normalizeDomain(domainText ?? defaultDomain)

        // Credentials: --token > INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN > INFISICAL_TOKEN, then
        // universal auth (flags, then env), then the stored session for this domain.
        var credentials: Credentials?
        var cached: CachedToken?
        var sessionStore: SessionStore?
        var userSession: UserSession?
        if case let (t, name)? = firstGiven([(inputs.token, "--token"),
                                       (env["INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN"], "INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN"),
                                       (env["INFISICAL_TOKEN"], "INFISICAL_TOKEN")]) {
            credentials = .token(t)
            sources.credentials = name
        } else if case let (id, name)? = firstGiven([(inputs.clientId, "--client-id"),
                                                (env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"], "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID")]) {
            sources.credentials = name
            guard let secret = nonBlank(inputs.clientSecret) ?? nonBlank(env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"]) else {
                throw InfisicalError(.config, "a client id was given but no client secret",
                                     hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET (or --client-secret)")
            }
            credentials = .universalAuth(clientId: id, clientSecret: secret)
        } else if let s = try session(), (try? normalizeDomain(s.domain)) == domain {
            // The session holds a token only (never the client secret): renewed while it can be,
            // then "log in again".
            credentials = .accessToken(s.accessToken)
            cached = CachedToken(accessToken: s.accessToken, expiresAt: s.expiresAt)
            sessionStore = store
            sources.credentials = "stored session (\(store.filePath))"
            if s.isUserSession { userSession = UserSession(email: s.email, refreshToken: s.refreshToken, source: .login) }
        } else if inputs.useInfisicalCLILogin,
                  let c = InfisicalCLILogin.find(domain: domain, home: home,
                                                 lookup: inputs.infisicalCLILookup
                                                     ?? InfisicalCLILookupChain.standard(home: home, environment: env)) {
            // Borrowed read-only: refreshed in memory at most, never written back anywhere.
            credentials = .accessToken(c.accessToken)
            cached = CachedToken(accessToken: c.accessToken, expiresAt: JWTPayload(token: c.accessToken)?.expiresAt)
            userSession = UserSession(email: c.email, refreshToken: c.refreshToken, source: .infisicalCLI)
            sources.credentials = "the Infisical CLI's login of \(c.email) (read-only)"
        }

        let caCert = nonBlank(inputs.caCert) ?? nonBlank(env["SSL_CERT_FILE"])
        var config = ClientConfiguration(domain: domain, credentials: credentials, cachedToken: cached,
                                         sessionStore: sessionStore, caCertPath: caCert)
        config.userSession = userSession

        // Scope: flag > env var > .infisical.json > default.
        let workspaceSource = ".infisical.json (\(workspace?.directory ?? ""))"
        var project: String?
        if case let (v, name)? = firstGiven([(inputs.projectId, "--projectId"), (env["INFISICAL_PROJECT_ID"], "INFISICAL_PROJECT_ID"),
                                       (workspace?.workspaceId, workspaceSource)]) {
            project = v; sources.project = name
        }
        var envSlug = "dev", envSource = "default"
        if let e = nonBlank(inputs.environment) { envSlug = e; envSource = "--env" }
        else if let e = nonBlank(env["INFISICAL_ENVIRONMENT"]) { envSlug = e; envSource = "INFISICAL_ENVIRONMENT" }
        else if let w = workspace {
            if let branch = currentGitBranch(from: w.directory), let e = nonBlank(w.gitBranchToEnvironmentMapping?[branch]) {
                envSlug = e; envSource = ".infisical.json (git branch \(branch))"
            } else if let e = nonBlank(w.defaultEnvironment) { envSlug = e; envSource = ".infisical.json" }
        }
        var pathText = "/"
        if case let (v, name)? = firstGiven([(inputs.path, "--path"), (env["INFISICAL_SECRET_PATH"], "INFISICAL_SECRET_PATH"),
                                       (workspace?.defaultSecretPath, workspaceSource)]) {
            pathText = v; sources.path = name
        }
        sources.environment = envSource
        return (config, Scope(project: project, environment: envSlug, path: normalizePath(pathText), environmentSource: envSource),
                sources)
    }

    /// Accepts `https://host`, `https://host/`, `https://host/api`, `https://host/api/`; returns the origin
    /// (keeping any sub-path before `/api`, for self-hosted setups under a prefix).
    public static func normalizeDomain(_ text: String) throws -> URL {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while s.hasSuffix("/") { s.removeLast() }
        if s.hasSuffix("/api") { s.removeLast(4) }
        while s.hasSuffix("/") { s.removeLast() }
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else {
            throw InfisicalError(.config, "'\(text)' is not an http(s) URL",
                                 hint: "use e.g. --domain https://app.infisical.com (or INFISICAL_DOMAIN)")
        }
        return url
    }

    /// `/a/b` form: leading slash, no trailing slash (except root).
    public static func normalizePath(_ p: String) -> String {
        let parts = p.split(separator: "/", omittingEmptySubsequences: true)
        return "/" + parts.joined(separator: "/")
    }

    /// A repository's `domain`, accepted only when it is the stored session's server, Infisical
    /// Cloud, or one the user trusted (`infisical-tui trust-domain`). Anything else would receive
    /// the credentials from the environment (a client secret in the login POST, a token), so it is
    /// an error naming the file and the server, raised before any request.
    static func trustedWorkspaceDomain(_ text: String, file: String, sessionDomain: String?,
                                       trust: TrustedDomains) throws -> String {
        let url = try normalizeDomain(text)
        let key = TrustedDomains.key(url)
        if let s = sessionDomain, let su = try? normalizeDomain(s), TrustedDomains.key(su) == key { return text }
        if let cloud = try? normalizeDomain(defaultDomain), TrustedDomains.key(cloud) == key { return text }
        if try trust.contains(url) { return text }
        let shown = TerminalText.escape(url.absoluteString)
        throw InfisicalError(.config,
            "\(TerminalText.escape(file)) names the server \(shown), which you have not trusted; no request was sent to it",
            hint: "if that server is yours, run `infisical-tui trust-domain \(shown)` once; or pass --domain / set INFISICAL_DOMAIN")
    }

    /// `.infisical.json` in `dir` or the nearest parent, searching no higher than the repository
    /// root (a directory holding `.git`) or `home`. A file owned by another user, or in a
    /// world-writable directory owned by someone else (`/tmp`), is never read: another local user
    /// could have planted it there.
    public static func findWorkspaceConfig(from dir: String, home: String? = nil) throws -> WorkspaceConfigFile? {
        var current = URL(fileURLWithPath: dir).standardizedFileURL
        let homePath = home.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        while true {
            let candidate = current.appendingPathComponent(".infisical.json")
            if let data = readIfTrustworthy(candidate.path, directory: current.path) {
                do {
                    var cfg = try JSONDecoder().decode(WorkspaceConfigFile.self, from: data)
                    cfg.directory = current.path
                    return cfg
                } catch {
                    throw InfisicalError(.config, "\(TerminalText.escape(candidate.path)) is not valid JSON",
                                         hint: "fix it or run `infisical init` again")
                }
            }
            var isRepoRoot = false
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { isRepoRoot = true }
            if isRepoRoot || current.path == homePath { return nil }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The file's bytes when it exists, is a regular file we own, and its directory is not a
    /// world-writable one owned by someone else; nil otherwise.
    static func readIfTrustworthy(_ path: String, directory: String) -> Data? {
        let me = geteuid()
        var dst = stat()
        guard stat(directory, &dst) == 0 else { return nil }
        if dst.st_mode & S_IWOTH != 0 && dst.st_uid != me { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == me, st.st_size <= 1 << 20 else { return nil }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: false).readDataToEndOfFile()
    }

    /// The branch named in `.git/HEAD` of the repository containing `dir` (worktrees: `.git` file
    /// with `gitdir:`). Nil when detached or not in a repository. Reads files only; never runs git.
    public static func currentGitBranch(from dir: String) -> String? {
        var current = URL(fileURLWithPath: dir).standardizedFileURL
        while true {
            let dotGit = current.appendingPathComponent(".git")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDir) {
                var gitDir = dotGit
                if !isDir.boolValue {
                    guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
                          let line = text.split(separator: "\n").first, line.hasPrefix("gitdir:") else { return nil }
                    let p = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
                    gitDir = p.hasPrefix("/") ? URL(fileURLWithPath: p) : current.appendingPathComponent(p)
                }
                guard let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8) else { return nil }
                let h = head.trimmingCharacters(in: .whitespacesAndNewlines)
                guard h.hasPrefix("ref: refs/heads/") else { return nil }
                return String(h.dropFirst("ref: refs/heads/".count))
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// `nonBlank` for the CLI: trimmed, nil when empty.
    public static func nonBlankValue(_ s: String?) -> String? { nonBlank(s) }
    /// The first non-blank candidate and the name of where it came from.
    static func firstGiven(_ candidates: [(String?, String)]) -> (String, String)? {
        for (value, name) in candidates { if let v = nonBlank(value) { return (v, name) } }
        return nil
    }

    static func nonBlank(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}
