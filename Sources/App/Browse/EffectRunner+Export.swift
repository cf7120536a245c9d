import Foundation
import InfisicalClient
import InfisicalModels
import TUICore

/// Copy-to-file: inspection lists keys from a metadata list (no values); only the write fetches
/// values, renders them and writes the file. Values live in this function's locals and the file,
/// never in an action, the state, a log or the status line.
extension EffectRunner {
    /// The work for one copy-to-file request, run off the UI thread by `run`.
    static func exportWork(_ effect: ExportEffect, api: InfisicalAPI, cancel: Cancellation) -> @Sendable () -> Answer {
        switch effect {
        case .inspect(let request, let target):
            return {
                let r = Self.attempt { () throws -> ExportInspection in
                    let info = FileTarget.inspect(target)
                    if let key = request.key { return ExportInspection(target: info, keys: [key]) }
                    let list = try api.listSecrets(projectId: request.projectId, environment: request.environment,
                                                   path: request.path, recursive: request.recursive, viewValues: false,
                                                   expandReferences: false, includeImports: true, cancel: cancel)
                    let built = ExportEntries.build(list, basePath: request.path)
                    return ExportInspection(target: info, keys: built.entries.map(\.key), collisions: built.collisions)
                }
                return .export(.inspected(r))
            }
        case .write(let request, let target, let format, let overwrite):
            return {
                .export(.written(Self.attempt {
                    try Self.writeExport(api: api, request: request, target: target, format: format,
                                         overwrite: overwrite, cancel: cancel)
                }))
            }
        }
    }

    static func writeExport(api: InfisicalAPI, request: ExportRequest, target: String, format: ExportFormat,
                            overwrite: Bool, cancel: Cancellation) throws -> ExportWritten {
        try FileTarget.checkStillWritable(target)
        let entries: [ExportEntry]
        var warnings: [String] = []
        if let key = request.key {
            let secret = try api.secret(projectId: request.projectId, environment: request.environment,
                                        path: request.path, name: key, expandReferences: true, cancel: cancel)
            if secret.secretValueHidden == true { throw withheld(1) }
            entries = [ExportEntry(key: secret.secretKey.isEmpty ? key : secret.secretKey, value: secret.secretValue)]
        } else {
            let list = try api.listSecrets(projectId: request.projectId, environment: request.environment,
                                           path: request.path, recursive: request.recursive, viewValues: true,
                                           expandReferences: true, includeImports: true, cancel: cancel)
            // A value the server withholds arrives as a placeholder: never write that as if it were the value.
            let hidden = (list.secrets + (list.imports ?? []).flatMap(\.secrets)).filter { $0.secretValueHidden == true }.count
            if hidden > 0 { throw withheld(hidden) }
            let built = ExportEntries.build(list, basePath: request.path)
            entries = built.entries
            if !built.collisions.isEmpty {
                warnings.append("\(built.collisions.count) key collision\(built.collisions.count == 1 ? "" : "s") (shallowest folder kept)")
            }
        }
        if cancel.isCancelled { throw InfisicalError(.cancelled, "cancelled") }
        // A key a dotenv file cannot carry fails the write with the CLI's error, naming the keys.
        let result = try ExportFormatter.render(entries, as: format, invalidKeys: .refuse)
        if format == .dotenv || format == .dotenvExport {
            warnings += result.issues.map(\.short)   // the status line is one row
        }
        try AtomicFileWriter.write(Data(result.text.utf8), to: target, mode: 0o600, overwrite: overwrite)
        return ExportWritten(path: target, count: entries.count, warnings: warnings)
    }

    static func withheld(_ n: Int) -> InfisicalError {
        InfisicalError(.permissionDenied, "the server withholds \(n) value\(n == 1 ? "" : "s") from this identity; nothing written",
                       hint: "ask for read access to secret values in this environment")
    }
}
