import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Logout: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Revoke the stored session's token and delete it.")

    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = SessionStore(directory: SessionStore.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        guard let session = try? store.load() else {
            if try store.delete() { CLIOutput.line("removed an unreadable session file") } else { CLIOutput.line("not logged in") }
            return
        }
        if session.isUserSession {
            // A person's session: the local copy (token and refresh token) is removed; the Infisical
            // CLI's own login, if any, is left alone.
            try store.delete()
            CLIOutput.line("logged out of \(session.domain)" + (session.email.map { " (\(CLIOutput.safe($0)))" } ?? ""))
            return
        }
        var revoked = true
        do {
            let domain = try ConfigResolver.normalizeDomain(session.domain)
            let api = try InfisicalAPI(configuration: ClientConfiguration(domain: domain, credentials: nil))
            try api.revoke(accessToken: session.accessToken)
        } catch let e as InfisicalError {
            // An already-expired or revoked token is fine; anything else is reported but the local
            // session is still removed (the token then simply expires).
            revoked = false
            if e.kind != .tokenExpired && e.kind != .unauthorized { CLIOutput.note("warning: could not revoke the token: \(e.message)") }
        }
        try store.delete()
        CLIOutput.line("logged out of \(session.domain)" + (revoked ? " (token revoked)" : ""))
    }
}
