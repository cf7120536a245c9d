extension Renderer {
    /// The selected secret's last few reads and writes (audit log). Placeholder until the audit
    /// feature lands.
    static func detailActivityLines(_ state: AppState, row: SecretRow, valueWidth: Int) -> [(label: String, text: String, style: String)] {
        []
    }
}
