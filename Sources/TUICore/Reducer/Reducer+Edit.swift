import Foundation
import InfisicalModels

/// Edit / new / rename / delete in the root reducer: the permission guards that open the dialog
/// from the browse view, and routing keys, pastes, ticks and answers to `EditReducer`, which owns
/// the dialog's state. After a write the browse rows are patched here (`patchRowsAfterSave`).
extension Reducer {
    // MARK: opening

    /// The project + environment a write would go to, or nil after putting the reason on the
    /// status line (disabled actions open nothing).
    mutating func writableScope(_ verb: String) -> (projectId: String, env: String)? {
        guard let pid = state.browse.openProjectId, let env = state.browse.environment else {
            denyEdit("open a project first", verb: verb); return nil
        }
        if let reason = EditPermission.denial(role: state.role, environment: env) {
            denyEdit(reason, verb: verb); return nil
        }
        return (pid, env.slug)
    }

    /// The selected row if it may be changed here, else nil after saying why.
    mutating func writableRow(_ verb: String) -> SecretRow? {
        guard let row = state.browse.selectedSecret else { denyEdit("no secret selected", verb: verb); return nil }
        if let reason = EditPermission.rowDenial(row) { denyEdit(reason, verb: verb); return nil }
        return row
    }

    mutating func denyEdit(_ reason: String, verb: String) {
        state.status.lastError = InfisicalError(.permissionDenied, "cannot \(verb): \(reason)")
    }

    mutating func startEdit() {
        guard let scope = writableScope("edit"), let row = writableRow("edit") else { return }
        state.browse.revealed = nil
        state.overlay = .editor(EditFlow(kind: .edit, projectId: scope.projectId, environment: row.environment,
                                         path: row.path, key: row.key, version: row.version, comment: row.comment))
        request(.editLoad, .edit(.loadValue(projectId: scope.projectId, env: row.environment, path: row.path, key: row.key)))
    }

    mutating func startNewSecret() {
        guard let scope = writableScope("create a secret") else { return }
        state.overlay = .editor(EditFlow(kind: .create, projectId: scope.projectId, environment: scope.env,
                                         path: state.browse.path))
    }

    mutating func startRename() {
        guard let scope = writableScope("rename"), let row = writableRow("rename") else { return }
        state.overlay = .editor(EditFlow(kind: .rename, projectId: scope.projectId, environment: row.environment,
                                         path: row.path, key: row.key, version: row.version, comment: row.comment))
    }

    mutating func startDelete() {
        guard let scope = writableScope("delete"), let row = writableRow("delete") else { return }
        state.overlay = .editor(EditFlow(kind: .delete, projectId: scope.projectId, environment: row.environment,
                                         path: row.path, key: row.key, version: row.version, comment: row.comment))
    }

    /// Runs `body` on the open dialog, puts it back, then applies what it asked for.
    mutating func withEditor(_ body: (inout EditReducer) -> Void) {
        guard case .editor(let ed)? = state.overlay else { return }
        var r = EditReducer(ed: ed, now: state.now, remaskAfter: state.session.remaskAfter,
                            valueRows: layout.editorValueRows(kind: ed.kind))
        body(&r)
        state.overlay = .editor(r.ed)
        apply(r.outcomes)
    }

    /// Applies the write to the rows at once so the selection lands on the edited key; the reload
    /// that follows replaces them with the server's and keeps that selection.
    mutating func patchRowsAfterSave(_ ed: EditFlow, key: String, version: Int?) {
        guard state.browse.openProjectId == ed.projectId, state.browse.environment?.slug == ed.environment else { return }
        let index = state.browse.secrets.firstIndex { $0.key == ed.originalKey && $0.path == ed.path && $0.importedFrom == nil }
        var keep: SecretRow?
        switch ed.kind {
        case .create:
            let row = SecretRow(id: "", key: key, environment: ed.environment, path: ed.path, version: version ?? 1,
                                comment: ed.newComment)
            state.browse.secrets.append(row)
            keep = row
        case .edit, .rename:
            guard let i = index else { return }
            state.browse.secrets[i].key = key
            state.browse.secrets[i].keyLower = key.lowercased()
            if let version { state.browse.secrets[i].version = version }
            if ed.kind == .edit { state.browse.secrets[i].comment = ed.newComment }
            keep = state.browse.secrets[i]
        case .delete:
            guard let i = index else { return }
            let pos = state.browse.secretCursor.selected
            state.browse.secrets.remove(at: i)
            recomputeSecrets(keeping: nil)
            setCursor(.secrets, to: min(pos, max(0, state.browse.visibleSecrets.count - 1)))
            return
        }
        recomputeSecrets(keeping: keep)
    }
}

/// The edit / new / rename / delete dialog's reducer.
/// Flow: [load value] → editing → preview (masked, `r` reveals) → saving (the runner re-checks the
/// version first) → notice + reload, or conflict, or the server's error inside the dialog.
struct EditReducer {
    var ed: EditFlow
    let now: Date
    let remaskAfter: TimeInterval
    /// Rows of the value editor at the current size (Layout), to keep the cursor line on screen.
    let valueRows: Int
    var outcomes: [Outcome] = []

    // MARK: keys

