extension Renderer {
    mutating func drawExportDialog() {}
}
