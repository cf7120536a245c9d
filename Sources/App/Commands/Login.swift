import ArgumentParser
import CSupport
import Foundation
import InfisicalClient
import InfisicalModels

/// `login`: as a person (browser, paste, or email + password with MFA: Infisical's own flows) or
/// as a machine identity (`--method universal-auth`). Flag names are the Infisical CLI's.
struct Login: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in as yourself (browser, paste or email/password) or as a machine identity, and store the session.",
        discussion: """
        As a person (--method user, the default without machine credentials): without --email a browser \
        login starts (a one-shot listener on 127.0.0.1; after 5 s, or with --paste, the token the browser \
        shows can be pasted instead). With --email (or INFISICAL_EMAIL) the password comes from \
        INFISICAL_PASSWORD, `--password -` (stdin) or a prompt without echo; MFA codes are prompted. \
        The session's token and refresh token go to the system keyring (Secret Service, through \
        secret-tool) when one is reachable, else to a 0600 file in the XDG state dir \
        (INFISICAL_TUI_KEYRING=off: always the file).
        As a machine identity (--method universal-auth): INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET or \
        --client-id with --client-secret - ; only the token is stored, never the client secret.
        """)
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(help: "user (default without machine credentials) or universal-auth.")
    var method: String?
    @Option(help: "Your email (direct login). Env: INFISICAL_EMAIL.")
    var email: String?
    @Option(help: "`-` reads it from stdin (prompted without echo on a terminal). Prefer INFISICAL_PASSWORD or `-`: argv is visible to other users.")
    var password: String?
    @Option(name: .customLong("organization-id"), help: "Organization id or slug (direct login). Env: INFISICAL_ORGANIZATION_ID.")
    var organizationId: String?
    @Flag(help: "Paste the token the browser shows instead of waiting for its callback.")
    var paste = false
    @Flag(help: "Wait for the browser callback even when stdin is not a terminal.")
    var browser = false
    @Option(name: .customLong("callback-timeout"), help: .hidden)
    var callbackTimeout: Double = 600

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let machine = connection.clientId != nil || connection.clientSecret != nil
            || ConfigResolver.nonBlankValue(env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"]) != nil
        switch method ?? (machine ? "universal-auth" : "user") {
        case "universal-auth": try machineLogin()
        case "user": try userLogin(env: env)
        case let other:
            throw InfisicalError(.usage, "unknown login method '\(CLIOutput.safe(other))'", hint: "use --method user or --method universal-auth")
        }
    }

    private var store: SessionStore {
        SessionStore.standard(environment: ProcessInfo.processInfo.environment)
    }

    private func machineLogin() throws {
        var (config, _) = try connection.resolve()
        guard case .universalAuth(let id, _)? = config.credentials else {
            throw InfisicalError(.usage, "login needs universal-auth credentials",
                                 hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, or pass --client-id ID --client-secret - (reads the secret from stdin)")
        }
        if let w = config.transportWarning { CLIOutput.note("warning: " + CLIOutput.safe(w)) }
        config.cachedToken = nil
        config.sessionStore = nil
        config.userSession = nil
        let api = try InfisicalAPI(configuration: config)
        let token = try api.login()
        let payload = JWTPayload(token: token.accessToken)
        // The token and its expiry only: the client secret stays where it came from.
        let backend = try store.save(StoredSession(domain: config.domain.absoluteString, accessToken: token.accessToken,
                                                   expiresAt: token.expiresAt, identityId: payload?.identityId))
        let who = (try? api.whoami())?.identityName ?? payload?.identityName ?? payload?.identityId ?? id
        let until = token.expiresAt.map { " until \(CLIOutput.localTime(iso8601Millis($0)))" } ?? ""
        CLIOutput.line("logged in to \(config.domain.absoluteString) as \(CLIOutput.safe(who)) (token valid\(until); renewed while the server allows, then log in again)")
        CLIOutput.note(Self.storedWhere(backend, store: store) + " (token only, no client secret)")
    }

    // MARK: as a person

    private func userLogin(env: [String: String]) throws {
        // Only the server matters here; credentials found by resolution are ignored.
        var inputs = connection.inputs()
        inputs.clientId = nil; inputs.clientSecret = nil; inputs.token = nil
        inputs.useInfisicalCLILogin = false   // no keyring lookup: we are about to log in ourselves
        var (config, _) = try ConfigResolver.resolve(inputs)
        if let t = connection.timeout, t > 0 { config.requestTimeout = t }
        if let w = config.transportWarning { CLIOutput.note("warning: " + CLIOutput.safe(w)) }
        config.credentials = nil; config.cachedToken = nil; config.sessionStore = nil; config.userSession = nil
        let api = try InfisicalAPI(configuration: config)
        let domain = config.domain.absoluteString

        let email = ConfigResolver.nonBlankValue(self.email) ?? ConfigResolver.nonBlankValue(env["INFISICAL_EMAIL"])
        let creds: UserCredentials
        var orgName: String? = nil
        if let email {
            let pw = try readPassword(env: env)
            let flow = PasswordLogin(
                email: email, password: pw,
                organizationId: ConfigResolver.nonBlankValue(organizationId) ?? ConfigResolver.nonBlankValue(env["INFISICAL_ORGANIZATION_ID"]),
                chooseOrganization: chooseOrganization,
                mfaCode: { attempt, method in
                    let what = method == "totp" ? "the code from your authenticator app" : "the code sent to \(email)"
                    let retry = attempt > 1 ? "that code was refused; " : ""
                    return try LineInput.readLine(prompt: "\(retry)MFA: enter \(what) (try \(attempt) of \(PasswordLogin.maxMFAAttempts)): ",
                                                      echo: true, what: "an MFA code")
                })
            let (c, org) = try flow.run(api)
            creds = c; orgName = org.name
        } else if paste {
            creds = try pasteLogin(api)
        } else if !browser && isatty(0) != 1 {
            // No terminal and nothing given: waiting 10 minutes for a browser nobody opens helps no one.
            throw InfisicalError(.usage, "no credentials given and no terminal for a browser login",
                                 hint: "pass --email (password via INFISICAL_PASSWORD or --password -), --paste with the token on stdin, --browser to wait for the callback anyway, or for a machine identity --client-id ID --client-secret - (reads the secret from stdin)")
        } else {
            creds = try BrowserLoginFlow.run(api: api, domain: config.domain, timeout: callbackTimeout)
        }
        let backend = try store.save(creds.storedSession(domain: domain))
        if orgName == nil, let o = try? orgOfToken(creds.accessToken, api: api) { orgName = o }
        let org = orgName.map { " in \(CLIOutput.safe($0))" } ?? ""
        CLIOutput.line("logged in to \(domain) as \(CLIOutput.safe(creds.email))\(org)")
        CLIOutput.note(Self.storedWhere(backend, store: store) + "; `infisical-tui logout` removes it")
    }

    /// Where `save` put the session, in words (the keyring's entry, or the private file).
    static func storedWhere(_ backend: SessionBackend, store: SessionStore) -> String {
        switch backend {
        case .keyring: return "session token stored in the system keyring (service \(SessionStore.keyringService)); \(store.filePath) holds no secret"
        case .file: return "session stored in \(store.filePath) (mode 0600)"
        }
    }

    private func orgOfToken(_ token: String, api: InfisicalAPI) throws -> String? {
        let orgs = try api.organizations(token: token)
        if let id = JWTPayload(token: token)?.claims["organizationId"]?.stringValue { return orgs.first { $0.id == id }?.name }
        return orgs.count == 1 ? orgs[0].name : nil
    }

    /// INFISICAL_PASSWORD, `--password -` (stdin), a literal (warned: argv), or a prompt.
    private func readPassword(env: [String: String]) throws -> String {
        if let p = password, p != "-" {
            CLIOutput.note("warning: a password in argv is visible to other users; prefer INFISICAL_PASSWORD or --password -")
            return p
        }
        if password == nil, let p = env["INFISICAL_PASSWORD"], !p.isEmpty { return p }
        let p = try LineInput.readLine(prompt: "password: ", echo: false, what: "a password")
        guard !p.isEmpty else {
            throw InfisicalError(.usage, "no password given", hint: "type it at the prompt, pipe it with --password -, or set INFISICAL_PASSWORD")
        }
        return p
    }

    private func chooseOrganization(_ orgs: [Organization]) throws -> Organization {
        let list = orgs.enumerated().map { "  \($0.offset + 1). \(CLIOutput.safe($0.element.name))  (\(CLIOutput.safe($0.element.id)))" }
        guard isatty(0) == 1 else {
            throw InfisicalError(.usage, "you belong to \(orgs.count) organizations; choose one",
                                 hint: "pass --organization-id ID (or INFISICAL_ORGANIZATION_ID):\n" + list.joined(separator: "\n"))
        }
        CLIOutput.note("organizations:\n" + list.joined(separator: "\n"))
        for _ in 0..<5 {
            let answer = try LineInput.readLine(prompt: "choose 1-\(orgs.count): ", echo: true, what: "a choice")
            if let n = Int(answer.trimmingCharacters(in: .whitespaces)), (1...orgs.count).contains(n) { return orgs[n - 1] }
        }
        throw InfisicalError(.usage, "no organization chosen", hint: "pass --organization-id ID")
    }

    private func pasteLogin(_ api: InfisicalAPI) throws -> UserCredentials {
        let text = try LineInput.readLine(prompt: "paste the login token shown in the browser: ", echo: false, what: "a token")
        return try BrowserLoginFlow.verifiedPaste(text, api: api)
    }
}

