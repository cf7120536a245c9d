extension KeyBindings {
    static let editBindings: [KeyBinding] = []
}
