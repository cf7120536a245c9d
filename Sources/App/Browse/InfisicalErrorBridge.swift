import InfisicalModels
import TerminalShell

/// Terminal start-up failures become ordinary one-line CLI errors (exit 1, message + hint).
enum InfisicalErrorBridge {
    static func from(_ e: TerminalError) -> InfisicalError {
        InfisicalError(.usage, e.message, hint: e.hint)
    }
}
