import InfisicalModels

/// Values are fetched only on request, one at a time, and never kept longer than needed:
/// re-masked on timeout (tick), on selection change and on any view change.
extension Reducer {
    mutating func toggleReveal() {
        guard let row = state.selectedSecret else { return }
        if let r = state.revealed, r.key == row.key, r.path == row.path, r.environment == row.environment {
            state.revealed = nil
            return
        }
        if Environment.isProduction(slug: row.environment) {
            state.pendingConfirmation = .revealProduction(key: row.key, environment: row.environment, path: row.path)
            return
        }
        requestReveal(row)
    }

    mutating func confirmReveal() {
        guard case .revealProduction(let key, let env, let path) = state.pendingConfirmation else { return }
        state.pendingConfirmation = nil
        guard let row = state.selectedSecret, row.key == key, row.environment == env, row.path == path else { return }
        requestReveal(row)
    }

    mutating func requestReveal(_ row: SecretRow) {
        guard let pid = state.openProjectId else { return }
        state.revealed = nil
        request(.reveal, .reveal(projectId: pid, env: row.environment, path: row.path, key: row.key))
    }
}
