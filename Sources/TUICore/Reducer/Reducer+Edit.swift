extension Reducer {
    mutating func startEdit() {}
    mutating func startNewSecret() {}
    mutating func startRename() {}
    mutating func startDelete() {}
    mutating func handleEdit(_ action: EditAction) {}
    mutating func handleEditKey(_ key: Key) { state.editor = nil }
    mutating func editPaste(_ text: String) {}
    mutating func editTick() {}
}
