import InfisicalModels

/// Draws a one-line `TextInput`: scrolled so the cursor stays visible, control characters shown
/// escaped, the cursor as a reverse-video cell (the core owns no terminal cursor).
extension Renderer {
    mutating func drawField(_ input: TextInput, x: Int, y: Int, width: Int, focused: Bool = true, style: TextStyle? = nil) {
        guard width > 0 else { return }
        let st = style ?? s(StyleName.dialogField)
        grid.pad(x: x, y: y, count: width, style: st)
        let before = Sanitizer.sanitize(String(input.chars[..<input.cursor]))
        let after = Sanitizer.sanitize(String(input.chars[input.cursor...]))
        // Keep the cursor inside the field: drop leading glyphs of `before` until it fits.
        var head = before
        while Glyphs.width(head) > width - 1, !head.isEmpty { head.removeFirst() }
        let used = grid.put(head, x: x, y: y, maxWidth: width, style: st, ellipsis: false)
        guard focused else {
            grid.put(after, x: x + used, y: y, maxWidth: width - used, style: st)
            return
        }
        var cursorStyle = st
        cursorStyle.reverse.toggle()
        let first = after.first.map(String.init) ?? " "
        let w = grid.put(first, x: x + used, y: y, maxWidth: width - used, style: cursorStyle, ellipsis: false)
        if after.count > 1 {
            grid.put(String(after.dropFirst()), x: x + used + max(1, w), y: y, maxWidth: width - used - max(1, w), style: st)
        }
    }
}