/// The browser wait's paste prompt: echo off while a line is collected from the terminal without
/// blocking (poll), echo restored by `finish` (also on Ctrl-C and errors).
final class PasteReader {
    private let enabled: Bool
    private var saved = termios()
    private var haveTermios = false
    private var prompted = false
    private var line = [UInt8]()

    init(enabled: Bool) { self.enabled = enabled }

    func prompt() {
        CLIOutput.note("…or paste the token the browser shows and press Enter (input hidden): ")
        prompted = true
    }

    func poll() throws -> String? {
        guard enabled else { return nil }
        if !prompted {
            if tcgetattr(0, &saved) == 0 {
                haveTermios = true
                var quiet = saved; quiet.c_lflag &= ~tcflag_t(ECHO); tcsetattr(0, TCSANOW, &quiet)
            }
            prompt()
        }
        var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        while Glibc.poll(&p, 1, 0) > 0 {
            var b: UInt8 = 0
            let n = read(0, &b, 1)
            if n <= 0 { return nil }
            if b == 0x0a || b == 0x0d {
                defer { line.removeAll() }
                if line.isEmpty { continue }
                return String(decoding: line, as: UTF8.self)
            }
            if line.count < 64 << 10 { line.append(b) }
        }
        return nil
    }

    func finish() {
        if haveTermios { tcsetattr(0, TCSANOW, &saved); haveTermios = false }
        if prompted { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
