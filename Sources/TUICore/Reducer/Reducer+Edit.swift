import Foundation
import InfisicalModels

/// Edit / new / rename / delete: guards, the dialog's keys, and the answers from the runner.
/// Flow: open (permission guard) → [load value] → editing → preview (masked, `r` reveals) →
/// saving (the runner re-checks the version first) → notice + reload, or conflict, or the
/// server's error inside the dialog.
extension Reducer {
    // MARK: opening

    /// The project + environment a write would go to, or nil after putting the reason on the
    /// status line (disabled actions open nothing).
    mutating func writableScope(_ verb: String) -> (projectId: String, env: String)? {
        guard let pid = state.openProjectId, let env = state.environment else {
            denyEdit("open a project first", verb: verb); return nil
        }
        if let reason = EditPermission.denial(role: state.role, environment: env) {
            denyEdit(reason, verb: verb); return nil
        }
        return (pid, env.slug)
    }

    /// The selected row if it may be changed here, else nil after saying why.
    mutating func writableRow(_ verb: String) -> SecretRow? {
        guard let row = state.selectedSecret else { denyEdit("no secret selected", verb: verb); return nil }
        if let reason = EditPermission.rowDenial(row) { denyEdit(reason, verb: verb); return nil }
        return row
    }

    mutating func denyEdit(_ reason: String, verb: String) {
        state.lastError = InfisicalError(.permissionDenied, "cannot \(verb): \(reason)")
    }

    mutating func startEdit() {
        guard let scope = writableScope("edit"), let row = writableRow("edit") else { return }
        state.revealed = nil
        state.editor = EditFlow(kind: .edit, projectId: scope.projectId, environment: row.environment, path: row.path,
                                key: row.key, version: row.version, comment: row.comment)
        request(.editLoad, .edit(.loadValue(projectId: scope.projectId, env: row.environment, path: row.path, key: row.key)))
    }

    mutating func startNewSecret() {
        guard let scope = writableScope("create a secret") else { return }
        state.editor = EditFlow(kind: .create, projectId: scope.projectId, environment: scope.env, path: state.path)
    }

    mutating func startRename() {
        guard let scope = writableScope("rename"), let row = writableRow("rename") else { return }
        state.editor = EditFlow(kind: .rename, projectId: scope.projectId, environment: row.environment, path: row.path,
                                key: row.key, version: row.version, comment: row.comment)
    }

    mutating func startDelete() {
        guard let scope = writableScope("delete"), let row = writableRow("delete") else { return }
        state.editor = EditFlow(kind: .delete, projectId: scope.projectId, environment: row.environment, path: row.path,
                                key: row.key, version: row.version, comment: row.comment)
    }

    // MARK: keys

    mutating func handleEditKey(_ key: Key) {
        guard var ed = state.editor else { return }
        var command: EditCommand?
        if case .edit(let c) = KeyBindings.lookup(key, in: [.editor])?.command { command = c }
        switch ed.stage {
        case .loading:
            if command == .cancel { closeEditor() }
            return
        case .saving:
            return      // the write is on its way; its answer closes or reopens the dialog
        case .confirmDiscard:
            if key == .char("y") || key == .char("Y") { closeEditor(); return }
            if key == .char("n") || key == .char("N") || command == .cancel { ed.stage = .editing }
        case .conflict:
            if command == .reveal { reloadAfterConflict(&ed) } else if command == .cancel { closeEditor(); return }
        case .preview(let revealed):
            switch command {
            case .reveal:
                ed.stage = .preview(revealed: !revealed)
                ed.revealedAt = revealed ? nil : state.now
            case .confirm, .save: submit(&ed)
            case .cancel: ed.stage = .editing
            default: break
            }
        case .editing:
            ed.error = nil
            if case .char = key { ed.withInput { _ = $0.handle(key) } }
            else if key == .enter && ed.field == .value { ed.withInput { _ = $0.handle(key) } }
            else {
                switch command {
                case .save: advance(&ed, toEnd: true)
                case .confirm: advance(&ed, toEnd: false)
                case .nextField, .prevField:
                    // One binding for both directions: S-Tab goes back.
                    let f = ed.fields, back = command == .prevField || key == .backTab
                    if let i = f.firstIndex(of: ed.field) { ed.field = f[(i + (back ? f.count - 1 : 1)) % f.count] }
                case .cancel:
                    if ed.isDirty { ed.stage = .confirmDiscard } else { closeEditor(); return }
                default: ed.withInput { _ = $0.handle(key) }
                }
            }
        }
        if state.editor != nil {
            scrollValue(&ed)
            state.editor = ed
        }
    }

    /// Enter moves to the next field (or on from the last); Ctrl-S goes straight on. "On" means the
    /// preview, or for delete the write itself (the typed key is its confirmation).
    mutating func advance(_ ed: inout EditFlow, toEnd: Bool) {
        let f = ed.fields
        if !toEnd, let i = f.firstIndex(of: ed.field), i + 1 < f.count { ed.field = f[i + 1]; return }
        if let blocker = ed.blocker { ed.error = blocker; return }
        if ed.kind == .delete { submit(&ed) } else { ed.stage = .preview(revealed: false) }
    }

    mutating func submit(_ ed: inout EditFlow) {
        ed.stage = .saving
        ed.error = nil
        request(.editSave, .edit(.save(ed.request)))
    }

