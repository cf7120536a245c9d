import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Secrets: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secrets")
    func run() throws { throw InfisicalError(.usage, "'secrets' is not implemented yet") }
}
