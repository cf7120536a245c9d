import InfisicalModels

/// The copy-to-file dialog: format, path and recursion rows, then what will be written (count and
/// keys, never values), collisions and warnings, then the question of the current stage.
extension Renderer {
    private enum DialogLine {
        case text(String, String)                 // text, style name
        case formats(focused: Bool)
        case field(label: String, input: TextInput, focused: Bool)
        case toggle(label: String, on: Bool, text: String, focused: Bool)
        case blank
    }

    mutating func drawExportDialog(_ flow: ExportFlow) {
        let w = min(layout.width - 2, 78)
        let innerW = w - 4
        guard innerW > 20 else { return }
        var lines: [DialogLine] = []
        let editing = flow.editable
        lines.append(.formats(focused: editing && flow.field == .format))
        lines.append(.field(label: "Path", input: flow.path, focused: editing && flow.field == .path))
        if flow.wholeView {
            lines.append(.toggle(label: "Recursive", on: flow.recursive, text: "include sub-folders",
                                 focused: editing && flow.field == .recursive))
        }
        var from = "From      \(flow.projectName) · \(flow.environment) · \(flow.sourcePath)"
        if let key = flow.key { from += " · " + key } else if flow.recursive { from += " and below" }
        lines.append(.text(from, StyleName.secretMeta))
        lines.append(.blank)
        lines += exportSummaryLines(flow, width: innerW)
        lines.append(.blank)
        lines += exportPromptLines(flow, width: innerW)

        let maxH = max(6, layout.height - 2)
        if lines.count + 2 > maxH { lines = Array(lines.prefix(maxH - 2)) }
        let h = lines.count + 2
        let box = Rect(x: max(0, (layout.width - w) / 2), y: max(0, (layout.height - 1 - h) / 2), width: w, height: h)
        let style = s(StyleName.dialog)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: flow.wholeView ? "Copy the view to a file" : "Copy the value to a file")
        let x = box.x + 2
        for (i, line) in lines.enumerated() {
            let y = box.y + 1 + i
            switch line {
            case .blank: break
            case .text(let t, let name):
                grid.put(Sanitizer.sanitize(t), x: x, y: y, maxWidth: innerW, style: name == StyleName.dialog ? style : s(name))
            case .formats(let focused):
                var cx = x + grid.put("Format   ", x: x, y: y, style: style)
                for f in ExportFormat.allCases {
                    var st = style
                    if f == flow.format { st = focused ? s(StyleName.listSelected) : s(StyleName.dialogField) }
                    cx += grid.put(" \(f.rawValue) ", x: cx, y: y, maxWidth: x + innerW - cx, style: st)
                }
            case .field(let label, let input, let focused):
                grid.put(label, x: x, y: y, style: style)
                drawField(input, x: x + 10, y: y, width: innerW - 10, focused: focused)
            case .toggle(let label, let on, let text, let focused):
                grid.put(label, x: x, y: y, style: style)
                let mark = on ? "[x] " : "[ ] "
                grid.put(mark + text, x: x + 10, y: y, maxWidth: innerW - 10,
                         style: focused ? s(StyleName.listSelected) : style)
            }
        }
    }

    /// Count, keys, collisions and what was found at the path.
    private func exportSummaryLines(_ flow: ExportFlow, width: Int) -> [DialogLine] {
        var out: [DialogLine] = []
        if case .inspecting = flow.stage { return [.text("checking the path and listing keys…", StyleName.secretMeta)] }
        guard let insp = flow.inspection else {
            if let e = flow.error { out += wrapped("✗ " + e, width, StyleName.dialogWarning, max: 3) }
            return out
        }
        let n = insp.keys.count
        if flow.inspectionIsCurrent {
            out.append(.text("Writes \(n) secret\(n == 1 ? "" : "s") to \(insp.target.path) (0600)", StyleName.dialog))
        } else {
            out.append(.text("Writes \(n) secret\(n == 1 ? "" : "s") · path or scope changed: Enter checks it", StyleName.dialog))
        }
        if n > 0 {
            // Only as many keys as three lines can hold are laid out (a 10k-key view stays cheap per frame).
            let keys = Glyphs.wrapWords(insp.keys.prefix(3 * width / 2).joined(separator: " "), width: width - 2)
            let shown = Array(keys.prefix(3))
            for k in shown { out.append(.text("  " + k, StyleName.secretKey)) }
            let listed = shown.joined(separator: " ").split(separator: " ").count
            if listed < n {
                out.append(.text("  … and \(n - listed) more", StyleName.secretMeta))
            }
        }
        for c in insp.collisions.prefix(2) { out += wrapped("⚠ collision: " + c, width, StyleName.dialogWarning, max: 2) }
        if insp.collisions.count > 2 {
            out.append(.text("⚠ \(insp.collisions.count - 2) more collisions (the shallowest folder wins)", StyleName.dialogWarning))
        }
        if flow.inspectionIsCurrent {
            let t = insp.target
            if let refusal = t.refusal {
                out += wrapped("✗ refused: " + refusal, width, StyleName.dialogWarning, max: 2)
            } else {
                if t.exists { out.append(.text("⚠ the file exists; you will be asked before it is replaced", StyleName.dialogWarning)) }
                if t.gitUnignored { out.append(.text("⚠ inside a git work tree and not git-ignored", StyleName.dialogWarning)) }
            }
        }
        if flow.isProduction {
            out.append(.text("⚠ production values: the guide says not to use them locally", StyleName.dialogWarning))
        }
        // The refusal above is the same text the guard put in `error`: say it once.
        let shownRefusal = flow.inspectionIsCurrent ? insp.target.refusal : nil
        if let e = flow.error, e != shownRefusal { out += wrapped("✗ " + e, width, StyleName.dialogWarning, max: 3) }
        return out
    }

    /// The question of the current stage and its keys.
    private func exportPromptLines(_ flow: ExportFlow, width: Int) -> [DialogLine] {
        switch flow.stage {
        case .editing, .inspecting(thenWrite: false):
            var keys: [(Command, String)] = [(.export(.confirm), "check & write"), (.export(.nextField), "next field")]
            if flow.field != .path { keys.append((.export(.change), "change")) }
            keys.append((.export(.cancel), "cancel"))
            return [.text(KeyBindings.hint(keys, in: .export), StyleName.secretMeta)]
        case .inspecting:
            return [.text(KeyBindings.hint([(.export(.cancel), "cancel")], in: .export), StyleName.secretMeta)]
        case .confirmOverwrite:
            return [.text("The file exists. Replace it?", StyleName.dialogWarning),
                    .text(KeyBindings.hint([(.export(.yes), "replace"), (.export(.no), "back to the path"),
                                            (.export(.cancel), "cancel")], in: .export), StyleName.dialog)]
        case .acknowledgeGit:
            return [.text("Not git-ignored: it could be committed by mistake.", StyleName.dialogWarning),
                    .text("Add it to .gitignore. Write anyway? " + KeyBindings.hint([(.export(.yes), "write"), (.export(.no), "back"),
                                                                                    (.export(.cancel), "cancel")], in: .export),
                          StyleName.dialog)]
        case .typeProjectName:
            return [.text("Production: type the project's name (\(flow.projectName)) to write.", StyleName.dialogWarning),
                    .field(label: "Name", input: flow.nameInput, focused: true),
                    .text(KeyBindings.hint([(.export(.confirm), "write"), (.export(.nextField), "back"), (.export(.cancel), "cancel")],
                                           in: .export), StyleName.secretMeta)]
        case .writing:
            return [.text("fetching values and writing…", StyleName.secretMeta)]
        }
    }

    private func wrapped(_ text: String, _ width: Int, _ style: String, max: Int) -> [DialogLine] {
        Glyphs.wrapWords(Sanitizer.sanitize(text), width: width).prefix(max).map { .text($0, style) }
    }
}
