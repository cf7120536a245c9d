import Foundation

/// Times without Foundation formatters (pure, locale-free): ISO-8601 in, local text out, typed
/// local text back to a date. Local = UTC + `utcOffset` seconds (supplied by the caller: the TUI
/// takes one offset at start, the CLI the zone's offset at each date). The one copy of these
/// rules for the CLI and the TUI (the name is historical: the audit screen used it first).
public enum AuditTime {
    /// `2025-03-11T08:01:09.554Z` (fraction and `Z` optional; `+hh:mm` offsets honoured).
    public static func parseISO(_ s: String) -> Date? { ISODate.parse(s) }

    /// `YYYY-MM-DD HH:MM:SS` (or without seconds) in local time.
    public static func formatLocal(_ d: Date, utcOffset: Int, seconds: Bool = true) -> String {
        let t = Int(d.timeIntervalSince1970.rounded(.down)) + utcOffset
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, dd) = CivilDate.fromDays(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let hm = "\(y)-\(two(m))-\(two(dd)) \(two(secs / 3600)):\(two(secs / 60 % 60))"
        return seconds ? hm + ":" + two(secs % 60) : hm
    }

    /// `YYYYMMDD` in local time (default export file names).
    public static func compactDate(_ d: Date, utcOffset: Int) -> String {
        String(formatLocal(d, utcOffset: utcOffset).prefix(10)).replacingOccurrences(of: "-", with: "")
    }

    /// Typed local time `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (also `T` as separator) → date, or nil.
    public static func parseLocal(_ s: String, utcOffset: Int) -> Date? {
        let t = s.trimmingCharacters(in: .whitespaces)
        let c = Array(t.utf8)
        guard c.count == 10 || c.count == 16 else { return nil }
        func num(_ from: Int, _ n: Int) -> Int? {
            var v = 0
            for i in from..<(from + n) {
                guard c[i] >= 48, c[i] <= 57 else { return nil }
                v = v * 10 + Int(c[i] - 48)
            }
            return v
        }
        guard c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"), let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2) else { return nil }
        var h = 0, mi = 0
        if c.count == 16 {
            guard c[10] == UInt8(ascii: " ") || c[10] == UInt8(ascii: "T"), c[13] == UInt8(ascii: ":"),
                  let hh = num(11, 2), let mm = num(14, 2), hh < 24, mm < 60 else { return nil }
            h = hh; mi = mm
        }
        guard let e = epoch(y, mo, d, h, mi, 0) else { return nil }
        return Date(timeIntervalSince1970: Double(e - utcOffset))
    }

    /// Seconds since 1970 for a UTC civil time, validating the day of the month.
    static func epoch(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Int? {
        guard CivilDate.isValid(year: y, month: m, day: d), h < 24, mi < 60, s < 61 else { return nil }
        return CivilDate.days(year: y, month: m, day: d) * 86400 + h * 3600 + mi * 60 + s
    }
}
