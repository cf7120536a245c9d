import Foundation

/// Times without Foundation formatters (pure, locale-free): ISO-8601 in, local text out, typed
/// local text back to a date. Local = UTC + `utcOffset` seconds (supplied by the app).
public enum AuditTime {
    /// `2025-03-11T08:01:09.554Z` (fraction and `Z` optional; `+hh:mm` offsets honoured).
    public static func parseISO(_ s: String) -> Date? {
        let c = Array(s.utf8)
        func num(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= c.count else { return nil }
            var v = 0
            for i in from..<(from + n) {
                guard c[i] >= 48, c[i] <= 57 else { return nil }
                v = v * 10 + Int(c[i] - 48)
            }
            return v
        }
        guard c.count >= 19, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
              let mi = num(14, 2), let se = num(17, 2) else { return nil }
        var i = 19, frac = 0.0
        if i < c.count, c[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < c.count, c[i] >= 48, c[i] <= 57 { frac += Double(c[i] - 48) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        if i < c.count, c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2), let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (c[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        guard let t = epoch(y, mo, d, h, mi, se) else { return nil }
        return Date(timeIntervalSince1970: Double(t - offset) + frac)
    }

    /// `YYYY-MM-DD HH:MM:SS` (or without seconds) in local time.
    public static func formatLocal(_ d: Date, utcOffset: Int, seconds: Bool = true) -> String {
        let t = Int(d.timeIntervalSince1970.rounded(.down)) + utcOffset
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, dd) = civil(days)
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
        guard (1...12).contains(m), d >= 1, h < 24, mi < 60, s < 61 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let mdays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= mdays[m - 1] else { return nil }
        // Days from civil (Howard Hinnant).
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + h * 3600 + mi * 60 + s
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
