extension Reducer {
    mutating func openAudit() {}
    mutating func handleAudit(_ action: AuditAction) {}
    mutating func handleAuditKey(_ key: Key) { state.screen = .browse }
    mutating func handleAuditMouse(_ m: MouseEvent) {}
    mutating func auditPaste(_ text: String) {}
    mutating func auditTick() {}
    /// Runs after every action (e.g. to load the selected secret's recent activity).
    mutating func afterAction() {}
}
