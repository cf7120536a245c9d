/// What a key does, independent of which key it is.
public enum Command: Hashable, Sendable {
    case up, down, pageUp, pageDown, top, bottom
    case nextPane, prevPane, open, folderUp
    /// The folder tree's own commands (KeyBindings+FolderTree.swift).
    case expandFolder, collapseFolder
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
    /// The overview's own commands (KeyBindings+Overview.swift).
    case overview(OverviewCommand)
    case openOverview
    /// Overdue-for-rotation rows only, on/off (Reducer+Filter.swift).
    case overdueOnly
    /// The history overlay's own commands (KeyBindings+History.swift).
    case history(HistoryCommand)
    case openHistory
}

/// Where a binding applies. Modal contexts (confirm, help, filter) are tried first.
public enum BindingContext: String, CaseIterable, Sendable {
    case general = "General", lists = "Lists", folders = "Folders & secrets", filter = "Filter (while typing)"
    case folderTree = "Folder tree"
    case confirm = "Confirm", help = "Help"
    case export = "Copy to file", audit = "Audit log", auditDialog = "Audit dialogs", editor = "Edit"
    case overview = "Overview", rotation = "Overview: new value"
    case history = "Version history"
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: Command
    public var help: String
    public var context: BindingContext
    public init(_ keys: [Key], _ command: Command, _ help: String, _ context: BindingContext) {
        self.keys = keys; self.command = command; self.help = help; self.context = context
    }

    /// How help, hints and the README spell the keys: derived, never typed (KeyLabel.swift).
    public var label: String { KeyBinding.label(for: keys) }
}

/// THE key table: dispatch and the `?` overlay both read it, so help can never drift from
/// behaviour.
public enum KeyBindings {
    public static let table: [KeyBinding] = browseTable + exportBindings + auditBindings + editBindings + overviewBindings + rotationBindings
        + historyBindings
        + folderTreeBindings

    static let browseTable: [KeyBinding] = [
        // Modal: production reveal confirmation
        KeyBinding([.char("y"), .char("Y")], .confirmYes, "reveal the production value", .confirm),
        KeyBinding([.char("n"), .char("N"), .escape], .confirmNo, "no, keep it masked", .confirm),
        // Modal: help overlay
        KeyBinding([.escape, .char("?"), .char("q")], .help, "close help", .help),
        KeyBinding([.up, .char("k")], .up, "scroll help", .help),
        KeyBinding([.down, .char("j")], .down, "scroll help", .help),
        // While typing a filter (other printable keys are typed into it)
        KeyBinding([.enter], .filterKeep, "keep the filter", .filter),
        KeyBinding([.escape], .filterClear, "clear the filter", .filter),
        KeyBinding([.backspace, .delete], .filterErase, "delete a character", .filter),
        // Lists
        KeyBinding([.up, .char("k")], .up, "move up", .lists),
        KeyBinding([.down, .char("j")], .down, "move down", .lists),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, "page up", .lists),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, "page down", .lists),
        KeyBinding([.char("g"), .home], .top, "first row", .lists),
        KeyBinding([.char("G"), .end], .bottom, "last row", .lists),
        KeyBinding([.enter], .open, "open project/folder/detail", .lists),
        // Folders and secrets panes
        KeyBinding([.backspace, .char("h"), .left], .folderUp, "up a folder", .folders),
        // In the folder pane the tree's keys come first (KeyBindings+FolderTree.swift), so these
        // act there only for ⌫; in the secrets table h ← go up and l → open the detail.
        KeyBinding([.char("l"), .right], .open, "open the detail", .folders),
        // In the folders/secrets panes only (not .lists), so the audit screen's help does not list it.
        KeyBinding([.char("!")], .overdueOnly, "overdue secrets only on/off", .folders),
        // Everywhere
        KeyBinding([.tab], .nextPane, "next pane", .general),
        KeyBinding([.backTab], .prevPane, "previous pane", .general),
        KeyBinding((1...9).map { .char(Character(String($0))) }, .envNumber, "environment tab 1–9", .general),
        KeyBinding([.char("]")], .envNext, "next environment", .general),
        KeyBinding([.char("[")], .envPrev, "previous environment", .general),
        KeyBinding([.char("/")], .filter, "filter keys or projects", .general),
        KeyBinding([.ctrl("r")], .toggleRecursive, "recursive filter on/off", .general),
        KeyBinding([.char("r"), .char(" ")], .reveal, "reveal / mask the value", .general),
        KeyBinding([.char("R"), .function(5)], .refresh, "refresh from the server", .general),
        KeyBinding([.char("t")], .cycleTheme, "next theme", .general),
        KeyBinding([.char("y")], .copyValue, "copy the value to a file", .general),
        KeyBinding([.char("Y")], .copyView, "copy the view to a file", .general),
        KeyBinding([.char("a")], .openAudit, "project audit log", .general),
        KeyBinding([.char("o")], .openOverview, "keys × environments", .general),
        KeyBinding([.char("v")], .openHistory, "versions and rollback", .general),
        KeyBinding([.char("e")], .editValue, "edit value / comment", .general),
        KeyBinding([.char("n")], .newSecret, "new secret", .general),
        KeyBinding([.char("m"), .function(2)], .renameSecret, "rename the secret", .general),
        KeyBinding([.char("d")], .deleteSecret, "delete the secret", .general),
        KeyBinding([.char("?")], .help, "this help", .general),
        KeyBinding([.escape], .cancel, "cancel / clear filter", .general),
        KeyBinding([.char("q"), .ctrl("c")], .quit, "quit", .general),
    ]

    /// The binding for `key` in the first context (in order) that has one.
    public static func lookup(_ key: Key, in contexts: [BindingContext]) -> KeyBinding? {
        for ctx in contexts {
            if let b = table.first(where: { $0.context == ctx && $0.keys.contains(key) }) { return b }
        }
        return nil
    }

    /// What `?` shows on a screen: the keys that work there. Dialogs (copy-to-file, editor, the
    /// production reveal confirmation) show their keys in their own hint lines; the README lists
    /// every context.
    public static func helpContexts(for screen: Screen) -> [BindingContext] {
        switch screen {
        case .browse: return [.general, .lists, .folderTree, .folders, .filter]
        case .audit: return [.audit, .auditDialog, .lists]
        }
    }

    /// Bindings grouped by context (all of them: the README table), in table order.
    public static var helpSections: [(context: BindingContext, bindings: [KeyBinding])] {
        let order: [BindingContext] = [.general, .lists, .folderTree, .folders, .filter, .confirm, .export, .audit, .auditDialog, .editor,
                                       .overview, .rotation, .history]
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
