import Foundation
import InfisicalModels

/// Copy-to-file in the root reducer: opening the dialog from the browse view, and routing keys,
/// pastes and answers to `ExportReducer`, which owns the dialog's state.
extension Reducer {
    mutating func startExport(wholeView: Bool) {
        let b = state.browse
        guard let project = b.openProject, let env = b.environment else {
            report(InfisicalError(.usage, "open a project first", hint: "copy-to-file writes from the open environment"))
            return
        }
        var flow: ExportFlow
        if wholeView {
            flow = ExportFlow(projectId: project.id, projectName: project.name, environment: env.slug,
                              isProduction: env.isProduction, sourcePath: b.path,
                              recursive: b.filterRecursive || b.secretsRecursive)
        } else {
            guard let row = b.selectedSecret else {
                report(InfisicalError(.usage, "no secret selected", hint: "select a secret, or Y copies the whole view"))
                return
            }
            // An imported row is read where it lives (its own environment and folder).
            flow = ExportFlow(projectId: project.id, projectName: project.name, environment: row.environment,
                              isProduction: Environment.isProduction(slug: row.environment),
                              sourcePath: row.path, key: row.key)
        }
        state.status.lastError = nil
        state.overlay = .export(flow)
        withExport { $0.inspect(thenWrite: false) }
    }

    /// Runs `body` on the open dialog, puts the dialog back, then applies what it asked for.
    mutating func withExport(_ body: (inout ExportReducer) -> Void) {
        guard case .export(let flow)? = state.overlay else { return }
        var r = ExportReducer(flow: flow)
        body(&r)
        state.overlay = .export(r.flow)
        apply(r.outcomes)
    }

    mutating func handleExport(_ answer: ExportAnswer) {
        if case .export? = state.overlay {
            withExport { $0.answer(answer) }
        } else {
            // The dialog was closed while its write was on its way: still say what happened.
            apply(ExportReducer.answerWithoutDialog(answer))
        }
    }
}

/// The copy-to-file dialog's reducer. It asks the app to look at the target and list the keys
/// (never values), walks the guards one at a time — refusal, overwrite, git-unignored, production
/// name — and only then asks for the one request that reads values.
struct ExportReducer {
    var flow: ExportFlow
    var outcomes: [Outcome] = []

    // MARK: answers

    mutating func answer(_ answer: ExportAnswer) {
        switch answer {
        case .inspected(let result):
            guard case .inspecting(let thenWrite) = flow.stage else { return }
            flow.stage = .editing
            switch result {
            case .success(let inspection):
                flow.inspection = inspection
                if thenWrite { advance() }
            case .failure(let e):
                if e.kind != .cancelled { flow.error = e.description }
            }
        case .written(let result):
            guard flow.stage == .writing else { outcomes += Self.answerWithoutDialog(answer); return }
            switch result {
            case .success:
                outcomes += Self.answerWithoutDialog(answer)
                outcomes.append(.closeOverlay)
            case .failure(let e):
                // The dialog stays open so the path can be fixed; nothing the user typed is lost.
                flow.stage = .editing
                flow.error = e.description
                flow.inspection = nil
            }
        }
    }

    /// A write's answer when no dialog is waiting for it: a notice, or the error.
    static func answerWithoutDialog(_ answer: ExportAnswer) -> [Outcome] {
        guard case .written(let result) = answer else { return [] }
        switch result {
        case .success(let w):
            var msg = "wrote \(w.count) secret\(w.count == 1 ? "" : "s") to \(w.path) (0600)"
            if !w.warnings.isEmpty {
                msg += " · \(w.warnings.count) warning\(w.warnings.count == 1 ? "" : "s"): " + w.warnings.joined(separator: "; ")
            }
            return [.notice(msg), .clearError]
        case .failure(let e):
            return [.error(e)]
        }
    }

    // MARK: keys

