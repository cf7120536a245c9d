extension Renderer {
    mutating func drawAuditScreen() {}
}
