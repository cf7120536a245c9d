import Foundation
import InfisicalModels

/// Immediate-mode renderer: the whole screen from state, every frame. The shell diffs grids and
/// draws only changed cells. Lists are virtualised (only visible rows are touched).
public func render(_ state: AppState, width: Int, height: Int, theme: Theme) -> Grid {
    var r = Renderer(state: state, theme: theme, width: width, height: height)
    r.draw()
    return r.grid
}

/// One frame in progress. Pane drawing lives in `Render/*Pane.swift`, one file per pane.
struct Renderer {
    let state: AppState
    let theme: Theme
    let layout: Layout
    var grid: Grid
    let base: TextStyle

    init(state: AppState, theme: Theme, width: Int, height: Int) {
        self.state = state; self.theme = theme
        layout = Layout(width: width, height: height)
        base = theme.style(StyleName.base)
        grid = Grid(width: width, height: height, fill: Cell(text: " ", width: 1, style: base))
    }

    mutating func draw() {
        if layout.tooSmall { drawTooSmall(); return }
        drawTopBar()
        if state.screen == .audit {
            drawAuditScreen()
        } else {
            drawProjects()
            drawFolders()
            drawSecrets()
            drawDetail()
        }
        drawStatus()
        switch state.overlay {
        case .confirmReveal(let target)?: drawConfirm(target)
        case .help(let scroll)?: drawHelp(scroll: scroll)
        case .export(let flow)?: drawExportDialog(flow)
        case .editor(let ed)?: drawEditor(ed)
        case .auditFilters(let form)?: drawAuditFilterForm(form)
        case .overview(let o)?: drawOverview(o)
        case .history(let h)?: drawHistory(h)
        case .auditExport(let form)?: drawAuditExportForm(form)
        case nil: break
        }
    }

    func s(_ name: String) -> TextStyle { theme.style(name) }

    /// Box for a pane, highlighted when focused.
    mutating func paneBox(_ pane: Pane, title: String) -> Rect {
        let r = layout.rect(of: pane)
        let focused = state.browse.focus == pane
        grid.box(r, style: s(focused ? StyleName.borderFocused : StyleName.border), title: title,
                 titleStyle: s(focused ? StyleName.paneTitleFocused : StyleName.paneTitle))
        return r
    }

    /// Style of a list row: selection (focused or not) over the row's own style.
    func rowStyle(selected: Bool, pane: Pane, normal: TextStyle) -> TextStyle {
        guard selected else { return normal }
        return s(state.browse.focus == pane || (pane == .secrets && state.browse.focus == .detail)
                 ? StyleName.listSelected : StyleName.listSelectedInactive)
    }

    /// A short message centred in a pane (empty states, loading).
    /// Long messages (a load error) wrap at words, centred as a block.
    mutating func placeholder(_ text: String, in r: Rect) {
        let inner = r.inner
        guard inner.height > 0, inner.width > 0 else { return }
        let lines = Array(Glyphs.wrapWords(text, width: inner.width).prefix(inner.height))
        let top = inner.y + max(0, inner.height / 2 - (lines.count - 1) / 2)
        for (i, line) in lines.enumerated() {
            let w = min(inner.width, Glyphs.width(line))
            grid.put(line, x: inner.x + max(0, (inner.width - w) / 2), y: top + i, maxWidth: inner.width,
                     style: s(StyleName.secretMeta))
        }
    }

    mutating func drawTooSmall() {
        let msg = "terminal too small (need \(Layout.minWidth)×\(Layout.minHeight), have \(layout.width)×\(layout.height))"
        // Word-wrapped so the sizes stay readable on very narrow terminals.
        var lines: [String] = [], line = ""
        for word in msg.split(separator: " ") {
            if !line.isEmpty, Glyphs.width(line) + 1 + Glyphs.width(String(word)) > layout.width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        let top = max(0, (layout.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = Glyphs.width(line)
            grid.put(line, x: max(0, (layout.width - w) / 2), y: top + i, style: s(StyleName.tooSmall))
        }
    }
}

/// Dates for the detail view, in UTC, without formatters (pure and locale-free).
enum DateText {
    static func format(_ d: Date) -> String { AuditTime.formatLocal(d, utcOffset: 0, seconds: false) }
}
