import Foundation

/// How long ago something happened, the one rule for the CLI and the TUI. `format` is the short
/// form for narrow columns (`now`, `42s`, `5m`, `3h`, `3d`, `200d`); `ago` the readable one
/// (`just now`, `42s ago`, `3d ago`). Future times (clock skew) count as now.
public enum RelativeAge {
    public static func format(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s < 5 { return "now" }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }

    public static func ago(_ seconds: TimeInterval) -> String {
        let short = format(seconds)
        return short == "now" ? "just now" : short + " ago"
    }
}
