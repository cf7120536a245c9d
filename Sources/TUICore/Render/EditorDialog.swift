extension Renderer {
    mutating func drawEditor() {}
}
