import Foundation
import InfisicalModels

/// The edit / new / rename / delete dialog, drawn over everything (top bar and status line stay).
/// Values are shown only while editing (the user typed or loaded them) and in the preview after
/// `r`; the preview's mask is the fixed-width `Secret.mask`, so it never tells a length.
extension Renderer {
    mutating func drawEditor(_ ed: EditFlow) {
        let box = layout.editorBox
        guard box.width > 10, box.height > 6 else { return }
        let dialog = s(StyleName.dialog)
        grid.fill(box, style: dialog)
        let title: String
        switch ed.kind {
        case .edit: title = "Edit \(ed.originalKey)"
        case .create: title = "New secret"
        case .rename: title = "Rename \(ed.originalKey)"
        case .delete: title = "Delete \(ed.originalKey)"
        }
        let version = ed.baseVersion.map { " · v\($0)" } ?? ""
        grid.box(box, style: dialog, title: "\(title) · \(ed.environment):\(ed.path)\(version)", titleStyle: dialog)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        switch ed.stage {
        case .loading: centre("loading…", in: inner)
        case .saving: centre(ed.kind == .delete ? "deleting…" : "saving…", in: inner)
        case .preview(let revealed): drawEditPreview(ed, revealed: revealed, in: inner)
        case .conflict(let c): drawEditConflict(ed, c, in: inner)
        case .confirmDiscard:
            centre("Discard your changes?  " + KeyBindings.hint([(.edit(.yes), "discard"), (.edit(.no), "keep editing")], in: .editor),
                   in: inner)
        case .editing:
            switch ed.kind {
            case .edit, .create: drawValueForm(ed, in: inner)
            case .rename: drawRenameForm(ed, in: inner)
            case .delete: drawDeleteForm(ed, in: inner)
            }
        }
    }

    mutating func centre(_ text: String, in r: Rect) {
        let w = min(r.width, Glyphs.width(text))
        grid.put(text, x: r.x + max(0, (r.width - w) / 2), y: r.y + r.height / 2, maxWidth: r.width, style: s(StyleName.dialog))
    }

    /// A field label, highlighted when that field has focus.
    mutating func fieldLabel(_ text: String, focused: Bool, x: Int, y: Int, width: Int) {
        var st = s(StyleName.dialog)
        if focused { st.bold = true }
        grid.put((focused ? "▸ " : "  ") + text, x: x, y: y, maxWidth: width, style: st)
    }

    /// Bottom two rows: a message (error, or naming warnings) and the keys.
    mutating func editFooter(_ ed: EditFlow, warnings: [String], keys: String, in r: Rect) {
        let y = r.maxY - 2
        if let e = ed.error {
            grid.put("✗ " + e, x: r.x, y: y, maxWidth: r.width, style: s(StyleName.statusError))
        } else if !warnings.isEmpty {
            grid.put("⚠ " + warnings.joined(separator: " · "), x: r.x, y: y, maxWidth: r.width, style: s(StyleName.dialogWarning))
        }
        grid.put(keys, x: r.x, y: r.maxY - 1, maxWidth: r.width, style: s(StyleName.dialog))
    }

    mutating func drawValueForm(_ ed: EditFlow, in r: Rect) {
        var y = r.y
        let warnings = ed.checkedKey.map { KeyNaming.warnings(key: $0, path: ed.path) } ?? []
        if ed.kind == .create {
            fieldLabel("Key", focused: ed.field == .key, x: r.x, y: y, width: r.width)
            drawField(ed.keyInput, x: r.x + 2, y: y + 1, width: r.width - 2, focused: ed.field == .key)
            // The naming check sits right under the key it is about.
            if !warnings.isEmpty {
                grid.put("⚠ " + warnings.joined(separator: " · "), x: r.x + 2, y: y + 2, maxWidth: r.width - 2,
                         style: s(StyleName.dialogWarning))
            }
            y += 3
        }
        let rows = layout.editorValueRows(kind: ed.kind)
        let lines = ed.valueInput.lines
        let cur = ed.valueInput.cursorLineColumn
        let more = lines.count > rows ? "  line \(cur.line + 1)/\(lines.count)" : ""
        fieldLabel("Value" + more + "  (Enter = new line, paste keeps newlines)", focused: ed.field == .value,
                   x: r.x, y: y, width: r.width)
        y += 1
        let area = s(StyleName.dialogField)
        for i in 0..<rows {
            let li = ed.valueScroll + i
            let yy = y + i
            grid.pad(x: r.x + 2, y: yy, count: r.width - 2, style: area)
            guard li < lines.count else { continue }
            if li == cur.line && ed.field == .value {
                drawCursorLine(lines[li], column: cur.column, x: r.x + 2, y: yy, width: r.width - 2, style: area)
            } else {
                grid.put(lines[li], x: r.x + 2, y: yy, maxWidth: r.width - 2, style: area)
            }
        }
        y += rows
        fieldLabel("Comment", focused: ed.field == .comment, x: r.x, y: y, width: r.width)
        drawField(ed.commentInput, x: r.x + 2, y: y + 1, width: r.width - 2, focused: ed.field == .comment)
        editFooter(ed, warnings: [], keys: KeyBindings.hint([(.edit(.save), "preview"), (.edit(.nextField), "field"), (.edit(.cancel), "cancel")],
                                                                      in: .editor), in: r)
    }

