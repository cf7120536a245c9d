import Foundation
import InfisicalClient
import InfisicalModels

/// One line of `doctor`: a check that passed, failed (with a hint), or was not run because an
/// earlier one failed. `details` are short facts for `--json`; none is ever a secret or a token.
struct DoctorCheck: Encodable, Equatable {
    enum Status: String, Encodable { case pass, fail, skip }
    var name: String
    var status: Status
    var summary: String
    var hint: String?
    var elapsedMs: Int?
    var details: [String: String] = [:]
}

/// The hints, in the wording of the team guide's troubleshooting section ("Secret not found",
/// "Permission denied", "Token expired"), with this tool's commands in place of `infisical`'s.
enum DoctorHint {
    static let projectInitialization = "Secret not found? Verify project initialization: `cat .infisical.json` (workspaceId), or pass --projectId / set INFISICAL_PROJECT_ID"
    static let rightEnvironment = "Secret not found? Check you're in the right environment: --env or INFISICAL_ENVIRONMENT"
    static let rightPath = "Secret not found? Check you're in the right environment and path: --env, --path (or INFISICAL_SECRET_PATH, .infisical.json defaultSecretPath)"
    static let permissionDenied = "Permission denied: verify your role in the project, request access from a project admin, then re-login: `infisical-tui login`"
    static let tokenExpired = "Token expired: re-authenticate with `infisical-tui login`; for CI/CD, generate a new token"
    static let noCredentials = "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET or INFISICAL_TOKEN, or run `infisical-tui login`"
}

/// Runs the checks in order; each later check needs what the earlier ones established (a
/// configuration, a reachable server, a token, a project), and is skipped when that is missing.
/// The local file checks always run. Server text is escaped (`CLIOutput.safe`) as it is put in.
struct DoctorRun {
    let connection: ConnectionOptions
    var environment: [String: String] = ProcessInfo.processInfo.environment
    var now: () -> Date = Date.init

    func run() -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let safe = CLIOutput.safe

        // 1. Configuration resolution.
        var resolved: (ClientConfiguration, Scope, ResolutionSources)?
        do {
            let r = try connection.resolveExplained()
            resolved = r
            checks.append(configurationCheck(r.0, r.1, r.2))
        } catch let e as InfisicalError {
            checks.append(DoctorCheck(name: "configuration", status: .fail, summary: safe(e.message), hint: e.hint.map(safe)))
        } catch {
            checks.append(DoctorCheck(name: "configuration", status: .fail, summary: safe("\(error)")))
        }

        var api: InfisicalAPI?
        var project: Project?
        var scope: Scope?
        var role: ProjectRole?
        if case let (config, s, _)? = resolved {
            scope = s
            // 2. The server.
            do {
                let client = try InfisicalAPI(configuration: config)
                let check = serverCheck(client)
                checks.append(check)
                if check.status == .pass { api = client }
            } catch let e as InfisicalError {
                checks.append(DoctorCheck(name: "server", status: .fail, summary: safe(e.message), hint: e.hint.map(safe)))
            } catch {
                checks.append(DoctorCheck(name: "server", status: .fail, summary: safe("\(error)")))
            }
        } else {
            checks.append(skipped("server", because: "the configuration did not resolve"))
        }

        // 3. Authentication.
        var authenticated = false
        if let api, api.configuration.credentials != nil {
            let check = authenticationCheck(api)
            checks.append(check)
            authenticated = check.status == .pass
        } else {
            checks.append(skipped("authentication", because: api == nil ? "the server was not reached" : "there are no credentials"))
        }

