/// Keys of the edit / new / rename / delete dialog. While a field is being typed into, printable
/// keys are text (so `y` and `r` only act in the preview and on the conflict screen).
extension KeyBindings {
    static let editBindings: [KeyBinding] = [
        KeyBinding([.ctrl("s"), .function(10)], .edit(.save), "preview before saving", .editor),
        KeyBinding([.enter], .edit(.confirm), "next field / save", .editor),
        KeyBinding([.char("y"), .char("Y")], .edit(.yes), "yes: save / discard", .editor),
        KeyBinding([.char("n"), .char("N")], .edit(.no), "no: keep editing", .editor),
        KeyBinding([.tab], .edit(.nextField), "next field", .editor),
        KeyBinding([.backTab], .edit(.prevField), "previous field", .editor),
        KeyBinding([.char("r")], .edit(.reveal), "reveal (preview) / reload", .editor),
        KeyBinding([.escape, .ctrl("c")], .edit(.cancel), "back / cancel", .editor),
    ]
}