    /// One line of the multi-line editor with the cursor as a reverse cell, scrolled sideways so
    /// the cursor stays visible.
    mutating func drawCursorLine(_ line: String, column: Int, x: Int, y: Int, width: Int, style: TextStyle) {
        let chars = Array(line)
        let col = min(column, chars.count)
        var head = String(chars[..<col])
        while Glyphs.width(head) > width - 1, !head.isEmpty { head.removeFirst() }
        let used = grid.put(head, x: x, y: y, maxWidth: width, style: style, ellipsis: false)
        var cursorStyle = style
        cursorStyle.reverse.toggle()
        let first = col < chars.count ? String(chars[col]) : " "
        let w = max(1, grid.put(first, x: x + used, y: y, maxWidth: width - used, style: cursorStyle, ellipsis: false))
        if col + 1 < chars.count {
            grid.put(String(chars[(col + 1)...]), x: x + used + w, y: y, maxWidth: width - used - w, style: style)
        }
    }

    mutating func drawRenameForm(_ ed: EditFlow, in r: Rect) {
        grid.put("Current key  " + ed.originalKey, x: r.x, y: r.y, maxWidth: r.width, style: s(StyleName.dialog))
        fieldLabel("New key", focused: true, x: r.x, y: r.y + 2, width: r.width)
        drawField(ed.keyInput, x: r.x + 2, y: r.y + 3, width: r.width - 2)
        grid.put("References to the old name (${…}) are not updated.", x: r.x, y: r.y + 5, maxWidth: r.width,
                 style: s(StyleName.secretMeta))
        let warnings = KeyNaming.warnings(key: ed.newKey, path: ed.path)
        editFooter(ed, warnings: warnings, keys: KeyBindings.hint([(.edit(.confirm), "next"), (.edit(.save), "preview"),
                                                                              (.edit(.cancel), "cancel")], in: .editor), in: r)
    }

    mutating func drawDeleteForm(_ ed: EditFlow, in r: Rect) {
        grid.put("Delete \(ed.originalKey) from \(ed.environment):\(ed.path)?", x: r.x, y: r.y, maxWidth: r.width,
                 style: s(StyleName.dialogWarning))
        grid.put("This cannot be undone from the TUI.", x: r.x, y: r.y + 1,
                 maxWidth: r.width, style: s(StyleName.dialog))
        fieldLabel("Type the key to confirm", focused: true, x: r.x, y: r.y + 3, width: r.width)
        drawField(ed.confirmInput, x: r.x + 2, y: r.y + 4, width: r.width - 2)
        let status = ed.deleteArmed ? "✓ matches: Enter deletes" : ed.confirmInput.isEmpty ? "" : "does not match yet"
        grid.put(status, x: r.x + 2, y: r.y + 5, maxWidth: r.width - 2,
                 style: s(ed.deleteArmed ? StyleName.dialogWarning : StyleName.secretMeta))
        editFooter(ed, warnings: [], keys: KeyBindings.hint([(.edit(.confirm), "delete (when typed)"),
                                                                      (.edit(.cancel), "cancel")], in: .editor), in: r)
    }

