/// What is drawn over the screen and takes every key first. At most one at a time, so which
/// dialog is on top is never a question: input goes to `AppState.overlay` when there is one, and
/// its key bindings come from `bindingContexts`.
public enum Overlay: Equatable, Sendable {
    /// Reveal a value in a production environment (y/n).
    case confirmReveal(RevealTarget)
    /// `?`: the keys of the current screen, scrolled by `scroll` lines.
    case help(scroll: Int)
    /// Copy-to-file (`y` one value, `Y` the view). See `ExportFlow.swift`.
    case export(ExportFlow)
    /// Edit / new / rename / delete. See `EditFlow.swift`.
    case editor(EditFlow)
    /// The audit screen's filter + range form (`/`, `c`).
    case auditFilters(AuditFilterForm)
    /// The audit screen's export path (`y`).
    case auditExport(AuditExportForm)
    /// Keys × environments (`o`). See `OverviewState.swift`.
    case overview(OverviewState)
    /// A secret's versions (`v`). See `HistoryState.swift`.
    case history(HistoryState)

    /// Where the overlay's keys are looked up, most specific first.
    public var bindingContexts: [BindingContext] {
        switch self {
        case .confirmReveal: return [.confirm]
        case .help: return [.help]
        case .export: return [.export]
        case .editor: return [.editor]
        case .auditFilters, .auditExport: return [.auditDialog]
        case .overview: return [.overview, .lists]
        case .history: return [.history, .lists]
        }
    }

    public var export: ExportFlow? { if case .export(let f) = self { return f }; return nil }
    public var editor: EditFlow? { if case .editor(let e) = self { return e }; return nil }
}

/// The secret a production reveal asks about.
public struct RevealTarget: Equatable, Sendable {
    public var key: String
    public var environment: String
    public var path: String
    public init(key: String, environment: String, path: String) {
        self.key = key; self.environment = environment; self.path = path
    }
}