    mutating func reloadAfterConflict(_ ed: inout EditFlow) {
        guard case .conflict(let c) = ed.stage else { return }
        ed.error = nil
        if ed.kind == .edit {
            // Start again from the server's current value (the draft goes: it was based on old data).
            ed.stage = .loading
            ed.originalValue = nil
            ed.valueInput = TextInput("", multiline: true)
            request(.editLoad, .edit(.loadValue(projectId: ed.projectId, env: ed.environment, path: ed.path, key: ed.originalKey)))
        } else {
            // Rename / delete do not depend on the value: continue against the version now on the server.
            ed.baseVersion = c.serverVersion
            ed.stage = .editing
        }
    }

    mutating func closeEditor() {
        state.editor = nil      // drops the value with the dialog
        state.requests.drop(.editLoad)
    }

    /// Keeps the value editor's cursor line on screen.
    func scrollValue(_ ed: inout EditFlow) {
        let rows = layout.editorValueRows(kind: ed.kind)
        let line = ed.valueInput.cursorLineColumn.line
        if line < ed.valueScroll { ed.valueScroll = line }
        if line >= ed.valueScroll + rows { ed.valueScroll = line - rows + 1 }
        ed.valueScroll = max(0, ed.valueScroll)
    }

    /// Bracketed paste: text for the focused field (newlines kept in the value only).
    mutating func editPaste(_ text: String) {
        guard var ed = state.editor, ed.stage == .editing else { return }
        ed.error = nil
        ed.withInput { $0.insert(text) }
        scrollValue(&ed)
        state.editor = ed
    }

    /// A value revealed in the preview masks itself again after `remaskAfter` seconds.
    mutating func editTick() {
        guard var ed = state.editor, case .preview(revealed: true) = ed.stage, let at = ed.revealedAt,
              state.now.timeIntervalSince(at) >= state.remaskAfter else { return }
        ed.stage = .preview(revealed: false)
        ed.revealedAt = nil
        state.editor = ed
    }

    // MARK: answers

    mutating func handleEdit(_ answer: EditAnswer) {
        switch answer {
        case .valueLoaded(let result):
            guard var ed = state.editor, ed.stage == .loading else { return }
            switch result {
            case .failure(let e):
                closeEditor()
                report(e)
            case .success(let base):
                ed.originalValue = base.value
                ed.valueInput = TextInput(base.value, multiline: true)
                ed.originalComment = base.comment
                ed.commentInput = TextInput(base.comment, maxLength: 1000)
                ed.baseVersion = base.version
                ed.stage = .editing
                ed.field = .value
                scrollValue(&ed)
                state.editor = ed
            }
        case .saved(let result):
            guard var ed = state.editor, ed.stage == .saving else { return }
            switch result {
            case .failure(let e):
                // Keep the dialog (and the user's work); the server's words say what went wrong.
                ed.stage = .editing
                ed.error = e.kind == .cancelled ? nil : e.message + (e.hint.map { " — " + $0 } ?? "")
                state.editor = ed
            case .success(.conflict(let c)):
                ed.stage = .conflict(c)
                state.editor = ed
                reloadSecretsAfterEdit()
            case .success(.saved(let key, let version)):
                closeEditor()
                let verb = ed.kind == .create ? "created" : ed.kind == .rename ? "renamed \(ed.originalKey) →" : "saved"
                state.notice = "\(verb) \(key) v\(version) in \(ed.environment)"
                patchRowsAfterSave(ed, key: key, version: version)
                reloadSecretsAfterEdit()
            case .success(.deleted(let key)):
                closeEditor()
                state.notice = "deleted \(key) from \(ed.environment)"
                patchRowsAfterSave(ed, key: key, version: nil)
                reloadSecretsAfterEdit()
            }
        }
    }

    /// Reloads the current view's list (the audit detail activity follows `loadedAt`).
    mutating func reloadSecretsAfterEdit() {
        loadSecrets(recursive: state.filterRecursive)
    }

    /// Applies the write to the rows at once so the selection lands on the edited key; the reload
    /// that follows replaces them with the server's and keeps that selection.
    mutating func patchRowsAfterSave(_ ed: EditFlow, key: String, version: Int?) {
        guard state.openProjectId == ed.projectId, state.environment?.slug == ed.environment else { return }
        let index = state.secrets.firstIndex { $0.key == ed.originalKey && $0.path == ed.path && $0.importedFrom == nil }
        var keep: SecretRow?
        switch ed.kind {
        case .create:
            let row = SecretRow(id: "", key: key, environment: ed.environment, path: ed.path, version: version ?? 1,
                                comment: ed.newComment)
            state.secrets.append(row)
            keep = row
        case .edit, .rename:
            guard let i = index else { return }
            state.secrets[i].key = key
            state.secrets[i].keyLower = key.lowercased()
            if let version { state.secrets[i].version = version }
            if ed.kind == .edit { state.secrets[i].comment = ed.newComment }
            keep = state.secrets[i]
        case .delete:
            guard let i = index else { return }
            let pos = state.secretCursor.selected
            state.secrets.remove(at: i)
            recomputeSecrets(keeping: nil)
            setCursor(.secrets, to: min(pos, max(0, state.visibleSecrets.count - 1)))
            return
        }
        recomputeSecrets(keeping: keep)
    }
}