    mutating func key(_ key: Key) {
        let command: ExportCommand? = {
            if case .export(let c)? = KeyBindings.lookup(key, in: [.export])?.command { return c }
            return nil
        }()
        let yes = command == .yes, no = command == .no
        if command == .cancel { close(); return }
        switch flow.stage {
        case .inspecting(thenWrite: false):
            // A look-only check must not swallow typing: the fields stay editable meanwhile.
            editingKey(key, command: command)
        case .inspecting, .writing:
            return  // waiting for the app before writing; only Esc acts
        case .confirmOverwrite, .acknowledgeGit:
            if yes || command == .confirm {
                if flow.stage == .confirmOverwrite { flow.overwriteConfirmed = true } else { flow.gitAcknowledged = true }
                advance()
            } else if no {
                flow.stage = .editing
                flow.field = .path
            }
        case .typeProjectName:
            if command == .confirm {
                if flow.nameInput.text.trimmingCharacters(in: .whitespaces) == flow.projectName {
                    write()
                } else {
                    flow.error = "not the project's name; type \(flow.projectName)"
                    flow.nameInput.set("")
                }
            } else if command == .nextField || command == .prevField {
                flow.stage = .editing
            } else if flow.nameInput.handle(key) {
                flow.error = nil
            }
        case .editing:
            editingKey(key, command: command)
        }
    }

    private mutating func editingKey(_ key: Key, command: ExportCommand?) {
        let fields = flow.fields
        let i = fields.firstIndex(of: flow.field) ?? 0
        switch command {
        case .nextField?: flow.field = fields[(i + 1) % fields.count]; return
        case .prevField?: flow.field = fields[(i + fields.count - 1) % fields.count]; return
        case .confirm?: inspect(thenWrite: true); return
        default: break
        }
        switch flow.field {
        case .format:
            guard command == .change else { return }
            let all = ExportFormat.allCases
            let at = all.firstIndex(of: flow.format) ?? 0
            flow.format = all[(at + (key == .left ? all.count - 1 : 1)) % all.count]
        case .recursive:
            guard command == .change else { return }
            flow.recursive.toggle()
            resetAnswers()
            // The scope changed: the key list (and its collisions) must be fetched again.
            inspect(thenWrite: false)
        case .path:
            if flow.path.handle(key) {
                resetAnswers()
                dropLookOnlyInspection()
            }
        }
    }

    /// A look at the old path says nothing about the new one: its answer is dropped.
    private mutating func dropLookOnlyInspection() {
        guard flow.stage == .inspecting(thenWrite: false) else { return }
        outcomes.append(.drop(.exportInspect))
        flow.stage = .editing
    }

    /// Answers belong to one path and scope: a new path must be confirmed again.
    private mutating func resetAnswers() {
        flow.overwriteConfirmed = false
        flow.gitAcknowledged = false
        flow.error = nil
    }

    mutating func paste(_ text: String) {
        switch flow.stage {
        case .editing where flow.field == .path, .inspecting(thenWrite: false) where flow.field == .path:
            flow.path.insert(text)
            resetAnswers()
            dropLookOnlyInspection()
        case .typeProjectName:
            flow.nameInput.insert(text)
        default: return
        }
    }

    /// Esc: a look-only check is forgotten; a write already on its way still answers (see `.written`).
    mutating func close() {
        outcomes += [.drop(.exportInspect), .closeOverlay]
    }

    // MARK: the guards

    /// Asks the app to look at the path and list the keys again.
    mutating func inspect(thenWrite: Bool) {
        flow.stage = .inspecting(thenWrite: thenWrite)
        flow.error = nil
        flow.inspectedFor = flow.request
        flow.inspectedPath = flow.path.text
        outcomes.append(.request(.exportInspect, .export(.inspect(request: flow.request, target: flow.path.text))))
    }

    /// The guards, in order; each stops at its own question. Only when all are answered is the
    /// value-reading request asked for.
    mutating func advance() {
        guard let inspection = flow.inspection else { return }
        let target = inspection.target
        flow.stage = .editing
        if flow.path.text.trimmingCharacters(in: .whitespaces).isEmpty {
            flow.error = "type a file path"
        } else if let refusal = target.refusal {
            flow.error = refusal
        } else if inspection.keys.isEmpty {
            flow.error = "nothing to write: no secrets in this view"
        } else if target.exists && !flow.overwriteConfirmed {
            flow.stage = .confirmOverwrite
        } else if target.gitUnignored && !flow.gitAcknowledged {
            flow.stage = .acknowledgeGit
        } else if flow.isProduction {
            flow.stage = .typeProjectName
            flow.nameInput.set("")
        } else {
            write()
        }
    }

    mutating func write() {
        guard let inspection = flow.inspection else { return }
        flow.stage = .writing
        flow.error = nil
        // The absolute path the user saw checked; overwrite only with their yes.
        outcomes.append(.request(.exportWrite, .export(.write(request: flow.request, target: inspection.target.path,
                                                              format: flow.format, overwrite: flow.overwriteConfirmed))))
    }
}
