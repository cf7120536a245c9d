/// The copy-to-file dialog's own commands.
public enum ExportCommand: Hashable, Sendable {
    case nextField, prevField, change, confirm, yes, no, cancel
}

/// Keys of the copy-to-file dialog. While the path or the project name is being typed, printable
/// keys are text: `y`/`n` only answer the overwrite and git questions, and ← → move the cursor in a
/// text field (they change the option on the format and recursive rows).
extension KeyBindings {
    static let exportBindings: [KeyBinding] = [
        KeyBinding([.tab], .export(.nextField), "next field", .export),
        KeyBinding([.backTab], .export(.prevField), "previous field", .export),
        KeyBinding([.char(" "), .left, .right], .export(.change), "change format / recursive", .export),
        KeyBinding([.enter], .export(.confirm), "check the path, then write", .export),
        KeyBinding([.char("y"), .char("Y")], .export(.yes), "yes: replace or write", .export),
        KeyBinding([.char("n"), .char("N")], .export(.no), "no: back to the path", .export),
        KeyBinding([.escape, .ctrl("c")], .export(.cancel), "cancel, write nothing", .export),
    ]
}
