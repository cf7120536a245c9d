/// Geometry of the full-screen views and dialogs (audit screen, editor, help). Like the pane
/// rectangles, a pure function of the size, so the reducer (paging, mouse, scroll bounds) and the
/// renderer always agree.
extension Layout {
    // MARK: audit screen

    /// The audit box: everything between the top bar and the status line.
    public var auditBox: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }
    /// The first event row (below the box border and the column header).
    public var auditFirstRowY: Int { auditBox.inner.y + 1 }
    /// Event rows on screen.
    public var auditVisibleRows: Int { max(1, auditBox.inner.height - 1) }
    /// Lines of the event metadata view.
    public var auditDetailRows: Int { max(1, auditBox.inner.height) }

    // MARK: editor

    /// The edit / new / rename / delete dialog covers the body (top bar and status line stay).
    public var editorBox: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    /// Rows of the value editor for a dialog kind (the reducer keeps the cursor line among them).
    public func editorValueRows(kind: EditFlow.Kind = .edit) -> Int {
        max(1, editorBox.inner.height - (kind == .create ? 8 : 5))
    }

    // MARK: overview

    /// The overview covers the body like the editor.
    public var overviewBox: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }
    /// Key rows: the box interior less the header, the selected row's detail and the hint line.
    public var overviewVisibleRows: Int { max(1, overviewBox.inner.height - 3) }

    // MARK: help

    /// Preferred width of one help column (keys + gap + description).
    public static let helpColumnWidth = 36
    /// Width of the keys part of a help row; the description starts one column after it.
    public static let helpKeyWidth = 8

    /// The help overlay for `lineCount` lines: columns, the width of each, rows per column, the box,
    /// how far it scrolls. Inside the border there is one blank column on each side and one between
    /// columns, so text can never reach the border.
    public func help(lineCount count: Int) -> HelpGeometry {
        let bodyH = max(0, height - 2)
        let columns = width >= 2 * Layout.helpColumnWidth + 1 + 4 + 2 ? 2 : 1
        let chrome = 4 + (columns - 1)          // borders + side padding + gaps between columns
        let w = max(0, min(width - 2, columns * Layout.helpColumnWidth + chrome))
        let colW = max(1, (w - chrome) / columns)
        let perColumn = (count + columns - 1) / columns
        let h = min(bodyH, perColumn + 3)
        let box = Rect(x: (width - w) / 2, y: 1 + (bodyH - h) / 2, width: w, height: h)
        return HelpGeometry(columns: columns, columnWidth: colW, perColumn: perColumn, box: box,
                            maxScroll: max(0, perColumn - box.inner.height))
    }
}

public struct HelpGeometry: Equatable, Sendable {
    public var columns: Int
    public var columnWidth: Int
    public var perColumn: Int
    public var box: Rect
    public var maxScroll: Int
}
