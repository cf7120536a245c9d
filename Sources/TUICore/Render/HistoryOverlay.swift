import Foundation
import InfisicalModels

/// The history overlay (`v`): one row per version, newest first — version, when (relative age and
/// UTC date, the detail's rules), who, the value's fixed mask and the comment. At most one value is
/// drawn, and only after the user asked for it. Server text (names, comments, the value) is
/// untrusted: sanitized before it reaches the grid.
extension Renderer {
    struct HistoryColumns {
        var version, when, by, value: Int
        var comment: Int
        /// Wide enough for the time of day after the date.
        var withTime: Bool
    }

    /// Narrow terminals drop the time of day (the selected version's line below still has it).
    static func historyColumns(width: Int) -> HistoryColumns {
        let withTime = width >= 100
        let when = withTime ? 29 : 23, by = width >= 120 ? 24 : 17, value = 10
        let fixed = 1 + 10 + when + by + value
        return HistoryColumns(version: 10, when: when, by: by, value: value, comment: max(4, width - fixed - 1), withTime: withTime)
    }

    static func historyWhen(_ at: Date?, now: Date, withTime: Bool) -> String {
        guard let at else { return "?" }
        let date = DateText.format(at)
        return RelativeAge.ago(now.timeIntervalSince(at)) + " · " + (withTime ? date : String(date.prefix(10)))
    }

    static func historyWho(_ v: HistoryVersion) -> String {
        let name = Sanitizer.sanitize(v.actor ?? "")
        let kind = v.actorType == "identity" ? "machine" : v.actorType == "user" || v.actorType == nil ? "" : Sanitizer.sanitize(v.actorType ?? "")
        if name.isEmpty { return kind.isEmpty ? "?" : kind }
        return kind.isEmpty ? name : name + " (" + kind + ")"
    }

    mutating func drawHistory(_ h: HistoryState) {
        let box = layout.historyBox
        guard box.width > 20, box.height > 8 else { return }
        grid.fill(box, style: base)
        let title = "History · " + Sanitizer.sanitize(h.target.key) + " · " + h.target.environment + ":" + Sanitizer.sanitize(h.target.path)
        grid.box(box, style: s(StyleName.borderFocused), title: title, titleStyle: s(StyleName.paneTitleFocused))
        let inner = box.inner
        let cols = Renderer.historyColumns(width: inner.width)
        var x = inner.x + 1
        let header = s(StyleName.tableHeader)
        for (text, w) in [("VERSION", cols.version), ("CHANGED", cols.when), ("BY", cols.by), ("VALUE", cols.value), ("COMMENT", cols.comment)] {
            grid.put(text, x: x, y: inner.y, maxWidth: w - 1, style: header)
            x += w
        }
        let listTop = inner.y + 1, rowsH = layout.historyVisibleRows
        let listArea = Rect(x: box.x, y: listTop - 1, width: box.width, height: rowsH + 2)
        if let listing = h.listing {
            if listing.versions.isEmpty { placeholder("no versions", in: listArea) }
            for r in 0..<rowsH {
                let i = h.cursor.scroll + r
                guard i < listing.versions.count else { break }
                drawHistoryRow(listing.versions[i], current: listing.current, selected: i == h.cursor.selected,
                               revealed: h.revealed?.version == listing.versions[i].version, cols: cols, x: inner.x, y: listTop + r,
                               width: inner.width)
            }
        } else if let e = h.error {
            placeholder("✗ " + Sanitizer.sanitize(e), in: listArea)
        } else {
            placeholder("loading the versions…", in: listArea)
        }
        drawHistoryFooter(h, inner: inner)
        if let v = h.confirmReveal { drawHistoryRevealConfirm(h, version: v, in: box) }
        if let p = h.rollback { drawRollbackPreview(h, p, in: box) }
    }

    mutating func drawHistoryRow(_ v: HistoryVersion, current: Int, selected: Bool, revealed: Bool, cols: HistoryColumns,
                                 x x0: Int, y: Int, width: Int) {
        let rowStyle = selected ? s(StyleName.listSelected) : s(StyleName.listItem)
        grid.pad(x: x0, y: y, count: width, style: rowStyle)
        var x = x0 + 1
        func cell(_ text: String, _ w: Int, _ style: String) {
            grid.put(text, x: x, y: y, maxWidth: w - 1, style: selected ? rowStyle : s(style))
            x += w
        }
        cell("v\(v.version)" + (v.version == current ? " (now)" : ""), cols.version, StyleName.secretKey)
        cell(Renderer.historyWhen(v.at, now: state.now, withTime: cols.withTime), cols.when, StyleName.secretMeta)
        cell(Renderer.historyWho(v), cols.by, StyleName.secretMeta)
        cell(revealed ? "shown ↓" : Secret.mask, cols.value, revealed ? StyleName.secretRevealed : StyleName.secretMasked)
        cell(Sanitizer.sanitize(v.comment), cols.comment, StyleName.secretComment)
    }

