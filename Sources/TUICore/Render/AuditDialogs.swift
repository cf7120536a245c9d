import Foundation
import InfisicalModels

/// The audit screen's dialogs: filters + time range, and the export path.
extension Renderer {
    /// A centred dialog box; returns its inner rectangle.
    mutating func auditDialogBox(title: String, height: Int) -> Rect {
        let w = min(layout.width - 4, 72)
        let h = min(layout.height - 2, height)
        let box = Rect(x: (layout.width - w) / 2, y: max(1, (layout.height - h) / 2), width: w, height: h)
        let style = s(StyleName.dialog)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: title, titleStyle: style)
        return box.inner
    }

    mutating func drawAuditFilterForm(_ f: AuditFilterForm) {
        let inner = auditDialogBox(title: "Audit filters (all combine)", height: 13)
        let style = s(StyleName.dialog)
        let labelW = 8
        let hints = ["name, email or id", "e.g. get-secret,update-secret", "environment slug", "secret key",
                     "YYYY-MM-DD[ HH:MM] local", "empty = now"]
        for (i, field) in f.fields.enumerated() {
            let y = inner.y + 1 + i
            grid.put(AuditFilterForm.labels[i], x: inner.x + 1, y: y, maxWidth: labelW, style: style)
            let fw = max(4, inner.width - labelW - 2)
            drawField(field, x: inner.x + 1 + labelW, y: y, width: fw, focused: i == f.field)
            if field.isEmpty && i != f.field {
                var hint = s(StyleName.dialogField)
                hint.dim = true; hint.underline = false
                grid.put(hints[i], x: inner.x + 1 + labelW, y: y, maxWidth: fw, style: hint)
            }
        }
        var y = inner.y + 1 + f.fields.count + 1
        if let e = f.error {
            grid.put("⚠ " + e, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: s(StyleName.dialogWarning))
        }
        y += 1
        grid.put(KeyBindings.hint([(.audit(.nextField), "next"), (.audit(.submit), "apply"), (.audit(.close), "cancel")],
                                  in: .auditDialog) + " · empty From = preset", x: inner.x + 1, y: y,
                 maxWidth: inner.width - 2, style: style)
    }

    mutating func drawAuditExportForm(_ e: AuditExportForm) {
        let inner = auditDialogBox(title: "Export audit events", height: 10)
        let style = s(StyleName.dialog)
        let a = state.audit
        var what = "all events of " + auditRangeLabel(a.range)
        if !a.filters.isEmpty { what += " where " + Sanitizer.sanitize(a.filters.summary) }
        grid.put(what, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, style: style)
        grid.put("Path", x: inner.x + 1, y: inner.y + 2, style: style)
        drawField(e.path, x: inner.x + 8, y: inner.y + 2, width: max(4, inner.width - 9), focused: !e.confirming)
        grid.put("Format", x: inner.x + 1, y: inner.y + 3, style: style)
        var x = inner.x + 8
        for f in AuditExportFormat.allCases {
            var st = style
            if f == e.format { st.reverse.toggle() }
            x += grid.put(" " + f.rawValue + " ", x: x, y: inner.y + 3, style: st) + 1
        }
        grid.put("(" + KeyBindings.hint([(.audit(.nextField), "changes it")], in: .auditDialog) + ")  · file mode 0600", x: x, y: inner.y + 3, maxWidth: inner.maxX - x - 1, style: style)
        let warn = s(StyleName.dialogWarning)
        var y = inner.y + 5
        if let err = e.error {
            grid.put("✗ " + Sanitizer.sanitize(err), x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: warn); y += 1
        }
        if e.confirming, let t = e.target {
            if t.exists { grid.put("⚠ the file exists: overwrite it?", x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: warn); y += 1 }
            if t.gitUnignored {
                grid.put("⚠ inside a git work tree and not ignored", x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: warn); y += 1
            }
            let keys = KeyBindings.hint([(.audit(.yes), "write"), (.audit(.no), "change the path"), (.audit(.close), "back")],
                                        in: .auditDialog)
            grid.put(keys, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 2, style: style)
        } else {
            let keys = KeyBindings.hint([(.audit(.submit), "write"), (.audit(.nextField), "format"), (.audit(.close), "cancel")],
                                        in: .auditDialog)
            grid.put(e.inspecting ? "checking the path…" : keys, x: inner.x + 1,
                     y: inner.maxY - 1, maxWidth: inner.width - 2, style: style)
        }
    }
}
