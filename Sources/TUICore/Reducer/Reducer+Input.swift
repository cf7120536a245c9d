/// Keys and mouse → commands, through the one binding table (`KeyBindings.table`).
extension Reducer {
    mutating func handleInput(_ event: InputEvent) {
        switch event {
        case .key(let key): handleKey(key)
        case .mouse(let m): handleMouse(m)
        case .resize(let w, let h):
            state.width = max(0, w); state.height = max(0, h)
            for pane in [Pane.projects, .folders, .secrets] { clampCursor(pane) }
            setAuditCursor(state.audit.cursor.selected)
        case .paste(let text):
            // Pasted text is data, never commands: only a text field may take it.
            if state.editor != nil { editPaste(text) }
            else if state.export != nil { exportPaste(text) }
            else if state.screen == .audit { auditPaste(text) }
            else if state.filterEditing != nil {
                let line = String(text.prefix { $0 != "\n" && $0 != "\r" })
                editFilter { $0 += line }
            }
        }
    }

    /// Binding contexts that apply to the focused pane, most specific first.
    var paneContexts: [BindingContext] {
        switch state.focus {
        case .projects, .detail: return [.lists, .general]
        case .folders, .secrets: return [.folders, .lists, .general]
        }
    }

    mutating func handleKey(_ key: Key) {
        state.notice = nil
        if state.editor != nil { handleEditKey(key); return }
        if state.export != nil { handleExportKey(key); return }
        if state.pendingConfirmation != nil {
            if let b = KeyBindings.lookup(key, in: [.confirm]) { run(b.command, key: key) }
            else if key == .ctrl("c") { run(.quit, key: key) }
            return
        }
        if state.helpVisible {
            if let b = KeyBindings.lookup(key, in: [.help]) { run(b.command, key: key) }
            else if key == .ctrl("c") { run(.quit, key: key) }
            return
        }
        if state.filterEditing != nil {
            if let b = KeyBindings.lookup(key, in: [.filter]) { run(b.command, key: key); return }
            if case .char(let c) = key { editFilter { $0.append(c) }; return }
        }
        if state.screen == .audit { handleAuditKey(key); return }
        if let b = KeyBindings.lookup(key, in: paneContexts) { run(b.command, key: key) }
    }

    mutating func run(_ command: Command, key: Key) {
        let pane = state.focus
        switch command {
        case .up: if state.helpVisible { scrollHelp(by: -1) } else { move(pane, by: -1) }
        case .down: if state.helpVisible { scrollHelp(by: 1) } else { move(pane, by: 1) }
        case .pageUp: move(pane, by: -layout.visibleRows(of: pane))
        case .pageDown: move(pane, by: layout.visibleRows(of: pane))
        case .top: if pane == .detail { state.detailScroll = 0 } else { setCursor(pane, to: 0) }
        case .bottom: if pane == .detail { state.detailScroll = DetailContent.maxScroll(state) } else { setCursor(pane, to: count(of: pane) - 1) }
        case .nextPane, .prevPane:
            state.filterEditing = nil
            let all = Pane.allCases, step = command == .nextPane ? 1 : all.count - 1
            state.focus = all[(pane.rawValue + step) % all.count]
        case .open: openSelected()
        case .folderUp: folderUp()
        case .envNumber:
            if case .char(let c) = key, let d = c.wholeNumberValue { selectEnvironment(d - 1) }
        case .envNext, .envPrev:
            let n = state.environments.count
            guard n > 0 else { return }
            selectEnvironment((state.environmentIndex + (command == .envNext ? 1 : n - 1)) % n)
        case .filter: startFilter()
        case .toggleRecursive: toggleRecursive()
        case .reveal: toggleReveal()
        case .refresh: refresh()
        case .cycleTheme: perform(.cycleTheme)
        case .help:
            state.helpVisible.toggle()
            state.helpScroll = 0
        case .quit:
            state.quitting = true
            perform(.quit)
        case .cancel: cancel()
        case .filterKeep: state.filterEditing = nil
        case .filterClear: clearFilter(state.filterEditing)
        case .filterErase: editFilter { if !$0.isEmpty { $0.removeLast() } }
        case .confirmYes: confirmReveal()
        case .confirmNo: state.pendingConfirmation = nil
        case .copyValue: startExport(wholeView: false)
        case .copyView: startExport(wholeView: true)
        case .openAudit: openAudit()
        case .editValue: startEdit()
        case .newSecret: startNewSecret()
        case .renameSecret: startRename()
        case .deleteSecret: startDelete()
        case .edit: break   // only meaningful inside the editor (handleEditKey)
        case .export: break // only meaningful inside the copy-to-file dialog (handleExportKey)
        case .audit: break  // only meaningful on the audit screen (handleAuditKey)
        }
    }

