import InfisicalModels

/// What a feature reducer asks of the root after changing its own slice. Features never touch
/// another feature's state, the status line or the request tracker directly: they say so here and
/// `Reducer.apply` does it, in order.
enum Outcome: Equatable {
    /// Close the overlay the feature lives in.
    case closeOverlay
    /// A one-line success message on the status line.
    case notice(String)
    /// An error on the status line (cancelled ones are not shown).
    case error(InfisicalError)
    /// Clear the status line's error (a fresh start).
    case clearError
    /// Start a request (superseding the slot's previous one).
    case request(RequestSlot, Request)
    /// Forget a request: its answer will be dropped.
    case drop(RequestSlot)
    /// Reload the current view's secret list.
    case reloadSecrets
    /// A secret was written (edit) or deleted (`version` nil): patch the browse rows at once.
    case secretWritten(EditFlow, key: String, version: Int?)
    /// Back from the audit screen to the browse panes.
    case leaveAudit
    case toggleHelp
    case cycleTheme
    case quit
    /// Open a secret in the browse view (environment, folder, key selected).
    case jumpToSecret(environment: String, path: String, key: String)
}

extension Reducer {
    mutating func apply(_ outcomes: [Outcome]) {
        for o in outcomes {
            switch o {
            case .closeOverlay: state.overlay = nil
            case .notice(let text): state.status.notice = text
            case .error(let e): report(e)
            case .clearError: state.status.lastError = nil
            case .request(let slot, let r): request(slot, r)
            case .drop(let slot): state.requests.drop(slot)
            case .reloadSecrets: loadSecrets(recursive: state.browse.filterRecursive)
            case .secretWritten(let ed, let key, let version): patchRowsAfterSave(ed, key: key, version: version)
            case .leaveAudit: state.screen = .browse
            case .toggleHelp: toggleHelp()
            case .cycleTheme: perform(.cycleTheme)
            case .quit: run(.quit, key: .ctrl("c"))
            case .jumpToSecret(let env, let path, let key): jump(environment: env, path: path, key: key)
            }
        }
    }
}
