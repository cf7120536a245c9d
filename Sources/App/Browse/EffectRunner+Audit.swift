import InfisicalClient
import InfisicalModels
import TUICore

extension EffectRunner {
    func runAudit(_ effect: AuditEffect, cancel: Cancellation) {}
}