    /// A notice or the refusal; the selected version (its value when revealed); the keys.
    mutating func drawHistoryFooter(_ h: HistoryState, inner: Rect) {
        let noticeY = inner.maxY - 4, selectedY = inner.maxY - 2, hintY = inner.maxY - 1
        let w = inner.width - 2
        var notice: (text: String, style: String)?
        if let n = h.notice {
            notice = (Sanitizer.sanitize(n), h.noticeIsError ? StyleName.statusError : StyleName.statusNotice)
        } else if h.listing?.refused == true {
            notice = ("⚠ " + VersionHistoryRules.personLoginNeeded + "; these versions were read one by one", StyleName.statusError)
        }
        if let notice {
            for (i, line) in Glyphs.wrapWords(notice.text, width: max(1, w)).prefix(2).enumerated() {
                grid.put(line, x: inner.x + 1, y: noticeY + i, maxWidth: w, style: s(notice.style))
            }
        }
        if let v = h.selected {
            if let r = h.revealed, r.version == v.version {
                let left = max(0, Int((remaskAfterSeconds - state.now.timeIntervalSince(r.revealedAt)).rounded(.up)))
                let label = "v\(v.version) value: "
                let tail = "  · masks again in \(left)s"
                grid.put(label, x: inner.x + 1, y: selectedY, style: s(StyleName.detailLabel))
                let vx = inner.x + 1 + Glyphs.width(label)
                let room = max(1, w - Glyphs.width(label) - Glyphs.width(tail))
                let shown = Sanitizer.sanitize(r.value.isEmpty ? "(empty)" : r.value)
                let fits = Glyphs.width(shown) <= room
                grid.put(fits ? shown : String(Glyphs.wrap(shown, width: max(1, room - 1)).first ?? "") + "…",
                         x: vx, y: selectedY, maxWidth: room, style: s(StyleName.secretRevealed))
                grid.put(tail, x: vx + min(room, Glyphs.width(shown) + (fits ? 0 : 1)), y: selectedY, style: s(StyleName.secretMeta))
            } else if h.pendingReveal == v.version {
                grid.put("v\(v.version): revealing…", x: inner.x + 1, y: selectedY, maxWidth: w, style: s(StyleName.secretMeta))
            } else {
                var text = "v\(v.version) by " + Renderer.historyWho(v)
                if let at = v.at { text += " · " + DateText.format(at) + " UTC" }
                if !v.comment.isEmpty { text += " · " + Sanitizer.sanitize(v.comment) }
                grid.put(text, x: inner.x + 1, y: selectedY, maxWidth: w, style: s(StyleName.secretMeta))
            }
        }
        var keys: [(Command, String)] = [(.history(.reveal), "reveal"), (.history(.rollback), "roll back")]
        if inner.width >= 90 { keys.append((.history(.reload), "reload")) }
        keys.append((.history(.close), "back"))
        grid.put(KeyBindings.hint(keys, in: .history), x: inner.x + 1, y: hintY, maxWidth: w, style: s(StyleName.secretMeta))
    }

    var remaskAfterSeconds: TimeInterval { state.session.remaskAfter }

    /// Production reveals ask first, as in the detail view.
    mutating func drawHistoryRevealConfirm(_ h: HistoryState, version: Int, in area: Rect) {
        let msg = "Reveal v\(version) of \(Sanitizer.sanitize(h.target.key)) in \(h.target.environment) (production)?"
        let keys = KeyBindings.hint([(.history(.yes), "reveal"), (.history(.no), "cancel")], in: .history)
        let w = min(area.width - 4, max(Glyphs.width(msg), Glyphs.width(keys)) + 4)
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + max(1, area.height / 2 - 2), width: w, height: 4)
        let style = s(StyleName.confirm)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: "Production")
        grid.put(msg, x: box.x + 2, y: box.y + 1, maxWidth: w - 4, style: style)
        grid.put(keys, x: box.x + 2, y: box.y + 2, maxWidth: w - 4, style: style)
    }

    /// Old and new, both masked: what y will write.
    mutating func drawRollbackPreview(_ h: HistoryState, _ p: RollbackPreview, in area: Rect) {
        let w = min(area.width - 4, 72), hgt = 8
        let box = Rect(x: area.x + (area.width - w) / 2, y: area.y + max(1, (area.height - hgt) / 2), width: w, height: hgt)
        let style = s(StyleName.dialog)
        grid.fill(box, style: style)
        grid.box(box, style: style, title: "Roll back " + Sanitizer.sanitize(h.target.key) + " in " + h.target.environment,
                 titleStyle: style)
        let inner = box.inner
        grid.put("now      v\(p.current)", x: inner.x + 1, y: inner.y, style: style)
        grid.put(Secret.mask, x: inner.x + 20, y: inner.y, style: s(StyleName.diffOld))
        grid.put("becomes  v\(p.current + 1)", x: inner.x + 1, y: inner.y + 1, style: style)
        grid.put(Secret.mask, x: inner.x + 20, y: inner.y + 1, style: s(StyleName.diffNew))
        grid.put("(the value of v\(p.restore))", x: inner.x + 30, y: inner.y + 1, maxWidth: max(1, inner.width - 31), style: style)
        grid.put("A new version is written with v\(p.restore)'s value; v\(p.current) stays in the history.",
                 x: inner.x + 1, y: inner.y + 3, maxWidth: inner.width - 2, style: style)
        grid.put(KeyBindings.hint([(.history(.yes), "roll back"), (.history(.no), "cancel")], in: .history),
                 x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 2, style: style)
    }
}
