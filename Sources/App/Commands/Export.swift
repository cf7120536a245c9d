import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export")
    func run() throws { throw InfisicalError(.usage, "'export' is not implemented yet") }
}
