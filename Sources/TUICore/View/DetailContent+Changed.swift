import Foundation
import InfisicalModels

extension DetailContent {
    /// Who last changed the secret and when: the API's `actor` when the server sends one, else the
    /// newest write in the audit activity (loaded when the detail has focus), said as such.
    /// "Changed  by Jonas Weber · 3d ago".
    static func changedLines(_ state: AppState, row: SecretRow, valueWidth: Int) -> [DetailLine] {
        let text: String
        if let who = row.changedBy {
            text = "by " + Sanitizer.sanitize(who) + (row.updatedAt.map { " · " + RelativeAge.ago(state.now.timeIntervalSince($0)) } ?? "")
        } else if let write = lastWrite(state, row: row) {
            // AuditRow columns are sanitized when the row is built.
            text = "by " + write.actor + (write.time.map { " · " + RelativeAge.ago(state.now.timeIntervalSince($0)) } ?? "")
                + " (audit log)"
        } else {
            return []
        }
        return Glyphs.wrapWords(text, width: max(1, valueWidth)).enumerated().map { i, p in
            (i == 0 ? "Changed" : "", p, StyleName.secretMeta)
        }
    }

    /// The newest create/update in this secret's loaded activity, if any.
    static func lastWrite(_ state: AppState, row: SecretRow) -> AuditRow? {
        guard let act = state.audit.activity, act.key.projectId == state.browse.openProjectId,
              act.key.environment == row.environment, act.key.path == row.path, act.key.key == row.key else { return nil }
        return (act.rows ?? []).filter { $0.event == "update-secret" || $0.event == "create-secret" }
            .max { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }
    }
}
