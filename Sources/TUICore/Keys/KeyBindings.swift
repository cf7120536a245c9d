/// What a key does, independent of which key it is.
public enum Command: Hashable, Sendable {
    case up, down, pageUp, pageDown, top, bottom
    case nextPane, prevPane, open, folderUp
    case envNumber, envNext, envPrev
    case filter, toggleRecursive, reveal, refresh, cycleTheme, help, quit, cancel
    case filterKeep, filterClear, filterErase
    case confirmYes, confirmNo
    case copyValue, copyView, openAudit
    case editValue, newSecret, renameSecret, deleteSecret
    /// The editor dialog's own commands (KeyBindings+Edit.swift).
    case edit(EditCommand)
    /// The copy-to-file dialog's own commands (KeyBindings+Export.swift).
    case export(ExportCommand)
    /// The audit screen's own commands (KeyBindings+Audit.swift).
    case audit(AuditCommand)
}

/// Where a binding applies. Modal contexts (confirm, help, filter) are tried first.
public enum BindingContext: String, CaseIterable, Sendable {
    case general = "General", lists = "Lists", folders = "Folders & secrets", filter = "Filter (while typing)"
    case confirm = "Confirm", help = "Help"
    case export = "Copy to file", audit = "Audit log", editor = "Edit"
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the help overlay spells the keys.
    public var label: String
    public var command: Command
    public var help: String
    public var context: BindingContext
    public init(_ keys: [Key], _ label: String, _ command: Command, _ help: String, _ context: BindingContext) {
        self.keys = keys; self.label = label; self.command = command; self.help = help; self.context = context
    }
}

/// THE key table: dispatch and the `?` overlay both read it, so help can never drift from
/// behaviour.
public enum KeyBindings {
    public static let table: [KeyBinding] = browseTable + exportBindings + auditBindings + editBindings

    static let browseTable: [KeyBinding] = [
        // Modal: production reveal confirmation
        KeyBinding([.char("y"), .char("Y")], "y", .confirmYes, "reveal the production value", .confirm),
        KeyBinding([.char("n"), .char("N"), .escape], "n Esc", .confirmNo, "no, keep it masked", .confirm),
        // Modal: help overlay
        KeyBinding([.escape, .char("?"), .char("q")], "Esc ? q", .help, "close help", .help),
        KeyBinding([.up, .char("k")], "↑ k", .up, "scroll help", .help),
        KeyBinding([.down, .char("j")], "↓ j", .down, "scroll help", .help),
        // While typing a filter (other printable keys are typed into it)
        KeyBinding([.enter], "Enter", .filterKeep, "keep the filter", .filter),
        KeyBinding([.escape], "Esc", .filterClear, "clear the filter", .filter),
        KeyBinding([.backspace, .delete], "⌫", .filterErase, "delete a character", .filter),
        // Lists
        KeyBinding([.up, .char("k")], "↑ k", .up, "move up", .lists),
        KeyBinding([.down, .char("j")], "↓ j", .down, "move down", .lists),
        KeyBinding([.pageUp, .ctrl("b")], "PgUp", .pageUp, "page up", .lists),
        KeyBinding([.pageDown, .ctrl("f")], "PgDn", .pageDown, "page down", .lists),
        KeyBinding([.char("g"), .home], "g Home", .top, "first row", .lists),
        KeyBinding([.char("G"), .end], "G End", .bottom, "last row", .lists),
        KeyBinding([.enter], "Enter", .open, "open project/folder/detail", .lists),
        // Folders and secrets panes
        KeyBinding([.backspace, .char("h"), .left], "⌫ h ←", .folderUp, "up a folder", .folders),
        KeyBinding([.char("l"), .right], "l →", .open, "open folder", .folders),
        // Everywhere
        KeyBinding([.tab], "Tab", .nextPane, "next pane", .general),
        KeyBinding([.backTab], "S-Tab", .prevPane, "previous pane", .general),
        KeyBinding((1...9).map { .char(Character(String($0))) }, "1-9", .envNumber, "environment tab 1–9", .general),
        KeyBinding([.char("]")], "]", .envNext, "next environment", .general),
        KeyBinding([.char("[")], "[", .envPrev, "previous environment", .general),
        KeyBinding([.char("/")], "/", .filter, "filter keys or projects", .general),
        KeyBinding([.ctrl("r")], "^R", .toggleRecursive, "recursive filter on/off", .general),
        KeyBinding([.char("r"), .char(" ")], "r Space", .reveal, "reveal / mask the value", .general),
        KeyBinding([.char("R"), .function(5)], "R", .refresh, "refresh from the server", .general),
        KeyBinding([.char("t")], "t", .cycleTheme, "next theme", .general),
        KeyBinding([.char("y")], "y", .copyValue, "copy the value to a file", .general),
        KeyBinding([.char("Y")], "Y", .copyView, "copy the view to a file", .general),
        KeyBinding([.char("a")], "a", .openAudit, "project audit log", .general),
        KeyBinding([.char("e")], "e", .editValue, "edit value / comment", .general),
        KeyBinding([.char("n")], "n", .newSecret, "new secret", .general),
        KeyBinding([.char("m"), .function(2)], "m F2", .renameSecret, "rename the secret", .general),
        KeyBinding([.char("d")], "d", .deleteSecret, "delete the secret", .general),
        KeyBinding([.char("?")], "?", .help, "this help", .general),
        KeyBinding([.escape], "Esc", .cancel, "cancel / clear filter", .general),
        KeyBinding([.char("q"), .ctrl("c")], "q ^C", .quit, "quit", .general),
    ]

    /// The binding for `key` in the first context (in order) that has one.
    public static func lookup(_ key: Key, in contexts: [BindingContext]) -> KeyBinding? {
        for ctx in contexts {
            if let b = table.first(where: { $0.context == ctx && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// What `?` shows on a screen: the keys that work there. Dialogs (copy-to-file, editor) show
    /// their keys in their own hint lines; the README lists every context.
    public static func helpContexts(for screen: Screen) -> [BindingContext] {
        switch screen {
        case .browse: return [.general, .lists, .folders, .filter, .confirm]
        case .audit: return [.audit, .lists]
        }
    }

    /// Bindings grouped by context (all of them: the README table), in table order.
    public static var helpSections: [(context: BindingContext, bindings: [KeyBinding])] {
        let order: [BindingContext] = [.general, .lists, .folders, .filter, .confirm, .export, .audit, .editor]
        return order.map { ctx in (ctx, table.filter { $0.context == ctx }) }
    }

    /// The key table as Markdown (for the README, so docs come from the same data as dispatch).
    public static var markdown: String {
        var out = "| keys | action | where |\n|---|---|---|\n"
        for (ctx, bindings) in helpSections {
            for b in bindings { out += "| `\(b.label)` | \(b.help) | \(ctx.rawValue) |\n" }
        }
        return out
    }
}
