import Foundation
import InfisicalModels

/// One line of the detail pane: a label column, the text, and the style to draw it in.
public typealias DetailLine = (label: String, text: String, style: String)

/// What the detail pane shows for a secret, as lines. Pure content, shared by the renderer (which
/// draws it) and the reducer (which bounds scrolling by its length), so neither calls the other.
enum DetailContent {
    static let labelWidth = 9

    /// The detail pane's lines for a row at a value width (the renderer draws them; the reducer bounds
    /// scrolling with their count).
    static func lines(_ state: AppState, row: SecretRow, valueWidth valueW: Int) -> [DetailLine] {
        var lines: [DetailLine] = []
        func add(_ label: String, _ text: String, _ style: String = StyleName.detailValue, wrap: Bool = true,
                 words: Bool = false) {
            let parts = !wrap ? [text] : words ? Glyphs.wrapWords(text, width: valueW) : Glyphs.wrap(text, width: valueW)
            for (i, p) in parts.enumerated() { lines.append((i == 0 ? label : "", p, style)) }
        }
        add("Key", row.key, StyleName.secretKey)
        let revealed = state.browse.revealed.flatMap { $0.key == row.key && $0.path == row.path && $0.environment == row.environment ? $0 : nil }
        if let revealed {
            add("Value", revealed.value.isEmpty ? "(empty)" : revealed.value, StyleName.secretRevealed)
            let left = max(0, Int((state.session.remaskAfter - state.now.timeIntervalSince(revealed.revealedAt)).rounded(.up)))
            if revealed.value.contains("${") {
                add("Expanded", revealed.expanded ?? "(not expanded)", StyleName.secretRevealed)
            }
            add("", "masks again in \(left)s · r to mask", StyleName.secretMeta)
        } else {
            let loading = state.requests.inFlight(.reveal) == .reveal(projectId: state.browse.openProjectId ?? "", env: row.environment, path: row.path, key: row.key)
            add("Value", SecretsColumns.mask + (loading ? "  revealing…" : "  r to reveal"), StyleName.secretMasked, wrap: false)
        }
        if !row.comment.isEmpty { add("Comment", row.comment, StyleName.secretComment, words: true) }
        if !row.tags.isEmpty { add("Tags", row.tags.joined(separator: ", "), StyleName.secretComment) }
        add("Path", row.path + " · " + row.environment + (row.importedFrom.map { " (imported from \($0))" } ?? ""), StyleName.secretMeta)
        // The policy's verdict in words (RotationPolicy): which rule, and how late or how soon;
        // high up, so it is above the fold at 80×24.
        if let r = state.rotationStatus(row) {
            add("Rotation", r.sentence, r.state == .overdue ? StyleName.secretRotationDue : StyleName.secretMeta, words: true)
        }
        var updated = row.updatedAt.map { DateText.format($0) + " UTC" }
        if let u = row.updatedAt { updated? += " · " + RelativeAge.ago(state.now.timeIntervalSince(u)) }
        add("Version", "v\(row.version)", StyleName.secretMeta)
        if let updated { add("Updated", updated, StyleName.secretMeta) }
        lines += changedLines(state, row: row, valueWidth: valueW)     // DetailContent+Changed.swift (who)
        if let c = row.createdAt { add("Created", DateText.format(c) + " UTC", StyleName.secretMeta) }
        add("Ref", "${\(row.environment).\(refPath(row.path))\(row.key)}", StyleName.secretMeta)
        lines += actionLines(state, row: row, valueWidth: valueW)      // DetailContent+Actions.swift (edit)
        lines += activityLines(state, row: row, valueWidth: valueW)    // DetailContent+Activity.swift (audit)

        return lines
    }

    /// How far the detail pane can scroll for the current state and size.
    static func maxScroll(_ state: AppState) -> Int {
        guard let row = state.browse.selectedSecret else { return 0 }
        let inner = Layout(width: state.width, height: state.height).detail.inner
        let count = lines(state, row: row, valueWidth: max(1, inner.width - labelWidth)).count
        return max(0, count - inner.height)
    }

    /// Infisical's reference syntax for another secret: `${env.folder.sub.KEY}`.
    static func refPath(_ p: String) -> String {
        let parts = p.split(separator: "/")
        return parts.isEmpty ? "" : parts.joined(separator: ".") + "."
    }
}
