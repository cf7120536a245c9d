/// Keys of the edit / new / rename / delete dialog. While a field is being typed into, printable
/// keys are text (so `y` and `r` only act in the preview and on the conflict screen).
extension KeyBindings {
    static let editBindings: [KeyBinding] = [
        KeyBinding([.ctrl("s"), .function(10)], "^S F10", .edit(.save), "preview before saving", .editor),
        KeyBinding([.char("y"), .enter], "y Enter", .edit(.confirm), "save / next field", .editor),
        KeyBinding([.tab, .backTab], "Tab", .edit(.nextField), "next field (S-Tab back)", .editor),
        KeyBinding([.char("r")], "r", .edit(.reveal), "reveal (preview) / reload", .editor),
        KeyBinding([.escape, .ctrl("c")], "Esc", .edit(.cancel), "back / cancel", .editor),
    ]
}
