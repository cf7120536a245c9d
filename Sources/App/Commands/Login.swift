import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Login: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "login")
    func run() throws { throw InfisicalError(.usage, "'login' is not implemented yet") }
}
