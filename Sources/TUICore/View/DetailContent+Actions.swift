import InfisicalModels

extension DetailContent {
    /// Lines under the detail view listing what the user may do with the secret (edit, rename,
    /// delete), or — in the `disabled` style — why not: production, the role, or an imported row.
    static func actionLines(_ state: AppState, row: SecretRow, valueWidth: Int) -> [DetailLine] {
        let actions = "e edit · n new · m rename · d delete"
        let reason = EditPermission.denial(role: state.role, environment: state.browse.environment)
            ?? EditPermission.rowDenial(row)
        var lines: [DetailLine] = []
        let parts = Glyphs.wrapWords(actions, width: valueWidth)
        for (i, p) in parts.enumerated() {
            lines.append((i == 0 ? "Actions" : "", p, reason == nil ? StyleName.detailValue : StyleName.disabled))
        }
        if let reason {
            for p in Glyphs.wrapWords("disabled: " + reason, width: valueWidth) { lines.append(("", p, StyleName.disabled)) }
        }
        return lines
    }
}
