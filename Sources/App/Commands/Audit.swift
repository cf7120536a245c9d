import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit")
    func run() throws { throw InfisicalError(.usage, "'audit' is not implemented yet") }
}
