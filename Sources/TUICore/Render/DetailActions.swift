extension Renderer {
    /// Lines under the detail view listing what the user may do with the secret (edit, rename,
    /// delete), or why not. Placeholder until the edit feature lands.
    static func detailActionLines(_ state: AppState, row: SecretRow, valueWidth: Int) -> [(label: String, text: String, style: String)] {
        []
    }
}
