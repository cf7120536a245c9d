import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Logout: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logout")
    func run() throws { throw InfisicalError(.usage, "'logout' is not implemented yet") }
}
