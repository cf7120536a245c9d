import ArgumentParser
import CSupport
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
        version: InfisicalTUIVersion.text(commit: buildGitCommit),
        subcommands: [Browse.self, Projects.self, Secrets.self, Export.self, Audit.self,
                      Diff.self, Rotation.self, Exposure.self, Login.self, Logout.self, Whoami.self, TrustDomain.self, Doctor.self],
        defaultSubcommand: Browse.self
    )

    /// Exit codes are part of the CLI contract: 0 ok, 1 API/usage error reported by us, 2 bad usage
    /// caught by the argument parser. Nothing ever prints a stack trace.
    static func main() {
        // Secrets live in this process's memory: no core file may carry them to disk.
        cs_disable_core_dumps()
        do {
            var command = try parseAsRoot()
            if let c = command as? HasOutputOptions { CLIOutput.keepRawBytes = c.output.raw }
            try command.run()
            fflush(nil)
            Foundation.exit(0)
        } catch let error as InfisicalError {
            fflush(nil)
            // Server-chosen text (headers, curl's message, slugs) reaches these lines: CLIOutput.note
            // applies the terminal rule.
            CLIOutput.note("error: " + error.message + (error.hint.map { "\nhint: \($0)" } ?? ""))
            Foundation.exit(1)
        } catch {
            fflush(nil)
            let code = exitCode(for: error)
            if code == .success {
                CLIOutput.line(fullMessage(for: error)); Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { CLIOutput.note(message) }
            if code == .validationFailure { Foundation.exit(2) }
            Foundation.exit(code.rawValue == 0 ? 0 : 1)
        }
    }
}
