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
        // The CLI's export step: values, the withheld-value guard, the dotenv key rule (a key a
        // dotenv file cannot carry fails the write with the CLI's error, naming the keys).
        let fetched = try ExportPipeline.fetch(api, .init(projectId: request.projectId, environment: request.environment,
                                                          path: request.path, recursive: request.recursive, key: request.key),
                                               cancel: cancel)
        // Rendered straight into the atomically written file (no whole-file string in memory).
        let summary = try ExportPipeline.writeFile(fetched, format: format, invalidKeys: .refuse, to: target, overwrite: overwrite)
        var warnings: [String] = []
        if !fetched.collisions.isEmpty {
            warnings.append("\(fetched.collisions.count) key collision\(fetched.collisions.count == 1 ? "" : "s") (shallowest folder kept)")
        }
        if !fetched.unreadable.isEmpty { warnings.append("\(fetched.unreadable.count) unreadable entr\(fetched.unreadable.count == 1 ? "y" : "ies") skipped") }
        if format == .dotenv || format == .dotenvExport {
            warnings += summary.issues.map(\.short)   // the status line is one row
        }
        return ExportWritten(path: target, count: fetched.entries.count - summary.skipped.count, warnings: warnings)
    }
}
