import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Login: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in with universal auth and store the session token (XDG state dir, mode 0600; never the client secret).",
        discussion: """
        Credentials come from INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET or --client-id with --client-secret - \
        (the secret read from stdin, or typed without echo); a secret given in argv is visible to other users. \
        The stored token is renewed while the server allows; then run login again.
        """)
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        var (config, _) = try connection.resolve()
        guard case .universalAuth(let id, _)? = config.credentials else {
            throw InfisicalError(.usage, "login needs universal-auth credentials",
                                 hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, or pass --client-id ID --client-secret - (reads the secret from stdin)")
        }
        if let w = config.transportWarning { CLIOutput.note("warning: " + CLIOutput.safe(w)) }
        let store = SessionStore(directory: SessionStore.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        config.cachedToken = nil
        config.sessionStore = nil
        let api = try InfisicalAPI(configuration: config)
        let token = try api.login()
        let payload = JWTPayload(token: token.accessToken)
        // The token and its expiry only: the client secret stays where it came from.
        try store.save(StoredSession(domain: config.domain.absoluteString, accessToken: token.accessToken,
                                     expiresAt: token.expiresAt, identityId: payload?.identityId))
        let who = (try? api.whoami())?.identityName ?? payload?.identityName ?? payload?.identityId ?? id
        let until = token.expiresAt.map { " until \(CLIOutput.localTime(iso8601Millis($0)))" } ?? ""
        CLIOutput.line("logged in to \(config.domain.absoluteString) as \(CLIOutput.safe(who)) (token valid\(until); renewed while the server allows, then log in again)")
        CLIOutput.note("session stored in \(store.filePath) (token only, no client secret)")
    }
}
