/// The audit screen's own commands. List movement (↑↓ PgUp PgDn g G), `?`, `t` and ^C come from
/// the lists/general contexts; these are tried first, so `q` goes back instead of quitting.
public enum AuditCommand: Hashable, Sendable {
    case back, details, filters, customRange, clearFilters, preset(Int), follow, export, reload
    /// What the selected row's actor read (`ExposureReport`), the TUI face of `infisical-tui exposure`.
    case exposure
    /// Inside a dialog: next/previous field (the export's format), apply, answer, close.
    case nextField, prevField, submit, yes, no, close
}

extension KeyBindings {
    static let auditBindings: [KeyBinding] = [
        KeyBinding([.char("a"), .escape, .char("q")], .audit(.back), "back to browsing", .audit),
        KeyBinding([.enter], .audit(.details), "event details (metadata)", .audit),
        KeyBinding([.char("/")], .audit(.filters), "filter actor/event/env/key", .audit),
        KeyBinding([.char("1"), .char("2"), .char("3"), .char("4")], .audit(.preset(-1)), "range 1h / 24h / 7d / 30d", .audit),
        KeyBinding([.char("c")], .audit(.customRange), "custom time range", .audit),
        KeyBinding([.char("x")], .audit(.clearFilters), "clear the filters", .audit),
        KeyBinding([.char("e")], .audit(.exposure), "exposure: the actor's reads", .audit),
        KeyBinding([.char("f")], .audit(.follow), "follow new events on/off", .audit),
        KeyBinding([.char("y"), .char("Y")], .audit(.export), "export to CSV/JSON", .audit),
        KeyBinding([.char("R"), .function(5)], .audit(.reload), "reload from the server", .audit),
        // Dialogs of the audit screen (filters, export path).
        KeyBinding([.tab, .down], .audit(.nextField), "next field / format", .auditDialog),
        KeyBinding([.backTab, .up], .audit(.prevField), "previous field / format", .auditDialog),
        KeyBinding([.enter], .audit(.submit), "apply / write", .auditDialog),
        KeyBinding([.char("y"), .char("Y")], .audit(.yes), "yes: overwrite or write", .auditDialog),
        KeyBinding([.char("n"), .char("N")], .audit(.no), "no: back to the path", .auditDialog),
        KeyBinding([.escape], .audit(.close), "close the dialog", .auditDialog),
    ]
}
