import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Login: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in with universal auth and store the session (XDG state dir, mode 0600).",
        discussion: "Credentials come from --client-id/--client-secret or INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET (preferred: argv is visible to other users).")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        var (config, _) = try connection.resolve()
        guard case .universalAuth(let id, let secret)? = config.credentials else {   // env/flags, or the stored session (refresh)
            throw InfisicalError(.usage, "login needs universal-auth credentials",
                                 hint: "set INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET (or --client-id/--client-secret)")
        }
        let store = SessionStore(directory: SessionStore.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        config.cachedToken = nil
        let api = try InfisicalAPI(configuration: config)
        let token = try api.login()
        let payload = JWTPayload(token: token.accessToken)
        try store.save(StoredSession(domain: config.domain.absoluteString, clientId: id, clientSecret: secret,
                                     accessToken: token.accessToken, expiresAt: token.expiresAt, identityId: payload?.identityId))
        let who = (try? api.whoami())?.identityName ?? payload?.identityName ?? payload?.identityId ?? id
        let until = token.expiresAt.map { " until \(Out.localTime(iso8601Millis($0)))" } ?? ""
        Out.line("logged in to \(config.domain.absoluteString) as \(Out.safe(who)) (token valid\(until); renewed automatically)")
        Out.note("session stored in \(store.filePath)")
    }
}
