/// The overview's own commands. List movement (↑↓ PgUp PgDn g G) comes from the lists context.
public enum OverviewCommand: Hashable, Sendable {
    case close, open, left, right, all, differences, missing, flagged, recursive, reload
    case mark, copy, yes, no, rotate, submit, reveal
}

extension KeyBindings {
    static let overviewBindings: [KeyBinding] = [
        KeyBinding([.escape, .char("q"), .char("o")], .overview(.close), "back to browsing", .overview),
        KeyBinding([.enter], .overview(.open), "open the secret in that env", .overview),
        KeyBinding([.left, .char("h")], .overview(.left), "previous environment", .overview),
        KeyBinding([.right, .char("l")], .overview(.right), "next environment", .overview),
        KeyBinding([.char("A")], .overview(.all), "show every key", .overview),
        KeyBinding([.char("d")], .overview(.differences), "only differences", .overview),
        KeyBinding([.char("m")], .overview(.missing), "only missing keys", .overview),
        KeyBinding([.char("!")], .overview(.flagged), "only prod = non-prod", .overview),
        KeyBinding([.ctrl("r")], .overview(.recursive), "sub-folders on/off", .overview),
        KeyBinding([.char("R"), .function(5)], .overview(.reload), "compare again", .overview),
        KeyBinding([.char(" ")], .overview(.mark), "mark the key for a copy", .overview),
        KeyBinding([.char("c")], .overview(.copy), "copy missing keys here", .overview),
        KeyBinding([.char("s")], .overview(.rotate), "new value in every non-prod env", .overview),
        KeyBinding([.char("y"), .char("Y")], .overview(.yes), "yes: copy", .overview),
        KeyBinding([.char("n"), .char("N")], .overview(.no), "no: keep as is", .overview),
    ]
}

extension KeyBindings {
    /// The rotation form's keys: printable keys are the value being typed.
    static let rotationBindings: [KeyBinding] = [
        KeyBinding([.enter], .overview(.submit), "write the value everywhere", .rotation),
        KeyBinding([.ctrl("r")], .overview(.reveal), "show / mask what you typed", .rotation),
        KeyBinding([.escape], .overview(.close), "cancel, write nothing", .rotation),
    ]
}
