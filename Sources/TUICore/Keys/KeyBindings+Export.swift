/// The copy-to-file dialog's own commands.
public enum ExportCommand: Hashable, Sendable {
    case nextField, prevField, change, confirm, answer, cancel
}

/// Keys of the copy-to-file dialog. While the path or the project name is being typed, printable
/// keys are text: `y`/`n` only answer the overwrite and git questions, and ← → move the cursor in a
/// text field (they change the option on the format and recursive rows).
extension KeyBindings {
    static let exportBindings: [KeyBinding] = [
        KeyBinding([.tab], "Tab", .export(.nextField), "next field", .export),
        KeyBinding([.backTab], "S-Tab", .export(.prevField), "previous field", .export),
        KeyBinding([.left, .right, .char(" ")], "← → Spc", .export(.change), "change format / recursive", .export),
        KeyBinding([.enter], "Enter", .export(.confirm), "check the path, then write", .export),
        KeyBinding([.char("y"), .char("Y"), .char("n"), .char("N")], "y n", .export(.answer), "answer yes / no", .export),
        KeyBinding([.escape, .ctrl("c")], "Esc", .export(.cancel), "cancel, write nothing", .export),
    ]
}
