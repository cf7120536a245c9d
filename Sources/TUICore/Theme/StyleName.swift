/// The semantic style names the renderer asks a theme for. Theme files map these names to colours
/// and attributes; `Themes/README.md` documents each one. Keep this list and the README in step
/// (a test checks that every built-in theme file names every style).
public enum StyleName {
    public static let base = "base"                          // default text and background
    public static let header = "header"                      // top bar: app name, project name
    public static let border = "border"                      // pane borders
    public static let borderFocused = "border.focused"       // border of the pane with focus
    public static let paneTitle = "pane.title"
    public static let paneTitleFocused = "pane.title.focused"
    public static let listItem = "list.item"
    public static let listSelected = "list.selected"         // selected row in the focused pane
    public static let listSelectedInactive = "list.selected.inactive"  // selected row, pane unfocused
    public static let folder = "folder"
    public static let tabActive = "tab.active"
    public static let tabInactive = "tab.inactive"
    public static let envProduction = "env.production"       // the prod tab when not active; prod badges
    public static let envProductionActive = "env.production.active"  // the prod tab when active
    public static let role = "role"                          // "role: developer" in the top bar
    public static let tableHeader = "table.header"
    public static let secretKey = "secret.key"
    public static let secretMasked = "secret.masked"         // the fixed-width mask ••••••••
    public static let secretRevealed = "secret.revealed"     // a value the user revealed
    public static let secretMeta = "secret.meta"             // version, age, path
    public static let secretRotationDue = "secret.rotationDue"  // overdue under the rotation policy
    public static let secretComment = "secret.comment"       // comment and tag hints
    public static let detailLabel = "detail.label"
    public static let detailValue = "detail.value"
    public static let filterPrompt = "filter.prompt"
    public static let status = "status"                      // status line
    public static let statusLoading = "status.loading"       // spinner
    public static let statusError = "status.error"           // last error message
    public static let statusHint = "status.hint"             // hint after the error
    public static let confirm = "confirm"                    // production reveal confirmation
    public static let helpOverlay = "help.overlay"
    public static let helpKey = "help.key"
    public static let helpTitle = "help.title"
    public static let tooSmall = "too-small"                 // "terminal too small" message
    public static let statusNotice = "status.notice"         // success message (file written, saved)
    public static let dialog = "dialog"                      // copy-to-file / edit dialogs
    public static let dialogField = "dialog.field"           // a text field being typed into
    public static let dialogWarning = "dialog.warning"       // a warning inside a dialog
    public static let disabled = "disabled"                  // an action the role does not allow
    public static let auditNew = "audit.new"                 // audit rows that arrived while following
    public static let diffOld = "diff.old"                   // edit preview: the old value
    public static let diffNew = "diff.new"                   // edit preview: the new value

    public static let all: [String] = [
        base, header, border, borderFocused, paneTitle, paneTitleFocused, listItem, listSelected,
        listSelectedInactive, folder, tabActive, tabInactive, envProduction, envProductionActive, role,
        tableHeader, secretKey, secretMasked, secretRevealed, secretMeta, secretRotationDue, secretComment,
        detailLabel, detailValue, filterPrompt, status, statusLoading, statusError, statusHint, confirm,
        helpOverlay, helpKey, helpTitle, tooSmall, statusNotice, dialog, dialogField, dialogWarning,
        disabled, auditNew, diffOld, diffNew,
    ]
}