    mutating func key(_ key: Key) {
        var command: EditCommand?
        if case .edit(let c) = KeyBindings.lookup(key, in: [.editor])?.command { command = c }
        switch ed.stage {
        case .loading:
            if command == .cancel { close() }
            return
        case .saving:
            return      // the write is on its way; its answer closes or reopens the dialog
        case .confirmDiscard:
            if command == .yes { close(); return }
            if command == .no || command == .cancel { ed.stage = .editing }
        case .conflict:
            if command == .reveal { reloadAfterConflict() } else if command == .cancel { close(); return }
        case .preview(let revealed):
            switch command {
            case .reveal:
                ed.stage = .preview(revealed: !revealed)
                ed.revealedAt = revealed ? nil : now
            case .confirm, .yes, .save: submit()
            case .cancel: ed.stage = .editing
            default: break
            }
        case .editing:
            ed.error = nil
            if case .char = key { ed.withInput { _ = $0.handle(key) } }
            else if key == .enter && ed.field == .value { ed.withInput { _ = $0.handle(key) } }
            else {
                switch command {
                case .save: advance(toEnd: true)
                case .confirm: advance(toEnd: false)
                case .nextField, .prevField:
                    let f = ed.fields, back = command == .prevField
                    if let i = f.firstIndex(of: ed.field) { ed.field = f[(i + (back ? f.count - 1 : 1)) % f.count] }
                case .cancel:
                    if ed.isDirty { ed.stage = .confirmDiscard } else { close(); return }
                default: ed.withInput { _ = $0.handle(key) }
                }
            }
        }
        scrollValue()
    }

    /// Enter moves to the next field (or on from the last); Ctrl-S goes straight on. "On" means the
    /// preview, or for delete the write itself (the typed key is its confirmation).
    mutating func advance(toEnd: Bool) {
        let f = ed.fields
        if !toEnd, let i = f.firstIndex(of: ed.field), i + 1 < f.count { ed.field = f[i + 1]; return }
        if let blocker = ed.blocker { ed.error = blocker; return }
        if ed.kind == .delete { submit() } else { ed.stage = .preview(revealed: false) }
    }

    mutating func submit() {
        ed.stage = .saving
        ed.error = nil
        outcomes.append(.request(.editSave, .edit(.save(ed.request))))
    }

    mutating func reloadAfterConflict() {
        guard case .conflict(let c) = ed.stage else { return }
        ed.error = nil
        if ed.kind == .edit {
            // Start again from the server's current value (the draft goes: it was based on old data).
            ed.stage = .loading
            ed.originalValue = nil
            ed.valueInput = TextInput("", multiline: true)
            outcomes.append(.request(.editLoad, .edit(.loadValue(projectId: ed.projectId, env: ed.environment,
                                                                 path: ed.path, key: ed.originalKey))))
        } else {
            // Rename / delete do not depend on the value: continue against the version now on the server.
            ed.baseVersion = c.serverVersion
            ed.stage = .editing
        }
    }

    /// Closing drops the value with the dialog.
    mutating func close() {
        outcomes += [.drop(.editLoad), .closeOverlay]
    }

    /// Keeps the value editor's cursor line on screen.
    mutating func scrollValue() {
        let line = ed.valueInput.cursorLineColumn.line
        if line < ed.valueScroll { ed.valueScroll = line }
        if line >= ed.valueScroll + valueRows { ed.valueScroll = line - valueRows + 1 }
        ed.valueScroll = max(0, ed.valueScroll)
    }

    /// Bracketed paste: text for the focused field (newlines kept in the value only).
    mutating func paste(_ text: String) {
        guard ed.stage == .editing else { return }
        ed.error = nil
        ed.withInput { $0.insert(text) }
        scrollValue()
    }

    /// A value revealed in the preview masks itself again after `remaskAfter` seconds.
    mutating func tick() {
        guard case .preview(revealed: true) = ed.stage, let at = ed.revealedAt,
              now.timeIntervalSince(at) >= remaskAfter else { return }
        ed.stage = .preview(revealed: false)
        ed.revealedAt = nil
    }

    // MARK: answers

    mutating func answer(_ answer: EditAnswer) {
        switch answer {
        case .valueLoaded(let result):
            guard ed.stage == .loading else { return }
            switch result {
            case .failure(let e):
                close()
                outcomes.append(.error(e))
            case .success(let base):
                ed.originalValue = base.value
                ed.valueInput = TextInput(base.value, multiline: true)
                ed.originalComment = base.comment
                ed.commentInput = TextInput(base.comment, maxLength: 1000)
                ed.baseVersion = base.version
                ed.stage = .editing
                ed.field = .value
                scrollValue()
            }
        case .saved(let result):
            guard ed.stage == .saving else { return }
            switch result {
            case .failure(let e):
                // Keep the dialog (and the user's work); the server's words say what went wrong.
                ed.stage = .editing
                ed.error = e.kind == .cancelled ? nil : e.description
            case .success(.conflict(let c)):
                ed.stage = .conflict(c)
                outcomes.append(.reloadSecrets)
            case .success(.saved(let key, let version)):
                close()
                let verb = ed.kind == .create ? "created" : ed.kind == .rename ? "renamed \(ed.originalKey) →" : "saved"
                outcomes += [.notice("\(verb) \(key) v\(version) in \(ed.environment)"),
                             .secretWritten(ed, key: key, version: version), .reloadSecrets]
            case .success(.deleted(let key)):
                close()
                outcomes += [.notice("deleted \(key) from \(ed.environment)"),
                             .secretWritten(ed, key: key, version: nil), .reloadSecrets]
            }
        }
    }
}
