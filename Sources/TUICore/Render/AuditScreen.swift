import Foundation
import InfisicalModels

/// The audit screen: one box below the top bar with a header and the visible rows only (rows are
/// formatted when they arrive, see `AuditRow`). The metadata view and dialogs draw over it
/// (AuditDetailView.swift, AuditDialogs.swift).
extension Renderer {
    struct AuditColumn { var title: String; var width: Int }

    /// Column widths for a screen width; PATH/KEY takes what is left. Below 100 columns the IP
    /// moves to the metadata view and times drop the year and seconds.
    static func auditColumns(width: Int) -> [AuditColumn] {
        let inner = max(0, width - 2)
        var cols: [AuditColumn]
        if width >= 120 {
            cols = [.init(title: "TIME", width: 19), .init(title: "ACTOR", width: 18), .init(title: "EVENT", width: 14),
                    .init(title: "ENV", width: 8), .init(title: "PATH/KEY", width: 0), .init(title: "SOURCE", width: 10),
                    .init(title: "IP", width: 15)]
        } else if width >= 100 {
            cols = [.init(title: "TIME", width: 14), .init(title: "ACTOR", width: 16), .init(title: "EVENT", width: 13),
                    .init(title: "ENV", width: 8), .init(title: "PATH/KEY", width: 0), .init(title: "SOURCE", width: 10),
                    .init(title: "IP", width: 15)]
        } else {
            cols = [.init(title: "TIME", width: 11), .init(title: "ACTOR", width: 14), .init(title: "EVENT", width: 13),
                    .init(title: "ENV", width: 7), .init(title: "PATH/KEY", width: 0), .init(title: "SOURCE", width: 10)]
        }
        let fixed = cols.reduce(0) { $0 + $1.width } + cols.count - 1
        cols[4].width = max(4, inner - fixed)
        return cols
    }

    /// The time column's text for its width (full, without year, without year and seconds).
    static func auditTimeText(_ full: String, width: Int) -> String {
        guard full.count == 19 else { return full }
        if width >= 19 { return full }
        let noYear = String(full.dropFirst(5))
        return width >= 14 ? noYear : String(noYear.dropLast(3))
    }

    /// `…/STRIPE_SECRET_KEY`: the tail of a text that is wider than `width`.
    static func keepTail(_ t: String, width: Int) -> String {
        guard width > 1, Glyphs.width(t) > width else { return t }
        var tail = Substring(t)
        while Glyphs.width(String(tail)) > width - 1, !tail.isEmpty { tail = tail.dropFirst() }
        return "…" + tail
    }

    mutating func drawAuditScreen() {
        let a = state.audit
        let r = layout.auditBox
        var title = "Audit · " + Sanitizer.sanitize(state.browse.openProject?.name ?? "") + " · " + auditRangeLabel(a.range)
        if !a.filters.isEmpty { title += " · " + Sanitizer.sanitize(a.filters.summary) }
        grid.box(r, style: s(StyleName.borderFocused), title: title, titleStyle: s(StyleName.paneTitleFocused))
        let inner = r.inner
        guard inner.height > 1 else { return }
        drawAuditFooter(r)
        if let x = a.exposure {
            drawAuditExposure(x, in: r)
        } else if a.detailIndex != nil {
            drawAuditDetail(in: r)
        } else {
            drawAuditTable(inner)
        }
    }

    func auditRangeLabel(_ range: AuditRange) -> String {
        guard case .custom(let from, let to) = range else { return range.label }
        let f = AuditTime.formatLocal(from, utcOffset: state.session.utcOffset, seconds: false)
        let t = to.map { AuditTime.formatLocal($0, utcOffset: state.session.utcOffset, seconds: false) } ?? "now"
        return f + " → " + t
    }