    mutating func scrollHelp(by delta: Int) {
        let maxScroll = layout.help(lineCount: HelpContent.lines(screen: state.screen).count).maxScroll
        state.helpScroll = min(max(0, state.helpScroll + delta), maxScroll)
    }

    /// Esc outside any modal: clear the focused list's filter, else mask, else dismiss the error.
    mutating func cancel() {
        if state.focus == .projects, !state.projectFilter.isEmpty { clearFilter(.projects) }
        else if state.focus != .projects, !state.secretFilter.isEmpty || state.filterRecursive {
            state.filterRecursive = false
            clearFilter(.secrets)
        } else if state.revealed != nil { state.revealed = nil }
        else { state.lastError = nil }
    }

    mutating func refresh() {
        state.revealed = nil
        // `R` means "ask the server again": drop the client's ETag cache first, so no answer
        // below comes from a cached body.
        perform(.invalidateCache)
        request(.projects, .projects)
        guard let pid = state.openProjectId, let env = state.environment?.slug else { return }
        loadFoldersAndSecrets(projectId: pid, env: env)
        request(.role(projectId: pid), .role(projectId: pid))
    }

    mutating func handleMouse(_ m: MouseEvent) {
        if state.modalOpen { return }
        if state.screen == .audit { handleAuditMouse(m); return }
        switch m {
        case .press(let x, let y):
            if state.helpVisible { state.helpVisible = false; return }
            let l = layout
            guard !l.tooSmall else { return }
            if y == l.topBar.y {
                let ranges = Layout.tabRanges(slugs: state.environments.map(\.slug), startX: l.tabsX)
                if let i = ranges.firstIndex(where: { $0.contains(x) }) { selectEnvironment(i) }
                return
            }
            guard let pane = l.pane(atX: x, y: y) else { return }
            if state.filterEditing != nil { state.filterEditing = nil }
            state.focus = pane
            guard pane != .detail else { return }
            let row = y - l.firstRowY(of: pane)
            let visible = l.visibleRows(of: pane)
            guard row >= 0, row < visible else { return }
            let index = cursor(of: pane).scroll + row
            if index < count(of: pane) { setCursor(pane, to: index) }
        case .doubleClick(let x, let y):
            // Open what the click selected: a project, a folder, or a secret's detail.
            handleMouse(.press(x: x, y: y))
            guard !state.helpVisible, let pane = layout.pane(atX: x, y: y), pane != .detail else { return }
            let row = y - layout.firstRowY(of: pane)
            guard row >= 0, row < layout.visibleRows(of: pane), cursor(of: pane).scroll + row < count(of: pane) else { return }
            openSelected()
        case .wheelUp(let x, let y), .wheelDown(let x, let y):
            let delta: Int
            if case .wheelUp = m { delta = -3 } else { delta = 3 }
            if state.helpVisible { scrollHelp(by: delta); return }
            guard let pane = layout.pane(atX: x, y: y) else { return }
            move(pane, by: delta)
        }
    }
}
