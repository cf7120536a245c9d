import InfisicalClient
import InfisicalModels
import TUICore

extension EffectRunner {
    func runEdit(_ effect: EditEffect, cancel: Cancellation) {}
}
