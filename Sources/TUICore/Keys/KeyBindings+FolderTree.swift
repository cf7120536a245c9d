/// The folder pane's tree keys, tried before the folders-and-secrets keys while the folder pane has
/// focus (so `h`/`l` and the arrows fold in place there, and still go up a folder / open the detail
/// from the secrets table). Enter opens the selected folder; Backspace opens the parent.
extension KeyBindings {
    static let folderTreeBindings: [KeyBinding] = [
        KeyBinding([.right, .char("l"), .char("+")], .expandFolder, "expand (lists it once)", .folderTree),
        KeyBinding([.left, .char("h"), .char("-")], .collapseFolder, "collapse, or go to parent", .folderTree),
    ]
}
