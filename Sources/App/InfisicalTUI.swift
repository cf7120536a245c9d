import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `infisical-tui` with no subcommand opens the dashboard (Browse); the subcommands are the
/// scriptable face of the same client.
@main
struct InfisicalTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infisical-tui",
        abstract: "A terminal dashboard and CLI for the Infisical secrets manager.",
        version: InfisicalTUIVersion.current,
        subcommands: [Browse.self, Projects.self, Secrets.self, Export.self, Audit.self,
                      Login.self, Logout.self, Whoami.self, TrustDomain.self],
        defaultSubcommand: Browse.self
    )

    /// Exit codes are part of the CLI contract: 0 ok, 1 API/usage error reported by us, 2 bad usage
    /// caught by the argument parser. Nothing ever prints a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            fflush(nil)
            Foundation.exit(0)
        } catch let error as InfisicalError {
            fflush(nil)
            FileHandle.standardError.write(Data(("error: " + error.message + "\n"
                + (error.hint.map { "hint: \($0)\n" } ?? "")).utf8))
            Foundation.exit(1)
        } catch {
            fflush(nil)
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error)); fflush(nil); Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            if code == .validationFailure { Foundation.exit(2) }
            Foundation.exit(code.rawValue == 0 ? 0 : 1)
        }
    }
}
