/// Keys and mouse → commands, through the one binding table (`KeyBindings.table`).
extension Reducer {
    mutating func handleInput(_ event: InputEvent) {
        switch event {
        case .key(let key): handleKey(key)
        case .mouse(let m):
            if let overlay = state.overlay { handleOverlayMouse(overlay, m) } else { handleMouse(m) }
        case .resize(let w, let h):
            state.width = max(0, w); state.height = max(0, h)
            for pane in [Pane.projects, .folders, .secrets] { clampCursor(pane) }
            withAudit { $0.setAuditCursor($0.audit.cursor.selected) }
        case .paste(let text):
            // Pasted text is data, never commands: only a text field may take it.
            if let overlay = state.overlay { handleOverlayPaste(overlay, text) }
            else if state.browse.filterEditing != nil {
                let line = String(text.prefix { $0 != "\n" && $0 != "\r" })
                editFilter { $0 += line }
            }
        }
    }

    /// Binding contexts that apply to the focused pane, most specific first.
    var paneContexts: [BindingContext] {
        switch state.browse.focus {
        case .projects, .detail: return [.lists, .general]
        case .folders: return [.folderTree, .folders, .lists, .general]
        case .secrets: return [.folders, .lists, .general]
        }
    }

    mutating func handleKey(_ key: Key) {
        state.status.notice = nil
        if let overlay = state.overlay { handleOverlayKey(overlay, key); return }
        if state.browse.filterEditing != nil {
            if let b = KeyBindings.lookup(key, in: [.filter]) { run(b.command, key: key); return }
            if case .char(let c) = key { editFilter { $0.append(c) }; return }
        }
        if state.screen == .audit { withAudit { $0.handleAuditKey(key) }; return }
        if let b = KeyBindings.lookup(key, in: paneContexts) { run(b.command, key: key) }
    }

    mutating func run(_ command: Command, key: Key) {
        let pane = state.browse.focus
        switch command {
        case .up: if case .help? = state.overlay { scrollHelp(by: -1) } else { move(pane, by: -1) }
        case .down: if case .help? = state.overlay { scrollHelp(by: 1) } else { move(pane, by: 1) }
        case .pageUp: move(pane, by: -layout.visibleRows(of: pane))
        case .pageDown: move(pane, by: layout.visibleRows(of: pane))
        case .top: if pane == .detail { state.browse.detailScroll = 0 } else { setCursor(pane, to: 0) }
        case .bottom: if pane == .detail { state.browse.detailScroll = DetailContent.maxScroll(state) } else { setCursor(pane, to: count(of: pane) - 1) }
        case .nextPane, .prevPane:
            state.browse.filterEditing = nil
            let all = Pane.allCases, step = command == .nextPane ? 1 : all.count - 1
            state.browse.focus = all[(pane.rawValue + step) % all.count]
        case .open: openSelected()
        case .folderUp: folderUp()
        case .expandFolder: expandSelectedFolder()
        case .collapseFolder: collapseSelectedFolder()
        case .envNumber:
            if case .char(let c) = key, let d = c.wholeNumberValue { selectEnvironment(d - 1) }
        case .envNext, .envPrev:
            let n = state.browse.environments.count
            guard n > 0 else { return }
            selectEnvironment((state.browse.environmentIndex + (command == .envNext ? 1 : n - 1)) % n)
        case .filter: startFilter()
        case .toggleRecursive: toggleRecursive()
        case .overdueOnly: toggleOverdueOnly()
        case .reveal: toggleReveal()
        case .refresh: refresh()
        case .cycleTheme: perform(.cycleTheme)
        case .help: toggleHelp()
        case .quit:
            state.quitting = true
            perform(.quit)
        case .cancel: cancel()
        case .filterKeep: state.browse.filterEditing = nil
        case .filterClear: clearFilter(state.browse.filterEditing)
        case .filterErase: editFilter { if !$0.isEmpty { $0.removeLast() } }
        case .confirmYes: confirmReveal()
        case .confirmNo: state.overlay = nil
        case .copyValue: startExport(wholeView: false)
        case .copyView: startExport(wholeView: true)
        case .openAudit: openAudit()
        case .openOverview: openOverview()
        case .openHistory: openHistory()
        case .editValue: startEdit()
        case .newSecret: startNewSecret()
        case .renameSecret: startRename()
        case .deleteSecret: startDelete()
        case .edit: break   // only meaningful inside the editor (EditReducer)
        case .export: break // only meaningful inside the copy-to-file dialog (ExportReducer)
        case .audit: break  // only meaningful on the audit screen (handleAuditKey)
        case .overview: break // only meaningful in the overview (OverviewReducer)
        case .history: break  // only meaningful in the history overlay (HistoryReducer)
        }
    }

    /// Esc outside any modal: clear the focused list's filter, else mask, else dismiss the error.
    mutating func cancel() {
        if state.browse.focus == .projects, !state.browse.projectFilter.isEmpty { clearFilter(.projects) }
        else if state.browse.focus != .projects, !state.browse.secretFilter.isEmpty || state.browse.filterRecursive
                    || state.browse.overdueOnly {
            state.browse.filterRecursive = false
            state.browse.overdueOnly = false
            clearFilter(.secrets)
        } else if state.browse.revealed != nil { state.browse.revealed = nil }
        else { state.status.lastError = nil }
    }

    mutating func refresh() {
        state.browse.revealed = nil
        // `R` means "ask the server again": drop the client's ETag cache first, so no answer
        // below comes from a cached body.
        perform(.invalidateCache)
        request(.projects, .projects)
        guard let pid = state.browse.openProjectId, state.browse.environment != nil else { return }
        refreshFolderTree()
        loadSecrets(recursive: state.browse.filterRecursive)
        request(.role(projectId: pid), .role(projectId: pid))
    }

    mutating func handleMouse(_ m: MouseEvent) {
        if state.screen == .audit { withAudit { $0.handleAuditMouse(m) }; return }
        switch m {
        case .press(let x, let y):
            let l = layout
            guard !l.tooSmall else { return }
            if y == l.topBar.y {
                let ranges = Layout.tabRanges(slugs: state.browse.environments.map(\.slug), startX: l.tabsX)
                if let i = ranges.firstIndex(where: { $0.contains(x) }) { selectEnvironment(i) }
                return
            }
            guard let pane = l.pane(atX: x, y: y) else { return }
            if state.browse.filterEditing != nil { state.browse.filterEditing = nil }
            state.browse.focus = pane
            guard pane != .detail else { return }
            let row = y - l.firstRowY(of: pane)
            let visible = l.visibleRows(of: pane)
            guard row >= 0, row < visible else { return }
            let index = cursor(of: pane).scroll + row
            if pane == .folders, clickFolderToggle(row: index, x: x) { return }
            if index < count(of: pane) { setCursor(pane, to: index) }
        case .doubleClick(let x, let y):
            // Open what the click selected: a project, a folder, or a secret's detail.
            handleMouse(.press(x: x, y: y))
            guard let pane = layout.pane(atX: x, y: y), pane != .detail else { return }
            let row = y - layout.firstRowY(of: pane)
            guard row >= 0, row < layout.visibleRows(of: pane), cursor(of: pane).scroll + row < count(of: pane) else { return }
            openSelected()
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            let delta: Int
            if case .wheelUp = m { delta = -3 } else { delta = 3 }
            guard let pane = layout.pane(atX: x, y: y) else { return }
            move(pane, by: delta)
        }
    }
}
