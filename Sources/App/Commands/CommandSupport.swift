import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// Everything the subcommands write: stdout and stderr through the one escaping rule (a terminal
/// gets visible escapes, a pipe exact bytes), tables, JSON, notes.
enum CLIOutput {
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
    static func warnSkipped(_ list: SecretList) { warnSkipped(list.skipped) }

    static func warnSkipped(_ skipped: [String]) {
        guard !skipped.isEmpty else { return }
        note("warning: skipped \(skipped.count) entr\(skipped.count == 1 ? "y" : "ies") the server sent that could not be read: "
             + skipped.map(safe).joined(separator: ", "))
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

    /// Widths and cutting are the TUI's rules (`Glyphs` in InfisicalModels), so a wide character
    /// or an emoji sequence lines up the same in both.
    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - Glyphs.width(s))) }

    /// Columns aligned by display width; cells must already be terminal-safe.
    static func table(_ header: [String], _ rows: [[String]], maxWidths: [Int]? = nil) -> String {
        let cells = ([header] + rows).map { r in r.enumerated().map { i, c in maxWidths.map { Glyphs.truncate(c, to: $0[i]) } ?? c } }
        var widths = Array(repeating: 0, count: header.count)
        for r in cells { for (i, c) in r.enumerated() { widths[i] = max(widths[i], Glyphs.width(c)) } }
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

    /// "3d ago"-style age of a server timestamp (the TUI's `RelativeAge`), or the text itself,
    /// escaped, when it is not a date.
    static func age(_ iso: String?, now: Date = Date()) -> String {
        guard let iso, let d = ISODate.parse(iso) else { return safe(iso ?? "") }
        return RelativeAge.ago(now.timeIntervalSince(d))
    }

    /// `YYYY-MM-DD HH:MM:SS` in the local zone at that date (the TUI's `AuditTime` layout), or the
    /// text itself, escaped, when it is not a date.
    static func localTime(_ iso: String) -> String {
        guard let d = ISODate.parse(iso) else { return safe(iso) }
        return AuditTime.formatLocal(d, utcOffset: TimeZone.current.secondsFromGMT(for: d))
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
        throw InfisicalError(.notFound, "no environment '\(CLIOutput.safe(scope.environment))' in \(CLIOutput.safe(project.slug))",
                             hint: "use one of: " + project.environments.map { CLIOutput.safe($0.slug) }.joined(separator: ", "))
    }
    return project
}

/// Writes to production need an explicit opt-in (the server's role rules still apply after it).
func guardProductionWrite(_ env: String, project: Project, allow: Bool) throws {
    if Environment.isProduction(slug: env) && !allow {
        throw InfisicalError(.usage, "refusing to change secrets in \(env) of \(project.slug)",
                             hint: "pass --allow-production if you really mean production")
    }
}
