import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// `doctor`: walks the team guide's troubleshooting list (wrong environment or path, permission
/// denied, token expired, project not initialised) and says, one line per check, what holds and
/// what to do. Exit 0 when every check passes, 1 otherwise. Never prints a secret or a token.
struct Doctor: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check configuration, server, login, project, role, path and file permissions.",
        discussion: "One line per check: ✓ passed, ✗ failed (with a hint), - not checked because an earlier check failed. Exit status 0 when all pass, 1 otherwise.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Print JSON: {\"ok\": Bool, \"checks\": [{\"name\", \"status\" (pass|fail|skip), \"summary\", \"hint\"?, \"elapsedMs\"?, \"details\"}]}.")
    var json = false

    struct Report: Encodable {
        var ok: Bool
        var checks: [DoctorCheck]
    }

    func run() throws {
        let checks = DoctorRun(connection: connection).run()
        let ok = checks.allSatisfy { $0.status == .pass }
        if json {
            CLIOutput.raw(try CLIOutput.json(Report(ok: ok, checks: checks)))
        } else {
            for c in checks { CLIOutput.line(Self.line(c)) }
        }
        fflush(nil)
        if !ok { throw ExitCode(1) }
    }

    /// `✓ name: summary`, `✗ name: summary — hint: …`, `- name: not checked: …`.
    static func line(_ c: DoctorCheck) -> String {
        let mark: String
        switch c.status {
        case .pass: mark = "✓"
        case .fail: mark = "✗"
        case .skip: mark = "-"
        }
        return "\(mark) \(c.name): \(c.summary)" + (c.hint.map { " — hint: \($0)" } ?? "")
    }
}