    mutating func drawEditConflict(_ ed: EditFlow, _ c: EditConflict, in r: Rect) {
        var lines: [(String, String)] = [
            ("⚠ \(ed.originalKey) changed on the server since you opened it.", StyleName.dialogWarning),
            ("Nothing was written: your change would overwrite theirs.", StyleName.dialog),
            ("", StyleName.dialog),
            ("server version  v\(c.serverVersion)", StyleName.dialog),
            ("yours based on  v\(c.yourVersion)", StyleName.dialog),
        ]
        if c.by != nil || c.at != nil {
            let who = c.by.map { "by \($0)" } ?? ""
            let when = c.at.map { "at " + DateText.format($0.addingTimeInterval(TimeInterval(state.session.utcOffset))) + " (local)" } ?? ""
            lines.append(("changed         " + [who, when].filter { !$0.isEmpty }.joined(separator: " "), StyleName.dialog))
        }
        lines.append(("", StyleName.dialog))
        lines.append((ed.kind == .edit ? "r reloads the server's value (your draft is dropped) and you edit again."
                                       : "r continues against the server's version v\(c.serverVersion).", StyleName.dialog))
        for (i, l) in lines.enumerated() where i < r.height - 1 {
            grid.put(l.0, x: r.x, y: r.y + i, maxWidth: r.width, style: s(l.1))
        }
        grid.put(KeyBindings.hint([(.edit(.reveal), "reload and re-edit"), (.edit(.cancel), "cancel")], in: .editor), x: r.x, y: r.maxY - 1, maxWidth: r.width, style: s(StyleName.dialog))
    }

    mutating func drawEditPreview(_ ed: EditFlow, revealed: Bool, in r: Rect) {
        var out: [(label: String, text: String, style: String)] = []
        let label = 12
        let w = max(1, r.width - label)
        func add(_ l: String, _ text: String, _ style: String) {
            let parts = Glyphs.wrap(text, width: w)
            for (i, p) in (parts.isEmpty ? [""] : parts).enumerated() { out.append((i == 0 ? l : "", p, style)) }
        }
        func value(_ l: String, _ v: String, _ style: String) {
            if !revealed { out.append((l, Secret.mask, StyleName.secretMasked)); return }
            let shown = v.isEmpty ? ["(empty)"] : v.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (i, line) in shown.enumerated() { add(i == 0 ? l : "", line, style) }
        }
        let target = "\(ed.environment):\(ed.path)"
        let next = ed.baseVersion.map { " (v\($0) → v\($0 + 1))" } ?? ""
        var header = ""
        switch ed.kind {
        case .create:
            header = "create \(ed.newKey) in \(target)"
            value("Value", ed.valueInput.text, StyleName.diffNew)
            if !ed.newComment.isEmpty { add("Comment", ed.newComment, StyleName.diffNew) }
        case .edit:
            header = "save \(ed.originalKey) in \(target)\(next)"
            if ed.valueChanged {
                value("Value old", ed.originalValue ?? "", StyleName.diffOld)
                value("      new", ed.valueInput.text, StyleName.diffNew)
            } else {
                add("Value", "unchanged", StyleName.secretMeta)
            }
            if ed.commentChanged {
                add("Comment old", ed.originalComment.isEmpty ? "(none)" : ed.originalComment, StyleName.diffOld)
                add("        new", ed.newComment.isEmpty ? "(none)" : ed.newComment, StyleName.diffNew)
            } else {
                add("Comment", "unchanged", StyleName.secretMeta)
            }
        case .rename:
            header = "rename in \(target)\(next)"
            add("Key old", ed.originalKey, StyleName.diffOld)
            add("    new", ed.newKey, StyleName.diffNew)
        case .delete: break
        }
        let warnings = ed.checkedKey.map { KeyNaming.warnings(key: $0, path: ed.path) } ?? []
        let overflow = out.count > r.height - 4
        let room = r.height - 4 - (overflow ? 1 : 0)
        for (i, line) in out.prefix(room).enumerated() {
            let y = r.y + 2 + i
            grid.put(line.label, x: r.x, y: y, maxWidth: label - 1, style: s(StyleName.detailLabel))
            grid.put(line.text, x: r.x + label, y: y, maxWidth: w, style: s(line.style))
        }
        if overflow {
            grid.put("… \(out.count - room) more lines", x: r.x + label, y: r.y + 2 + room, maxWidth: w, style: s(StyleName.secretMeta))
        }
        grid.put("Preview · " + header, x: r.x, y: r.y, maxWidth: r.width, style: s(StyleName.paneTitleFocused))
        editFooter(ed, warnings: warnings,
                   keys: KeyBindings.hint([(.edit(.yes), "save"), (.edit(.reveal), revealed ? "mask" : "reveal"),
                                          (.edit(.cancel), "back to editing")], in: .editor), in: r)
    }
}
