import Foundation
import InfisicalModels

/// Enter on an audit row: every field of the event plus its event and actor metadata as pretty
/// JSON, scrollable. Metadata never holds secret values in Infisical; string fields whose name
/// says "value" are masked anyway, and everything is sanitized. Pure content: the renderer draws
/// it, the reducer bounds scrolling by its length.
enum AuditDetailContent {
    static func lines(_ audit: AuditState, utcOffset: Int) -> [(label: String, text: String)] {
        guard let i = audit.detailIndex, let row = audit.rows[i] else { return [] }
        // The row's page is resident (it is the cursor's); should it not be, say so rather than guess.
        guard let e = audit.rows.entry(at: i) else { return [("", "loading…")] }
        func clean(_ s: String?) -> String { Sanitizer.sanitize(s ?? "") }
        let off = utcOffset
        let sign = off < 0 ? "-" : "+", m = abs(off) / 60
        let zone = "UTC\(sign)\(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
        var lines: [(label: String, text: String)] = [
            ("Time", row.timeText + " (\(zone))"),
            ("UTC", clean(e.createdAt)),
            ("Event", row.event),
            ("Actor", row.actor + " (" + clean(e.actor.type) + ")"),
            ("Actor id", clean(e.actor.id)),
            ("Env", row.environment),
            ("Path/key", row.pathKey),
            ("Source", clean(e.userAgentType)),
            ("Agent", clean(e.userAgent)),
            ("IP", row.ip),
            ("Project", clean(e.projectName ?? e.projectId)),
            ("Event id", clean(e.id)),
            ("", ""),
            ("Metadata", ""),
        ]
        lines += AuditJSON.lines(redact(e.event.metadata)).map { ("", $0) }
        lines += [("", ""), ("Actor", "")]
        lines += AuditJSON.lines(redact(e.actor.metadata)).map { ("", $0) }
        return lines
    }

    /// Masks string fields named like a value (defence in depth; Infisical sends none).
    static func redact(_ v: JSONValue?) -> JSONValue? {
        guard let v else { return nil }
        switch v {
        case .object(let o):
            var out: [String: JSONValue] = [:]
            for (k, x) in o {
                if k.lowercased().contains("value"), case .string = x { out[k] = .string(Secret.mask) }
                else { out[k] = redact(x) ?? .null }
            }
            return .object(out)
        case .array(let a): return .array(a.map { redact($0) ?? .null })
        default: return v
        }
    }

    static func maxScroll(_ audit: AuditState, utcOffset: Int, layout: Layout) -> Int {
        max(0, lines(audit, utcOffset: utcOffset).count - layout.auditDetailRows)
    }
}

extension Renderer {
    mutating func drawAuditDetail(in r: Rect) {
        let inner = r.inner
        let lines = AuditDetailContent.lines(state.audit, utcOffset: state.session.utcOffset)
        let scroll = min(state.audit.detailScroll, max(0, lines.count - inner.height))
        drawLabelledLines(lines, from: scroll, in: inner)
        let hint = " " + KeyBindings.hint([(.up, "up"), (.down, "down")], in: .lists) + " · "
            + KeyBindings.hint([(.audit(.back), "back")], in: .audit) + " " + (lines.count > inner.height ? "\(scroll + 1)-\(min(lines.count, scroll + inner.height))/\(lines.count) " : "")
        grid.put(hint, x: r.x + 2, y: r.maxY - 1, maxWidth: max(0, r.width / 2), style: s(StyleName.border))
    }
}

extension Renderer {
    /// Label/text lines from `scroll` on, one per row of `inner`: the audit detail and the exposure
    /// report draw their content the same way.
    mutating func drawLabelledLines(_ lines: [(label: String, text: String)], from scroll: Int, in inner: Rect) {
        let labelW = 10
        for i in 0..<inner.height {
            let li = scroll + i
            guard li < lines.count else { break }
            let y = inner.y + i
            let line = lines[li]
            if !line.label.isEmpty { grid.put(line.label, x: inner.x + 1, y: y, maxWidth: labelW - 1, style: s(StyleName.detailLabel)) }
            grid.put(line.text, x: inner.x + 1 + labelW, y: y, maxWidth: inner.width - labelW - 2, style: s(StyleName.detailValue))
        }
    }
}