    mutating func drawAuditFooter(_ r: Rect) {
        let a = state.audit
        var text = "\(a.rows.count) loaded · " + (a.reachedEnd ? "end" : state.requests.isInFlight(.auditPage) ? "loading…" : "more…")
        if a.following { text += " · following" + (a.newIds.isEmpty ? "" : " (\(a.newIds.count) new)") }
        if !a.rows.isEmpty, a.detailIndex == nil, a.exposure == nil { text = "\(a.cursor.selected + 1)/" + text }
        text = " " + text + " "
        let w = Glyphs.width(text)
        grid.put(text, x: max(r.x + 1, r.maxX - 1 - w), y: r.maxY - 1, maxWidth: r.width - 2, style: s(StyleName.border))
        let keys = " " + KeyBindings.hint([(.audit(.details), "details"), (.audit(.filters), "filter"), (.audit(.preset(-1)), "range"),
                                           (.audit(.follow), "follow"), (.audit(.export), "export"), (.audit(.back), "back")],
                                          in: .audit) + " "
        let room = r.width - 4 - w
        if room > 20, a.detailIndex == nil, a.exposure == nil { grid.put(keys, x: r.x + 1, y: r.maxY - 1, maxWidth: room, style: s(StyleName.border)) }
    }

    mutating func drawAuditTable(_ inner: Rect) {
        let a = state.audit
        let cols = Renderer.auditColumns(width: layout.width)
        let header = s(StyleName.tableHeader)
        grid.pad(x: inner.x, y: inner.y, count: inner.width, style: header)
        var x = inner.x
        for c in cols {
            grid.put(c.title, x: x, y: inner.y, maxWidth: c.width, style: header)
            x += c.width + 1
        }
        let top = layout.auditFirstRowY, visible = layout.auditVisibleRows
        if a.rows.isEmpty {
            let msg: String
            if let e = a.error { msg = "✗ " + e }
            else if state.requests.isInFlight(.auditPage) { msg = "loading audit events…" }
            else { msg = "no events (\(auditRangeLabel(a.range))) · 1-4 range · c custom · / filters" }
            let w = min(inner.width, Glyphs.width(msg))
            grid.put(msg, x: inner.x + max(0, (inner.width - w) / 2), y: top + max(0, visible / 2 - 1), maxWidth: inner.width,
                     style: s(a.error == nil ? StyleName.secretMeta : StyleName.statusError))
            return
        }
        let normal = s(StyleName.listItem), fresh = s(StyleName.auditNew), selected = s(StyleName.listSelected)
        let scroll = a.cursor.scroll   // the reducer keeps it valid, on resize too
        for i in 0..<visible {
            let index = scroll + i
            guard index < a.rows.count else { break }
            let y = top + i
            guard let row = a.rows[index] else {
                // A dropped page being fetched again (or one that failed: the cursor moving retries).
                let style = index == a.cursor.selected ? selected : s(StyleName.secretMeta)
                grid.pad(x: inner.x, y: y, count: inner.width, style: style)
                let page = a.rows.page(containing: index)
                let text: String
                if let f = a.failedPage, f.page == page { text = "✗ " + f.message + " (move to retry)" }
                else if page.map(a.rows.isResident(page:)) == true { text = "(no longer on the server; R reloads)" }
                else { text = "loading…" }
                grid.put(text, x: inner.x, y: y, maxWidth: inner.width, style: style)
                continue
            }
            let style = index == a.cursor.selected ? selected : (a.newIds.contains(row.id) ? fresh : normal)
            grid.pad(x: inner.x, y: y, count: inner.width, style: style)
            let texts = [Renderer.auditTimeText(row.timeText, width: cols[0].width), row.actor, row.event, row.environment,
                         row.pathKey, row.source, row.ip]
            var cx = inner.x
            for (i, (c, t)) in zip(cols, texts).enumerated() {
                // PATH/KEY keeps its end (the key) when it does not fit.
                grid.put(i == 4 ? Renderer.keepTail(t, width: c.width) : t, x: cx, y: y, maxWidth: c.width, style: style)
                cx += c.width + 1
            }
        }
    }
}
