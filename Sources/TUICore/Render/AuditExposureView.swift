import Foundation
import InfisicalModels

/// The report as label/text lines: pure, shared by the renderer (draws them) and the reducer
/// (bounds scrolling by their count). Every server string is sanitized here.
enum AuditExposureContent {
    static func lines(_ x: AuditExposure, utcOffset: Int) -> [(label: String, text: String)] {
        func clean(_ s: String) -> String { Sanitizer.sanitize(s) }
        func time(_ iso: String) -> String {
            AuditTime.parseISO(iso).map { AuditTime.formatLocal($0, utcOffset: utcOffset, seconds: false) } ?? clean(iso)
        }
        var out: [(label: String, text: String)] = [
            ("Actor", x.actorName + " (" + clean(x.actorType) + ")"),
            ("Window", "last \(AuditExposure.days) days · this project · reads only (get-secret, get-secrets)"),
            ("", ""),
        ]
        if let e = x.error { return out + [("", "✗ " + clean(e))] }
        guard let r = x.report else { return out + [("", "loading the actor's reads…")] }
        if r.isEmpty { return out + [("", "no secret reads by this actor in the window")] }
        out.append(("Secrets", "\(r.secrets.count) read one by one (get-secret)"))
        let envW = max(3, (r.secrets.map(\.environment) + r.folders.map(\.environment)).map { Glyphs.width(clean($0)) }.max() ?? 3)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - Glyphs.width(s))) }
        for s in r.secrets {
            let pathKey = s.path.hasSuffix("/") ? s.path + s.key : s.path + "/" + s.key
            out.append(("", pad(clean(s.environment), envW) + "  " + clean(pathKey)))
            out.append(("", pad("", envW) + "  last read " + time(s.lastRead) + " · \(s.count) read" + (s.count == 1 ? "" : "s")))
        }
        out.append(("", ""))
        out.append(("Folders", "\(r.folders.count) listed with values (get-secrets)"))
        for f in r.folders {
            let n = f.secrets.map { " · \($0) secret" + ($0 == 1 ? "" : "s") } ?? ""
            out.append(("", pad(clean(f.environment), envW) + "  " + clean(f.path) + n))
            out.append(("", pad("", envW) + "  last listed " + time(f.lastListed) + " · \(f.count) listing" + (f.count == 1 ? "" : "s")))
        }
        return out
    }

    static func maxScroll(_ x: AuditExposure, utcOffset: Int, layout: Layout) -> Int {
        max(0, lines(x, utcOffset: utcOffset).count - layout.auditDetailRows)
    }
}

extension Renderer {
    mutating func drawAuditExposure(_ x: AuditExposure, in r: Rect) {
        let inner = r.inner
        let lines = AuditExposureContent.lines(x, utcOffset: state.session.utcOffset)
        let scroll = min(x.scroll, max(0, lines.count - inner.height))
        drawLabelledLines(lines, from: scroll, in: inner)
        let hint = " Exposure · " + KeyBindings.hint([(.up, "up"), (.down, "down")], in: .lists) + " · "
            + KeyBindings.hint([(.audit(.back), "back")], in: .audit) + " "
            + (lines.count > inner.height ? "\(scroll + 1)-\(min(lines.count, scroll + inner.height))/\(lines.count) " : "")
        grid.put(hint, x: r.x + 2, y: r.maxY - 1, maxWidth: max(0, r.width / 2), style: s(StyleName.border))
    }
}
