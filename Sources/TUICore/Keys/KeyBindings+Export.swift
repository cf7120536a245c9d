extension KeyBindings {
    static let exportBindings: [KeyBinding] = []
}
