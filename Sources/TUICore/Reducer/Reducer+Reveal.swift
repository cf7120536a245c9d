import InfisicalModels

/// Values are fetched only on request, one at a time, and never kept longer than needed:
/// re-masked on timeout (tick), on selection change and on any view change.
extension Reducer {
    mutating func toggleReveal() {
        guard let row = state.browse.selectedSecret else { return }
        if let r = state.browse.revealed, r.key == row.key, r.path == row.path, r.environment == row.environment {
            state.browse.revealed = nil
            return
        }
        if Environment.isProduction(slug: row.environment) {
            state.overlay = .confirmReveal(RevealTarget(key: row.key, environment: row.environment, path: row.path))
            return
        }
        requestReveal(row)
    }

    mutating func confirmReveal() {
        guard case .confirmReveal(let t)? = state.overlay else { return }
        state.overlay = nil
        guard let row = state.browse.selectedSecret, row.key == t.key, row.environment == t.environment,
              row.path == t.path else { return }
        requestReveal(row)
    }

    mutating func requestReveal(_ row: SecretRow) {
        guard let pid = state.browse.openProjectId else { return }
        state.browse.revealed = nil
        request(.reveal, .reveal(projectId: pid, env: row.environment, path: row.path, key: row.key))
    }
}
