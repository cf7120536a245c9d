import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// Shared bits of the subcommands: terminal-safe text, tables, JSON, stderr notes.
enum Out {
    /// Fixed-width mask: never reveals a value's length.
    static let mask = Secret.mask

    static var stdoutIsTTY: Bool { isatty(1) == 1 }

    /// `--raw`: exact bytes even on a terminal. Set once by `main` before a command runs.
    nonisolated(unsafe) static var keepRawBytes = false

    /// Server text made safe for a terminal (control characters shown as `^[` etc.).
    static func safe(_ s: String) -> String { TerminalText.escape(s) }

    static func line(_ s: String) { write(1, s + "\n") }
    static func raw(_ s: String) { write(1, s) }
    static func note(_ s: String) { write(2, s + "\n") }

    /// Entries of a list the server sent that could not be read: named on stderr, never silent.
    static func warnSkipped(_ list: SecretList) {
        guard !list.skipped.isEmpty else { return }
        note("warning: skipped \(list.skipped.count) entr\(list.skipped.count == 1 ? "y" : "ies") the server sent that could not be read: "
             + list.skipped.map(safe).joined(separator: ", "))
    }

    /// Every CLI write goes through here, so the terminal rule (`TerminalText.forOutput`) applies
    /// to tables, JSON, CSV, `--plain` values, notes, warnings and error lines alike.
    /// POSIX write loop: a reader that went away (`| head`) ends us quietly like SIGPIPE would,
    /// instead of Foundation trapping on EPIPE.
    private static func write(_ fd: Int32, _ s: String) {
        let text = TerminalText.forOutput(s, isTerminal: isatty(fd) == 1, raw: keepRawBytes)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                _exit(errno == EPIPE ? 141 : 1)
            }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Display width: wide East Asian characters and emoji take two cells (close enough for tables).
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            if v == 0x200d || (0xfe00...0xfe0f).contains(v) || (0x300...0x36f).contains(v) { return w }
            if (0x1100...0x115f).contains(v) || (0x2e80...0xa4cf).contains(v) || (0xac00...0xd7a3).contains(v)
                || (0xf900...0xfaff).contains(v) || (0xfe30...0xfe4f).contains(v) || (0xff00...0xff60).contains(v)
                || (0xffe0...0xffe6).contains(v) || (0x1f300...0x1faff).contains(v) || (0x20000...0x3fffd).contains(v) { return w + 2 }
            return w + 1
        }
    }

    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - width(s))) }

    /// Cuts to `n` cells with an ellipsis.
    static func clip(_ s: String, _ n: Int) -> String {
        if width(s) <= n { return s }
        var out = "", w = 0
        for ch in s { let cw = width(String(ch)); if w + cw > n - 1 { break }; out.append(ch); w += cw }
        return out + "…"
    }

    /// Columns aligned by display width; cells must already be terminal-safe.
    static func table(_ header: [String], _ rows: [[String]], maxWidths: [Int]? = nil) -> String {
        let cells = ([header] + rows).map { r in r.enumerated().map { i, c in maxWidths.map { clip(c, $0[i]) } ?? c } }
        var widths = Array(repeating: 0, count: header.count)
        for r in cells { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
        return cells.map { r in
            r.enumerated().map { i, c in i == r.count - 1 ? c : pad(c, widths[i]) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.dateEncodingStrategy = .custom { d, e in var c = e.singleValueContainer(); try c.encode(iso8601Millis(d)) }
        guard let s = String(data: try enc.encode(value), encoding: .utf8) else { return "null" }
        return (s == "[\n\n]" ? "[]" : s) + "\n"   // Foundation pretty-prints an empty array on 3 lines
    }

    /// "3d ago"-style age of an ISO date, or the date itself.
    static func age(_ iso: String?, now: Date = Date()) -> String {
        guard let iso, let d = parseISO(iso) else { return iso ?? "" }
        let s = now.timeIntervalSince(d)
        if s < 60 { return "just now" }
        if s < 3600 { return "\(Int(s / 60))m ago" }
        if s < 86400 { return "\(Int(s / 3600))h ago" }
        return "\(Int(s / 86400))d ago"
    }

    static func parseISO(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }

    static func localTime(_ iso: String) -> String {
        guard let d = parseISO(iso) else { return iso }
        let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd HH:mm:ss"; f.timeZone = .current
        return f.string(from: d)
    }
}

/// `--raw` for the commands that print server text: exact bytes on a terminal too.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Write server text as exact bytes even on a terminal (escape sequences in it will act).")
    var raw = false
}

/// A command with `@OptionGroup var output: OutputOptions`; `main` applies it before `run()`.
protocol HasOutputOptions { var output: OutputOptions { get } }

/// Resolves the scope's project (id or slug) to a Project (one cached request) and checks the
/// environment exists, so a typo in --env is named instead of yielding an empty list. A service
/// token without --projectId uses the token's own project.
func resolveProject(_ api: InfisicalAPI, _ scope: Scope, checkEnvironment: Bool = true) throws -> Project {
    let idOrSlug: String
    if let p = scope.project { idOrSlug = p }
    else if case .serviceToken? = api.configuration.credentials, let p = try? api.serviceTokenProjectId() { idOrSlug = p }
    else { idOrSlug = try ConnectionOptions.requireProject(scope) }
    let project = try api.project(idOrSlug: idOrSlug)
    if checkEnvironment, !project.environments.isEmpty, !project.environments.contains(where: { $0.slug == scope.environment }) {
        throw InfisicalError(.notFound, "no environment '\(Out.safe(scope.environment))' in \(Out.safe(project.slug))",
                             hint: "use one of: " + project.environments.map { Out.safe($0.slug) }.joined(separator: ", "))
    }
    return project
}

/// Writes to production need an explicit opt-in (the server's role rules still apply after it).
func guardProductionWrite(_ env: String, project: Project, allow: Bool) throws {
    let isProd = project.environments.first(where: { $0.slug == env })?.isProduction ?? (env == "prod" || env == "production")
    if isProd && !allow {
        throw InfisicalError(.usage, "refusing to change secrets in \(env) of \(project.slug)",
                             hint: "pass --allow-production if you really mean production")
    }
}
