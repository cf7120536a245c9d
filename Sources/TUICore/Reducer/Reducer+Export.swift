import Foundation
import InfisicalModels

/// Copy-to-file (`y` one value, `Y` the view): a dialog that asks the app to look at the target
/// and list the keys (never values), walks the guards one at a time — refusal, overwrite,
/// git-unignored, production name — and only then emits the one effect that reads values.
extension Reducer {
    mutating func startExport(wholeView: Bool) {
        guard let project = state.openProject, let env = state.environment else {
            report(InfisicalError(.usage, "open a project first", hint: "copy-to-file writes from the open environment"))
            return
        }
        var flow: ExportFlow
        if wholeView {
            flow = ExportFlow(projectId: project.id, projectName: project.name, environment: env.slug,
                              isProduction: env.isProduction, sourcePath: state.path,
                              recursive: state.filterRecursive || state.secretsRecursive)
        } else {
            guard let row = state.selectedSecret else {
                report(InfisicalError(.usage, "no secret selected", hint: "select a secret, or Y copies the whole view"))
                return
            }
            // An imported row is read where it lives (its own environment and folder).
            flow = ExportFlow(projectId: project.id, projectName: project.name, environment: row.environment,
                              isProduction: Environment.isProduction(slug: row.environment),
                              sourcePath: row.path, key: row.key)
        }
        state.lastError = nil
        state.export = flow
        inspectExport(thenWrite: false)
    }

    mutating func handleExport(_ asked: ExportEffect, _ answer: ExportAnswer) {
        switch answer {
        case .inspected(let result):
            guard var flow = state.export, case .inspecting(let thenWrite) = flow.stage else { return }
            switch result {
            case .success(let inspection):
                flow.inspection = inspection
                flow.stage = .editing
                state.export = flow
                if thenWrite { advanceExport() }
            case .failure(let e):
                flow.stage = .editing
                if e.kind != .cancelled { flow.error = Self.describe(e) }
                state.export = flow
            }
        case .written(let result):
            // A write runs to its answer even if the dialog was closed meanwhile: the user learns
            // what happened to the file either way.
            let current = state.export?.stage == .writing
            switch result {
            case .success(let w):
                var msg = "wrote \(w.count) secret\(w.count == 1 ? "" : "s") to \(w.path) (0600)"
                if !w.warnings.isEmpty { msg += " · \(w.warnings.count) warning\(w.warnings.count == 1 ? "" : "s"): " + w.warnings.joined(separator: "; ") }
                state.notice = msg
                state.lastError = nil
                if current { state.export = nil }
            case .failure(let e):
                // The dialog stays open so the path can be fixed; nothing the user typed is lost.
                if current, var flow = state.export {
                    flow.stage = .editing
                    flow.error = Self.describe(e)
                    flow.inspection = nil
                    state.export = flow
                } else {
                    report(e)
                }
            }
        }
    }

    static func describe(_ e: InfisicalError) -> String {
        e.message + (e.hint.map { " — " + $0 } ?? "")
    }

    mutating func handleExportKey(_ key: Key) {
        guard var flow = state.export else { return }
        let command: ExportCommand? = {
            if case .export(let c)? = KeyBindings.lookup(key, in: [.export])?.command { return c }
            return nil
        }()
        let yes = command == .answer && (key == .char("y") || key == .char("Y"))
        let no = command == .answer && !yes
        if command == .cancel { closeExport(); return }
        switch flow.stage {
        case .inspecting(thenWrite: false):
            // A look-only check must not swallow typing: the fields stay editable meanwhile.
            handleExportEditingKey(key, command: command, flow: &flow)
        case .inspecting, .writing:
            return  // waiting for the app before writing; only Esc acts
        case .confirmOverwrite, .acknowledgeGit:
            if yes || command == .confirm {
                if flow.stage == .confirmOverwrite { flow.overwriteConfirmed = true } else { flow.gitAcknowledged = true }
                state.export = flow
                advanceExport()
            } else if no {
                flow.stage = .editing
                flow.field = .path
                state.export = flow
            }
        case .typeProjectName:
            if command == .confirm {
                if flow.nameInput.text.trimmingCharacters(in: .whitespaces) == flow.projectName {
                    state.export = flow
                    writeExport()
                } else {
                    flow.error = "not the project's name; type \(flow.projectName)"
                    flow.nameInput.set("")
                    state.export = flow
                }
            } else if command == .nextField || command == .prevField {
                flow.stage = .editing
                state.export = flow
            } else if flow.nameInput.handle(key) {
                flow.error = nil
                state.export = flow
            }
        case .editing:
            handleExportEditingKey(key, command: command, flow: &flow)
        }
    }

