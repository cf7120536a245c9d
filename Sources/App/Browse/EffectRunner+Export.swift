import InfisicalClient
import InfisicalModels
import TUICore

extension EffectRunner {
    func runExport(_ effect: ExportEffect, cancel: Cancellation) {}
}
