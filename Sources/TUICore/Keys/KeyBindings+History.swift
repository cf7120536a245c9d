/// The history overlay's own commands. List movement (↑↓ PgUp PgDn g G) comes from the lists context.
public enum HistoryCommand: Hashable, Sendable {
    case close, reveal, rollback, yes, no, reload
}

extension KeyBindings {
    static let historyBindings: [KeyBinding] = [
        KeyBinding([.escape, .char("q"), .char("v")], .history(.close), "back to the secret", .history),
        KeyBinding([.char("r"), .char(" ")], .history(.reveal), "reveal / mask this version's value", .history),
        KeyBinding([.char("b")], .history(.rollback), "roll back to this version (preview first)", .history),
        KeyBinding([.char("y"), .char("Y")], .history(.yes), "yes: roll back / reveal", .history),
        KeyBinding([.char("n"), .char("N")], .history(.no), "no: keep as is", .history),
        KeyBinding([.char("R"), .function(5)], .history(.reload), "load the versions again", .history),
    ]
}
