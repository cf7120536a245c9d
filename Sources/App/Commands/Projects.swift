import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the client module work (issue 3).
struct Projects: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "projects")
    func run() throws { throw InfisicalError(.usage, "'projects' is not implemented yet") }
}