    private mutating func handleExportEditingKey(_ key: Key, command: ExportCommand?, flow: inout ExportFlow) {
        let fields = flow.fields
        let i = fields.firstIndex(of: flow.field) ?? 0
        switch command {
        case .nextField?: flow.field = fields[(i + 1) % fields.count]; state.export = flow; return
        case .prevField?: flow.field = fields[(i + fields.count - 1) % fields.count]; state.export = flow; return
        case .confirm?:
            state.export = flow
            inspectExport(thenWrite: true)
            return
        default: break
        }
        switch flow.field {
        case .format:
            guard command == .change else { return }
            let all = ExportFormat.allCases
            let at = all.firstIndex(of: flow.format) ?? 0
            flow.format = all[(at + (key == .left ? all.count - 1 : 1)) % all.count]
            state.export = flow
        case .recursive:
            guard command == .change else { return }
            flow.recursive.toggle()
            resetAnswers(&flow)
            state.export = flow
            // The scope changed: the key list (and its collisions) must be fetched again.
            inspectExport(thenWrite: false)
        case .path:
            if flow.path.handle(key) {
                resetAnswers(&flow)
                dropLookOnlyInspection(&flow)
                state.export = flow
            }
        }
    }

    /// A look at the old path says nothing about the new one: its answer is dropped.
    private mutating func dropLookOnlyInspection(_ flow: inout ExportFlow) {
        guard flow.stage == .inspecting(thenWrite: false) else { return }
        state.requests.drop(.exportInspect)
        flow.stage = .editing
    }

    /// Answers belong to one path and scope: a new path must be confirmed again.
    private func resetAnswers(_ flow: inout ExportFlow) {
        flow.overwriteConfirmed = false
        flow.gitAcknowledged = false
        flow.error = nil
    }

    mutating func exportPaste(_ text: String) {
        guard var flow = state.export else { return }
        switch flow.stage {
        case .editing where flow.field == .path, .inspecting(thenWrite: false) where flow.field == .path:
            flow.path.insert(text)
            resetAnswers(&flow)
            dropLookOnlyInspection(&flow)
        case .typeProjectName:
            flow.nameInput.insert(text)
        default: return
        }
        state.export = flow
    }

    /// Esc: a look-only check is forgotten; a write already on its way still answers (see `.written`).
    mutating func closeExport() {
        state.requests.drop(.exportInspect)
        state.export = nil
    }

    /// Asks the app to look at the path and list the keys again.
    mutating func inspectExport(thenWrite: Bool) {
        guard var flow = state.export else { return }
        flow.stage = .inspecting(thenWrite: thenWrite)
        flow.error = nil
        flow.inspectedFor = flow.request
        flow.inspectedPath = flow.path.text
        state.export = flow
        request(.exportInspect, .export(.inspect(request: flow.request, target: flow.path.text)))
    }

    /// The guards, in order; each stops at its own question. Only when all are answered is the
    /// value-reading effect emitted.
    mutating func advanceExport() {
        guard var flow = state.export, let inspection = flow.inspection else { return }
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
            state.export = flow
            writeExport()
            return
        }
        state.export = flow
    }

    mutating func writeExport() {
        guard var flow = state.export, let inspection = flow.inspection else { return }
        flow.stage = .writing
        flow.error = nil
        state.export = flow
        // The absolute path the user saw checked; overwrite only with their yes.
        request(.exportWrite, .export(.write(request: flow.request, target: inspection.target.path,
                                             format: flow.format, overwrite: flow.overwriteConfirmed)))
    }
}
