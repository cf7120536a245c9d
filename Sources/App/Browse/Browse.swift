import ArgumentParser
import InfisicalModels

// Placeholder: replaced by the TUI work (issue 4).
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "browse", abstract: "Open the dashboard (default).")
    @Flag(help: "Start the bundled dev server with demo data and open the dashboard on it.") var demo = false
    func run() throws { throw InfisicalError(.usage, "the dashboard is not implemented yet") }
}
