extension Reducer {
    mutating func startExport(wholeView: Bool) {}
    mutating func handleExport(_ action: ExportAction) {}
    mutating func handleExportKey(_ key: Key) { state.export = nil }
    mutating func exportPaste(_ text: String) {}
}
