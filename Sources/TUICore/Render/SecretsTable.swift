import InfisicalModels
import Foundation

/// Column positions of the secrets table for an inner width. Every row draws each field at its
/// column with a width cap, so wide characters in one field can never shift the next.
public struct SecretsColumns: Equatable, Sendable {
    public static let mask = Secret.mask

    public var key: Range<Int>, value: Range<Int>, version: Range<Int>, updated: Range<Int>, note: Range<Int>

    public init(x: Int, width: Int) {
        let valueW = 8, versionW = 4, updatedW = 7
        let rest = max(8, width - valueW - versionW - updatedW - 4)
        let keyW = width >= 100 ? min(48, rest * 3 / 5) : max(12, rest * 2 / 3)
        var cx = x
        func take(_ w: Int) -> Range<Int> { defer { cx += w + 1 }; return cx..<(cx + w) }
        key = take(keyW); value = take(valueW); version = take(versionW); updated = take(updatedW)
        note = cx..<max(cx, x + width)
    }
}

/// Middle: the secrets table — key, fixed mask, version, age, note. A secret overdue or due soon
/// under the rotation policy (`AppState.rotationPolicy`) gets its badge at the start of the note
/// (`overdue 30d`, `due 5d`), and its age is marked `!` when overdue.
extension Renderer {
    mutating func drawSecrets() {
        var title = "Secrets"
        if let env = state.browse.environment { title += " · " + env.slug + " · " + state.browse.path }
        // Visible at any size (the detail pane's reason may be below its fold).
        if state.role != nil, EditPermission.denial(role: state.role, environment: state.browse.environment) != nil {
            title += " · read-only"
        }
        let r = paneBox(.secrets, title: title)
        let inner = r.inner
        var tags = state.browse.filterRecursive ? "recursive " : ""
        if state.browse.overdueOnly {
            let editingOrText = state.browse.filterEditing == .secrets || !state.browse.secretFilter.isEmpty
            tags += "overdue only" + (editingOrText ? " " : " \(state.browse.visibleSecrets.count)/\(state.browse.secrets.count) ")
        }
        drawFilterTag(text: state.browse.secretFilter, editing: state.browse.filterEditing == .secrets,
                      count: state.browse.visibleSecrets.count, total: state.browse.secrets.count, in: r, extra: tags)
        guard inner.height > 1 else { return }
        let cols = SecretsColumns(x: inner.x, width: inner.width)
        let header = s(StyleName.tableHeader)
        grid.put("KEY", x: cols.key.lowerBound, y: inner.y, style: header)
        grid.put("VALUE", x: cols.value.lowerBound, y: inner.y, style: header)
        grid.put("VER", x: cols.version.lowerBound, y: inner.y, style: header)
        grid.put("UPDATED", x: cols.updated.lowerBound, y: inner.y, style: header)
        grid.put("NOTE", x: cols.note.lowerBound, y: inner.y, maxWidth: cols.note.count, style: header)

        guard state.browse.openProjectId != nil else { placeholder("select a project and press Enter", in: r); return }
        if state.browse.visibleSecrets.isEmpty {
            let loading = state.requests.isInFlight(.secrets)
            let msg = loading ? "loading…"
                : state.browse.overdueOnly && !state.browse.secrets.isEmpty ? "nothing overdue here · ! shows all"
                : state.browse.secrets.isEmpty ? state.browse.secretsFailure.map { "✗ not loaded: " + Sanitizer.sanitize($0) } ?? "no secrets here"
                : "no key matches the filter"
            placeholder(msg, in: r)
            return
        }
        let styles = RowStyles(key: s(StyleName.secretKey), masked: s(StyleName.secretMasked),
                               revealed: s(StyleName.secretRevealed), meta: s(StyleName.secretMeta),
                               due: s(StyleName.secretRotationDue), note: s(StyleName.secretComment))
        let c = state.browse.secretCursor
        let policy = state.rotationPolicy
        for row in 0..<(inner.height - 1) {
            let i = c.scroll + row
            guard i < state.browse.visibleSecrets.count else { break }
            let secret = state.browse.secrets[state.browse.visibleSecrets[i]]
            drawSecretRow(secret, y: inner.y + 1 + row, cols: cols, inner: inner, selected: i == c.selected, styles: styles,
                          rotation: AppState.rotationStatus(secret, policy: policy, now: state.now))
        }
    }

    struct RowStyles { var key, masked, revealed, meta, due, note: TextStyle }

    mutating func drawSecretRow(_ row: SecretRow, y: Int, cols: SecretsColumns, inner: Rect, selected: Bool, styles: RowStyles,
                                rotation: RotationStatus?) {
        let sel = selected ? rowStyle(selected: true, pane: .secrets, normal: styles.key) : nil
        if let sel { grid.pad(x: inner.x, y: y, count: inner.width, style: sel) }
        var key = row.key
        if state.browse.filterRecursive, row.importedFrom == nil, row.path != state.browse.path {
            key = relative(row.path) + key
        }
        grid.put(key, x: cols.key.lowerBound, y: y, maxWidth: cols.key.count, style: sel ?? styles.key)

        if let rev = state.browse.revealed, rev.key == row.key, rev.path == row.path, rev.environment == row.environment {
            grid.put(rev.value, x: cols.value.lowerBound, y: y, maxWidth: cols.value.count, style: sel ?? styles.revealed)
        } else {
            grid.put(SecretsColumns.mask, x: cols.value.lowerBound, y: y, style: sel ?? styles.masked)
        }
        let ver = "v\(row.version)"
        grid.put(ver, x: cols.version.upperBound - min(cols.version.count, ver.count), y: y,
                 maxWidth: cols.version.count, style: sel ?? styles.meta)
        if let updated = row.updatedAt {
            let age = state.now.timeIntervalSince(updated)
            let due = rotation?.state == .overdue
            grid.put(RelativeAge.format(age) + (due ? "!" : ""), x: cols.updated.lowerBound, y: y,
                     maxWidth: cols.updated.count, style: sel ?? (due ? styles.due : styles.meta))
        }
        var noteX = cols.note.lowerBound
        if let badge = rotation?.badge, cols.note.count > 0 {
            let style = sel ?? (rotation?.state == .overdue ? styles.due : styles.meta)
            noteX += grid.put(badge, x: noteX, y: y, maxWidth: cols.note.count, style: style) + 1
        }
        var note = ""
        if let imp = row.importedFrom { note = "↳ " + imp }
        else if !row.comment.isEmpty { note = firstLine(row.comment) }
        else if !row.tags.isEmpty { note = row.tags.map { "#" + $0 }.joined(separator: " ") }
        if !note.isEmpty, cols.note.upperBound > noteX {
            grid.put(note, x: noteX, y: y, maxWidth: cols.note.upperBound - noteX, style: sel ?? styles.note)
        }
    }

    func relative(_ p: String) -> String {
        let base = state.browse.path == "/" ? "/" : state.browse.path + "/"
        let rel = p.hasPrefix(base) ? String(p.dropFirst(base.count)) : p
        return rel.isEmpty ? "" : rel + "/"
    }

    func firstLine(_ s: String) -> String {
        guard let nl = s.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) else { return s }
        return String(s[..<nl]) + " …"
    }
}
