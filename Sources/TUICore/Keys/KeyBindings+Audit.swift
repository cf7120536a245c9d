/// The audit screen's own commands. List movement (↑↓ PgUp PgDn g G), `?`, `t` and ^C come from
/// the lists/general contexts; these are tried first, so `q` goes back instead of quitting.
public enum AuditCommand: Hashable, Sendable {
    case back, details, filters, customRange, clearFilters, preset(Int), follow, export, reload
    /// Inside a dialog: next/previous field, apply, toggle format.
    case nextField, prevField, submit, toggleFormat, close
}

extension KeyBindings {
    static let auditBindings: [KeyBinding] = [
        KeyBinding([.char("a"), .escape, .char("q")], "a Esc q", .audit(.back), "back to browsing", .audit),
        KeyBinding([.enter], "Enter", .audit(.details), "event details (metadata)", .audit),
        KeyBinding([.char("/")], "/", .audit(.filters), "filter actor/event/env/key", .audit),
        KeyBinding([.char("1"), .char("2"), .char("3"), .char("4")], "1-4", .audit(.preset(-1)), "range 1h / 24h / 7d / 30d", .audit),
        KeyBinding([.char("c")], "c", .audit(.customRange), "custom time range", .audit),
        KeyBinding([.char("x")], "x", .audit(.clearFilters), "clear the filters", .audit),
        KeyBinding([.char("f")], "f", .audit(.follow), "follow new events on/off", .audit),
        KeyBinding([.char("y"), .char("Y")], "y", .audit(.export), "export to CSV/JSON", .audit),
        KeyBinding([.char("R"), .function(5)], "R", .audit(.reload), "reload from the server", .audit),
        // Dialogs of the audit screen (filters, export path); Esc closes them.
        KeyBinding([.tab, .backTab, .down, .up], "Tab ↑↓", .audit(.nextField), "dialog: field / format", .audit),
        KeyBinding([.enter], "Enter", .audit(.submit), "dialog: apply / write", .audit),
    ]

    /// Dialog keys: fields, apply, close.
    static func auditDialogCommand(_ key: Key) -> AuditCommand? {
        switch key {
        case .tab, .down: return .nextField
        case .backTab, .up: return .prevField
        case .enter: return .submit
        case .escape: return .close
        default: return nil
        }
    }
}
