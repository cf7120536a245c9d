/// Input while an overlay is open: it takes every key, paste and click first, through its own
/// binding contexts (`Overlay.bindingContexts`). ^C always quits.
extension Reducer {
    mutating func handleOverlayKey(_ overlay: Overlay, _ key: Key) {
        switch overlay {
        case .export: withExport { $0.key(key) }
        case .editor: withEditor { $0.key(key) }
        case .auditFilters, .auditExport: withAudit { $0.handleAuditPromptKey(key) }
        case .overview: withOverview { $0.key(key) }
        case .history: withHistory { $0.key(key) }
        case .confirmReveal, .help:
            if let b = KeyBindings.lookup(key, in: overlay.bindingContexts) { run(b.command, key: key) }
            else if key == .ctrl("c") { run(.quit, key: key) }
        }
    }

    /// Pasted text is data, never commands: only an overlay's text field may take it.
    mutating func handleOverlayPaste(_ overlay: Overlay, _ text: String) {
        switch overlay {
        case .export: withExport { $0.paste(text) }
        case .editor: withEditor { $0.paste(text) }
        case .auditFilters, .auditExport: withAudit { $0.auditPaste(text) }
        case .overview: withOverview { $0.rotationPaste(text) }
        case .confirmReveal, .help, .history: break
        }
    }

    /// Dialogs ignore the mouse; the help overlay scrolls with the wheel and closes on a click.
    mutating func handleOverlayMouse(_ overlay: Overlay, _ m: MouseEvent) {
        guard case .help = overlay else { return }
        switch m {
        case .press, .doubleClick: state.overlay = nil
        case .wheelUp: scrollHelp(by: -3)
        case .wheelDown: scrollHelp(by: 3)
        }
    }

    mutating func toggleHelp() {
        if case .help? = state.overlay { state.overlay = nil } else { state.overlay = .help(scroll: 0) }
    }

    mutating func scrollHelp(by delta: Int) {
        guard case .help(let scroll)? = state.overlay else { return }
        let maxScroll = layout.help(lineCount: HelpContent.lines(screen: state.screen).count).maxScroll
        state.overlay = .help(scroll: min(max(0, scroll + delta), maxScroll))
    }
}
