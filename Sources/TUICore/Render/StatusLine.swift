import Foundation
import InfisicalModels

/// Bottom row: spinner, last error with its hint (first, so it survives 80 columns), then server,
/// identity, role, data age, and a help hint.
extension Renderer {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    mutating func drawStatus() {
        let y = layout.status.y
        let status = s(StyleName.status)
        grid.pad(x: 0, y: y, count: layout.width, style: status)
        var x = 0
        let end = layout.width
        if state.isLoading {
            x += grid.put(" " + Renderer.spinner[state.status.spinnerFrame % Renderer.spinner.count] + " ", x: x, y: y,
                          style: s(StyleName.statusLoading))
        } else {
            x += 1
        }
        if state.browse.filterEditing != nil {
            x += grid.put(KeyBindings.hint([(.filterKeep, "keep"), (.filterClear, "clear")], in: .filter) + " · "
                              + KeyBindings.hint([(.toggleRecursive, "recursive")], in: .general) + " │ ", x: x, y: y, maxWidth: end - x, style: status)
        }
        if let e = state.status.lastError {
            x += grid.put("✗ " + e.message, x: x, y: y, maxWidth: end - x, style: s(StyleName.statusError))
            if let hint = e.hint, x < end {
                x += grid.put(" — " + hint, x: x, y: y, maxWidth: end - x, style: s(StyleName.statusHint))
            }
            x += grid.put(" │ ", x: x, y: y, maxWidth: end - x, style: status)
        }
        if let notice = state.status.notice, state.status.lastError == nil {
            x += grid.put("✓ " + notice, x: x, y: y, maxWidth: end - x, style: s(StyleName.statusNotice))
            x += grid.put(" │ ", x: x, y: y, maxWidth: end - x, style: status)
        }
        if state.session.insecureTransport {
            x += grid.put("⚠ plain http: credentials unencrypted", x: x, y: y, maxWidth: end - x, style: s(StyleName.statusError))
            x += grid.put(" │ ", x: x, y: y, maxWidth: end - x, style: status)
        }
        var parts: [String] = []
        if !state.session.serverLabel.isEmpty { parts.append(state.session.serverLabel) }
        if !state.session.identityName.isEmpty { parts.append(state.session.identityName) }
        if let role = state.role { parts.append("role: " + role.displayName) }
        if let loaded = state.browse.loadedAt {
            let age = RelativeAge.format(state.now.timeIntervalSince(loaded))
            parts.append(age == "now" ? "data fresh" : "data \(age) old")
        }
        let help = "? help "
        let info = parts.joined(separator: " │ ")
        let helpW = Glyphs.width(help)
        if x < end { x += grid.put(info, x: x, y: y, maxWidth: max(0, end - x - helpW - 1), style: status) }
        if end - helpW > x { grid.put(help, x: end - helpW, y: y, style: status) }
    }

    /// Production reveal confirmation, centred over the table.
    mutating func drawConfirm(_ target: RevealTarget) {
        let key = target.key, env = target.environment
        let msg = "Reveal \(key) in \(env) (production)?"
        let keys = KeyBindings.hint([(.confirmYes, "reveal"), (.confirmNo, "cancel")], in: .confirm)
        let w = min(layout.width - 4, max(Glyphs.width(msg), Glyphs.width(keys)) + 4)
        let area = layout.secrets
        let box = Rect(x: max(0, area.x + (area.width - w) / 2), y: area.y + max(1, area.height / 2 - 2), width: w, height: 4)
        let style = s(StyleName.confirm)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: "Production")
        grid.put(msg, x: box.x + 2, y: box.y + 1, maxWidth: w - 4, style: style)
        grid.put(keys, x: box.x + 2, y: box.y + 2, maxWidth: w - 4, style: style)
    }
}
