import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Whoami: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami")
    func run() throws { throw InfisicalError(.usage, "'whoami' is not implemented yet") }
}
