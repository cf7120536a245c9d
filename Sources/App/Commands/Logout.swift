import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Logout: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "Revoke the stored session's token and delete it.")

    @OptionGroup var output: OutputOptions

    func run() throws {
        let store = SessionStore.standard(environment: ProcessInfo.processInfo.environment)
        guard let session = try? store.load() else {
            // Unreadable, or its token is in a keyring that cannot be read now: the file (and the
            // keyring entry, when it can be reached) go anyway.
            if try deleteSession(store) { CLIOutput.line("removed a session that could not be used") } else { CLIOutput.line("not logged in") }
            return
        }
        if session.isUserSession {
            // A person's session: the local copy (token and refresh token, file and keyring entry)
            // is removed; the Infisical CLI's own login, if any, is left alone.
            try deleteSession(store)
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
        try deleteSession(store)
        CLIOutput.line("logged out of \(session.domain)" + (revoked ? " (token revoked)" : ""))
    }

    /// `store.delete()`; a keyring entry that could not be cleared is a warning with the command
    /// that clears it (the file is gone by then, so the session is not used again).
    @discardableResult
    private func deleteSession(_ store: SessionStore) throws -> Bool {
        do { return try store.delete() } catch let left as SessionStore.KeyringEntryLeft {
            CLIOutput.note("warning: \(CLIOutput.safe(left.problem.message))" + (left.problem.hint.map { "\n  \(CLIOutput.safe($0))" } ?? ""))
            return true
        }
    }
}
