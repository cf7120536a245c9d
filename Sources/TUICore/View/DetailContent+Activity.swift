import Foundation
import InfisicalModels

extension DetailContent {
    /// The selected secret's last few reads and writes (audit log), loaded when the detail pane
    /// has focus: "2h ago · demo-developer · update-secret · cli".
    static func activityLines(_ state: AppState, row: SecretRow, valueWidth: Int) -> [DetailLine] {
        let meta = StyleName.secretMeta
        guard let act = state.audit.activity, act.key.projectId == state.browse.openProjectId,
              act.key.environment == row.environment, act.key.path == row.path, act.key.key == row.key else {
            return [("Activity", "Enter/Tab here to load", meta)]
        }
        if let e = act.error { return [("Activity", "✗ " + Sanitizer.sanitize(e), StyleName.statusError)] }
        guard let rows = act.rows else { return [("Activity", "loading…", meta)] }
        if rows.isEmpty { return [("Activity", "no reads or writes (89 days)", meta)] }
        var out: [DetailLine] = []
        for r in rows {
            let when = r.time.map { RelativeAge.ago(state.now.timeIntervalSince($0)) } ?? "? ago"
            // Word-wrapped (continuation lines indented) so narrow panes lose nothing.
            let parts = Glyphs.wrapWords([when, r.actor, r.event, r.source].joined(separator: " · "), width: max(1, valueWidth - 2))
            for (j, p) in parts.enumerated() { out.append((out.isEmpty ? "Activity" : "", (j == 0 ? "" : "  ") + p, meta)) }
        }
        return out
    }
}