        // 4–7. Project, role and environments; the environment; the path; listing secrets.
        if let api, authenticated, let scope {
            let (projectCheck, p, r) = self.projectCheck(api, scope)
            checks.append(projectCheck)
            project = p; role = r
        } else {
            checks.append(skipped("project", because: "not authenticated"))
        }
        if let project, let scope {
            checks.append(environmentCheck(project, scope))
        } else {
            checks.append(skipped("environment", because: "no project"))
        }
        let environmentOK = checks.last?.status == .pass
        if let api, let project, let scope, environmentOK {
            let pathCheck = self.pathCheck(api, project, scope)
            checks.append(pathCheck)
            if pathCheck.status == .pass {
                checks.append(secretsCheck(api, project, scope, role: role))
            } else {
                checks.append(skipped("secrets", because: "the path does not exist"))
            }
        } else {
            checks.append(skipped("path", because: project == nil ? "no project" : "the environment does not exist"))
            checks.append(skipped("secrets", because: project == nil ? "no project" : "the environment does not exist"))
        }

        // 8–9. Local files.
        checks.append(sessionFileCheck())
        checks.append(configDirectoryCheck())
        return checks
    }

    private func skipped(_ name: String, because reason: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .skip, summary: "not checked: \(reason)")
    }

    // MARK: the checks

    func configurationCheck(_ config: ClientConfiguration, _ scope: Scope, _ src: ResolutionSources) -> DoctorCheck {
        let safe = CLIOutput.safe
        let method = config.credentials.map { c -> String in
            if config.sessionStore != nil { return "stored session" }
            return c.methodName
        } ?? "none"
        var parts = ["domain \(safe(config.domain.absoluteString)) [\(safe(src.domain))]",
                     "credentials \(method) [\(safe(src.credentials))]",
                     "project \(scope.project.map(safe) ?? "(none)") [\(safe(src.project))]",
                     "environment \(safe(scope.environment)) [\(safe(src.environment))]",
                     "path \(safe(scope.path)) [\(safe(src.path))]"]
        if let w = config.transportWarning { parts.append("warning: \(safe(w))") }
        let details = ["domain": config.domain.absoluteString, "domainSource": src.domain,
                       "credentials": method, "credentialsSource": src.credentials,
                       "project": scope.project ?? "", "projectSource": src.project,
                       "environment": scope.environment, "environmentSource": src.environment,
                       "path": scope.path, "pathSource": src.path].mapValues(safe)
        if config.credentials == nil {
            return DoctorCheck(name: "configuration", status: .fail, summary: "no credentials; " + parts.joined(separator: ", "),
                               hint: DoctorHint.noCredentials, details: details)
        }
        return DoctorCheck(name: "configuration", status: .pass, summary: parts.joined(separator: ", "), details: details)
    }

    func serverCheck(_ api: InfisicalAPI) -> DoctorCheck {
        let safe = CLIOutput.safe
        let origin = safe(api.configuration.domain.absoluteString)
        let start = Date()
        do {
            let status = try api.serverStatus()
            let ms = Int(Date().timeIntervalSince(start) * 1000)
            let route = status.proxyVariable.map { "via the proxy in \($0)" } ?? "direct"
            let tls = api.configuration.domain.scheme?.lowercased() == "https" ? "TLS verified" : "plain http"
            var details = ["route": route, "transport": tls]
            guard status.message != nil else {
                return DoctorCheck(name: "server", status: .fail,
                                   summary: "\(origin) answered in \(ms) ms, but not like an Infisical server (GET /api/status)",
                                   hint: "check --domain / INFISICAL_DOMAIN: it should be the Infisical URL", elapsedMs: ms, details: details)
            }
            details["message"] = safe(status.message ?? "")
            return DoctorCheck(name: "server", status: .pass, summary: "\(origin) answered in \(ms) ms (\(route), \(tls))",
                               elapsedMs: ms, details: details)
        } catch let e as InfisicalError {
            let ms = Int(Date().timeIntervalSince(start) * 1000)
            return DoctorCheck(name: "server", status: .fail, summary: safe(e.message) + " after \(ms) ms", hint: e.hint.map(safe),
                               elapsedMs: ms, details: ["stage": Self.stage(of: e)])
        } catch {
            return DoctorCheck(name: "server", status: .fail, summary: safe("\(error)"))
        }
    }

    /// Which step of reaching the server broke, from the transport's error (for `--json`).
    static func stage(of e: InfisicalError) -> String {
        let m = e.message
        if m.contains("proxy") { return "proxy" }
        switch e.kind {
        case .tls: return "tls"
        case .timeout: return "timeout"
        case .unreachable: return m.contains("unknown host") ? "dns" : "tcp"
        case .config: return "url"
        default: return "http"
        }
    }

    func authenticationCheck(_ api: InfisicalAPI) -> DoctorCheck {
        let safe = CLIOutput.safe
        do {
            let who = try api.whoami()
            let name = who.identityName ?? who.identityId ?? who.userId ?? who.authMethod
            var details = ["identity": safe(name), "authMethod": safe(who.authMethod)]
            if let id = who.identityId { details["identityId"] = safe(id) }
            if let exp = who.tokenExpiresAt {
                details["tokenExpiresAt"] = iso8601Millis(exp)
                if exp <= now() {
                    return DoctorCheck(name: "authentication", status: .fail,
                                       summary: "the token for \(safe(name)) expired at \(CLIOutput.localTime(iso8601Millis(exp)))",
                                       hint: DoctorHint.tokenExpired, details: details)
                }
            }
            // Prove the server accepts the token: whoami alone tolerates refusals of its extras.
            switch api.configuration.credentials {
            case .serviceToken?: _ = try api.serviceTokenProjectId()
            default: _ = try api.listProjects()
            }
            // The identity may have been renewed by the calls above: ask again for the expiry.
            let expiry = (try? api.whoami().tokenExpiresAt) ?? who.tokenExpiresAt
            let renewal = renewalText(api.configuration)
            let when = expiry.map { "token expires in \(Self.duration($0.timeIntervalSince(now()))) (\(CLIOutput.localTime(iso8601Millis($0))))" }
                ?? "token does not expire"
            details["renewal"] = renewal
            if let e = expiry { details["tokenExpiresAt"] = iso8601Millis(e) }
            return DoctorCheck(name: "authentication", status: .pass,
                               summary: "\(safe(name)) (\(safe(who.authMethod))); \(when); \(renewal)", details: details)
        } catch let e as InfisicalError {
            let hint: String?
            switch e.kind {
            case .unauthorized where isClientLogin(api.configuration):
                hint = e.hint.map(safe) ?? DoctorHint.noCredentials   // wrong client id or secret: nothing expired
            case .tokenExpired, .unauthorized: hint = DoctorHint.tokenExpired
            case .permissionDenied: hint = DoctorHint.permissionDenied
            default: hint = e.hint.map(safe)
            }
            return DoctorCheck(name: "authentication", status: .fail, summary: safe(e.message), hint: hint,
                               details: ["errorKind": e.kind.rawValue])
        } catch {
            return DoctorCheck(name: "authentication", status: .fail, summary: safe("\(error)"))
        }
    }

    /// Universal auth with the client id and secret at hand (not a stored session's token).
    func isClientLogin(_ config: ClientConfiguration) -> Bool {
        if case .universalAuth? = config.credentials, config.sessionStore == nil { return true }
        return false
    }

    /// What happens when the token runs out, by kind of credential.
    func renewalText(_ config: ClientConfiguration) -> String {
        if config.sessionStore != nil {
            return "renewed automatically while the server allows; after that `infisical-tui login`"
        }
        switch config.credentials {
        case .universalAuth?: return "renewed automatically (or a new login with the client id and secret)"
        case .serviceToken?: return "a service token cannot be renewed: create a new one before it expires"
        case .accessToken?: return "a token given directly cannot be renewed by infisical-tui: get a new one before it expires"
        case nil: return "no credentials"
        }
    }

    /// `1h 59m`, `4m 10s`, `12s`.
    static func duration(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s >= 86_400 { return "\(s / 86_400)d \((s % 86_400) / 3600)h" }
        if s >= 3600 { return "\(s / 3600)h \((s % 3600) / 60)m" }
        if s >= 60 { return "\(s / 60)m \(s % 60)s" }
        return "\(s)s"
    }

    func projectCheck(_ api: InfisicalAPI, _ scope: Scope) -> (DoctorCheck, Project?, ProjectRole?) {
        let safe = CLIOutput.safe
        do {
            let project = try resolveProject(api, scope, checkEnvironment: false)
            let role = try? api.role(projectId: project.id)
            let envs = project.environments.map { safe($0.slug) }
            var details = ["project": safe(project.slug), "projectId": safe(project.id),
                           "environments": envs.joined(separator: ",")]
            let roleText: String
            if let r = role {
                details["role"] = safe(r.displayName)
                roleText = "role \(safe(r.displayName))" + (r.canWrite(environment: scope.environment) ? "" : " (read-only in \(safe(scope.environment)))")
            } else {
                roleText = "role unknown (the server did not say)"
            }
            return (DoctorCheck(name: "project", status: .pass,
                                summary: "\(safe(project.slug)) (\(safe(project.id))); \(roleText); environments \(envs.joined(separator: ", "))",
                                details: details), project, role)
        } catch let e as InfisicalError {
            let hint: String
            switch e.kind {
            case .permissionDenied: hint = DoctorHint.permissionDenied
            case .tokenExpired, .unauthorized: hint = DoctorHint.tokenExpired
            default: hint = DoctorHint.projectInitialization
            }
            return (DoctorCheck(name: "project", status: .fail, summary: safe(e.message), hint: hint,
                                details: ["errorKind": e.kind.rawValue]), nil, nil)
        } catch {
            return (DoctorCheck(name: "project", status: .fail, summary: safe("\(error)")), nil, nil)
        }
    }

    func environmentCheck(_ project: Project, _ scope: Scope) -> DoctorCheck {
        let safe = CLIOutput.safe
        let env = safe(scope.environment)
        if project.environments.isEmpty || project.environments.contains(where: { $0.slug == scope.environment }) {
            return DoctorCheck(name: "environment", status: .pass,
                               summary: "\(env) exists in \(safe(project.slug)) [\(safe(scope.environmentSource))]",
                               details: ["environment": env])
        }
        return DoctorCheck(name: "environment", status: .fail,
                           summary: "no environment '\(env)' in \(safe(project.slug)) (from \(safe(scope.environmentSource))); it has "
                               + project.environments.map { safe($0.slug) }.joined(separator: ", "),
                           hint: DoctorHint.rightEnvironment, details: ["environment": env])
    }

    func pathCheck(_ api: InfisicalAPI, _ project: Project, _ scope: Scope) -> DoctorCheck {
        let safe = CLIOutput.safe
        let path = scope.path
        if path == "/" {
            return DoctorCheck(name: "path", status: .pass, summary: "/ (the environment's root)", details: ["path": "/"])
        }
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        do {
            let folders = try api.listFolders(projectId: project.id, environment: scope.environment, path: parent)
            if folders.contains(where: { $0.name == name }) {
                return DoctorCheck(name: "path", status: .pass, summary: "\(safe(path)) exists in \(safe(scope.environment))",
                                   details: ["path": safe(path)])
            }
            let siblings = folders.map { safe($0.name) }
            return DoctorCheck(name: "path", status: .fail,
                               summary: "no folder \(safe(path)) in \(safe(scope.environment)) of \(safe(project.slug)); "
                                   + (siblings.isEmpty ? "\(safe(parent)) has no folders" : "folders at \(safe(parent)): \(siblings.joined(separator: ", "))"),
                               hint: DoctorHint.rightPath, details: ["path": safe(path)])
        } catch let e as InfisicalError {
            let hint = e.kind == .permissionDenied ? DoctorHint.permissionDenied : DoctorHint.rightPath
            return DoctorCheck(name: "path", status: .fail, summary: safe(e.message), hint: hint,
                               details: ["path": safe(path), "errorKind": e.kind.rawValue])
        } catch {
            return DoctorCheck(name: "path", status: .fail, summary: safe("\(error)"))
        }
    }

    /// Names only (`viewSecretValue=false`): doctor never fetches a value, so a run leaves no
    /// value in memory and no secret-read event in the audit log.
    func secretsCheck(_ api: InfisicalAPI, _ project: Project, _ scope: Scope, role: ProjectRole?) -> DoctorCheck {
        let safe = CLIOutput.safe
        do {
            let list = try api.listSecrets(projectId: project.id, environment: scope.environment, path: scope.path, viewValues: false)
            let n = list.secrets.count
            return DoctorCheck(name: "secrets", status: .pass,
                               summary: "\(n) secret\(n == 1 ? "" : "s") listed at \(safe(scope.path)) in \(safe(scope.environment)) (names only; no value fetched)",
                               details: ["count": String(n)])
        } catch let e as InfisicalError {
            let hint: String
            switch e.kind {
            case .permissionDenied: hint = DoctorHint.permissionDenied
            case .tokenExpired, .unauthorized: hint = DoctorHint.tokenExpired
            case .notFound: hint = DoctorHint.rightPath
            default: hint = e.hint.map(safe) ?? DoctorHint.permissionDenied
            }
            var details = ["errorKind": e.kind.rawValue]
            if let r = role { details["role"] = safe(r.displayName) }
            return DoctorCheck(name: "secrets", status: .fail, summary: safe(e.message), hint: hint, details: details)
        } catch {
            return DoctorCheck(name: "secrets", status: .fail, summary: safe("\(error)"))
        }
    }

    func sessionFileCheck() -> DoctorCheck {
        let safe = CLIOutput.safe
        let store = SessionStore.standard(environment: environment)
        let fix = "`chmod 700 \(safe(store.directory))` and `chmod 600 \(safe(store.filePath))` if they are yours; otherwise `infisical-tui logout` and log in again"
        if let problem = FileModes.privateDirectoryProblem(store.directory) {
            return DoctorCheck(name: "session file", status: .fail, summary: safe(problem), hint: fix)
        }
        do {
            guard let session = try store.load() else {
                return DoctorCheck(name: "session file", status: .pass, summary: "no stored session at \(safe(store.filePath)) (not logged in)")
            }
            let keyring = (try? store.backend()) == .keyring ? "; its token is in the system keyring" : ""
            return DoctorCheck(name: "session file", status: .pass,
                               summary: "\(safe(store.filePath)) is private (0600 in a 0700 directory), for \(safe(session.domain))\(keyring)")
        } catch let e as InfisicalError {
            return DoctorCheck(name: "session file", status: .fail, summary: safe(e.message), hint: e.hint.map(safe) ?? fix)
        } catch {
            return DoctorCheck(name: "session file", status: .fail, summary: safe("\(error)"), hint: fix)
        }
    }

    func configDirectoryCheck() -> DoctorCheck {
        let safe = CLIOutput.safe
        let dir = XDGPaths(environment: environment).configDirectory
        var st = stat()
        if lstat(dir, &st) != 0 {
            return DoctorCheck(name: "config dir", status: .pass, summary: "\(safe(dir)) does not exist yet (nothing stored)")
        }
        if let problem = FileModes.ownedNotWritableByOthers(dir) {
            return DoctorCheck(name: "config dir", status: .fail, summary: safe(problem),
                               hint: "`chmod go-w \(safe(dir))` if it is yours; others could plant themes or trusted domains there")
        }
        let trust = TrustedDomains(directory: dir)
        do { _ = try trust.list() } catch let e as InfisicalError {
            return DoctorCheck(name: "config dir", status: .fail, summary: safe(e.message),
                               hint: e.hint.map(safe) ?? "`chmod 600 \(safe(trust.filePath))`")
        } catch {
            return DoctorCheck(name: "config dir", status: .fail, summary: safe("\(error)"))
        }
        return DoctorCheck(name: "config dir", status: .pass, summary: "\(safe(dir)) is yours and not writable by others")
    }
}
