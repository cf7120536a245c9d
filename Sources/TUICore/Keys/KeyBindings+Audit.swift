extension KeyBindings {
    static let auditBindings: [KeyBinding] = []
}
