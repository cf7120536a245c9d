import Foundation
import Yams

import InfisicalModels

/// One exported entry (key order is the caller's).
public struct ExportEntry: Sendable, Equatable {
    public var key: String
    public var value: String
    public init(key: String, value: String) { self.key = key; self.value = value }
}

/// A key whose dotenv line may not read back as written.
public struct ExportWarning: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// bash and python-dotenv may read the value differently.
        case notPortable
    }
    public var key: String
    public var kind: Kind

    /// The full sentence (CLI).
    public var message: String {
        "\(key): value may not read back identically in python-dotenv (contains ${…}, CR, a trailing \\, or ' or \\ together with $ or `)"
    }

    /// A few words for a one-row status line (TUI).
    public var short: String { "\(key) may read back differently in python-dotenv" }
}

public struct ExportResult: Sendable {
    public var text: String
    /// Keys whose value cannot be written so that bash and python-dotenv read it identically,
    /// or whose name is not a shell identifier.
    public var issues: [ExportWarning]
    /// Keys left out of a dotenv file under `DotenvKeyRule.Policy.skip` (in order).
    public var skipped: [String] = []
    public var warnings: [String] { issues.map(\.message) }
}

public enum ExportFormatter {
    /// `invalidKeys` applies to dotenv and dotenv-export only (see `DotenvKeyRule`): by default an
    /// entry they cannot carry makes this throw `DotenvKeyRule.refusal`, so nothing is written.
    public static func render(_ entries: [ExportEntry], as format: ExportFormat,
                              invalidKeys: DotenvKeyRule.Policy = .refuse) throws -> ExportResult {
        var text = ""
        let summary = try stream(entries, as: format, invalidKeys: invalidKeys) { text += $0 }   // ExportStream.swift
        return ExportResult(text: text, issues: summary.issues, skipped: summary.skipped)
    }

    // MARK: dotenv

    /// Quoting that bash (`set -a; . file`) and python-dotenv 1.x both read back exactly:
    /// - no `'` and no `\` → single quotes (literal in both, multi-line included);
    /// - else, no `$`/backtick and no trailing `\` → double quotes escaping only `\` and `"`
    ///   (python-dotenv's regex would take `\\"` at the very end as an escaped quote);
    /// - else, no `'`, no `\\` and no trailing `\` → single quotes (python-dotenv only decodes
    ///   `\\` and `\'` there);
    /// - else no common form exists: bash's `$'…'` on one line (`ansiC`), and a warning.
    /// python-dotenv also interpolates `${NAME}` in every quoting style and turns CR into LF;
    /// such values are warned about.
    /// Every test is on Unicode scalars, not Characters: a quote or backslash followed by a
    /// combining mark is one Character but still a quote or backslash to bash and python-dotenv.
    public static func dotenvQuote(_ value: String) -> (String, Bool) {
        // Fast path, the common case, decided on UTF-8 bytes (every scalar tested below is ASCII,
        // so a byte test is the same test): no `'` and no `\` → single quotes, as below.
        var single = false, backslash = false, cr = false, dollarBrace = false, previous: UInt8 = 0
        for c in value.utf8 {
            switch c {
            case UInt8(ascii: "'"): single = true
            case UInt8(ascii: "\\"): backslash = true
            case UInt8(ascii: "\r"): cr = true
            case UInt8(ascii: "{") where previous == UInt8(ascii: "$"): dollarBrace = true
            default: break
            }
            previous = c
        }
        if !single && !backslash { return ("'" + value + "'", !dollarBrace && !cr) }
        let u = Array(value.unicodeScalars)
        let hasSingle = u.contains("'"), hasBackslash = u.contains("\\")
        let hasDollar = u.contains("$"), hasBacktick = u.contains("`")
        let trailingBackslash = u.last == "\\"
        let doubleBackslash = zip(u, u.dropFirst()).contains { $0 == "\\" && $1 == "\\" }
        let reference = zip(u, u.dropFirst()).contains { $0 == "$" && $1 == "{" }
        let portable = !reference && !u.contains("\r")
        func wrap(_ q: Unicode.Scalar, _ escape: [Unicode.Scalar: String]) -> String {
            var out = String(q)
            for c in u { if let e = escape[c] { out += e } else { out.unicodeScalars.append(c) } }
            return out + String(q)
        }
        if !hasSingle && !hasBackslash { return (wrap("'", [:]), portable) }
        if !hasDollar && !hasBacktick && !trailingBackslash {
            return (wrap("\"", ["\\": "\\\\", "\"": "\\\""]), portable)
        }
        if !hasSingle && !doubleBackslash && !trailingBackslash { return (wrap("'", [:]), portable) }
        return (ansiC(u), false)
    }

    /// bash's `$'…'`, all on one line: python-dotenv reads a wrong value (warned about) but its
    /// parser stays in step. Plain `'\''` quoting would leave it unbalanced, and a multi-line value
    /// would then be parsed line by line: the value's own lines read as `KEY=…` bindings.
    static func ansiC(_ u: [Unicode.Scalar]) -> String {
        var out = "$'"
        for c in u {
            switch c {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where c.value < 0x20 || c.value == 0x7f: out += "\\" + String(repeating: "0", count: 3 - String(c.value, radix: 8).count) + String(c.value, radix: 8)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "'"
    }

    // MARK: json — an array of {key, value} in order, like the Infisical CLI's json export.

    /// JSON string literal with every control character escaped (output stays one line per entry).
    /// U+FEFF is escaped too: Foundation's JSON reader drops one at the start of a string.
    public static func jsonString(_ s: String) -> String {
        var out = ""
        for c in JSONValue.quoted(s).unicodeScalars { if c == "\u{feff}" { out += "\\ufeff" } else { out.unicodeScalars.append(c) } }
        return out
    }

    // MARK: yaml — a mapping KEY: value (order kept), strings always quoted by Yams where needed.

    static func yaml(_ entries: [ExportEntry]) throws -> String {
        if entries.isEmpty { return "{}\n" }
        // Values are always quoted (double) so `yes`, `0123`, `null`, "" stay strings; multi-line
        // values use a literal block when libyaml can represent them exactly (it falls back itself).
        let pairs = entries.map { e -> (Node, Node) in
            let keyStyle: Node.Scalar.Style = plainSafeKey(e.key) ? .plain : .doubleQuoted
            let multi = e.value.contains("\n") && !e.value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }
            return (Node(e.key, Tag(.str), keyStyle), Node(e.value, Tag(.str), multi ? .literal : .doubleQuoted))
        }
        return try Yams.serialize(node: Node.mapping(Node.Mapping(pairs)), width: -1, allowUnicode: true)
    }

    static func plainSafeKey(_ k: String) -> Bool {
        let reserved: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"]
        guard let f = k.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic),
              !reserved.contains(k.lowercased()) else { return false }
        return k.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }
    }

    // MARK: csv — RFC 4180, header `Key,Value`. Secret values are data to read back exactly, so no
    // formula guard here (it would change them); audit tables, opened in spreadsheets, get one.

    /// Quoted when a reader could split or trim it (scalars, not Characters: "\r\n" is one Character).
    static func csvField(_ s: String) -> String {
        let u = s.unicodeScalars
        if u.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || u.first == " " || u.last == " " {
            return csvQuoted(s)
        }
        return s
    }

    static func csvQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars { if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) } }
        return out + "\""
    }

    /// The spreadsheet-formula guard (OWASP "CSV injection"): a cell starting with `=`, `+`, `-`,
    /// `@`, tab or CR would be evaluated by Excel/LibreOffice/Sheets as a formula (server text such
    /// as an actor name could run `=HYPERLINK(…)`), so it gets a leading `'` and is quoted.
    public static func formulaGuarded(_ s: String) -> String {
        guard let f = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f) else { return s }
        return "'" + s
    }
}

extension ExportFormatter {
    /// A general RFC 4180 table (CRLF rows), e.g. for audit exports; `formulaGuard` applies
    /// `formulaGuarded` to every cell (and quotes it).
    public static func csvTable(_ header: [String], _ rows: [[String]], formulaGuard: Bool = false) -> String {
        func field(_ s: String) -> String {
            let g = formulaGuard ? formulaGuarded(s) : s
            return formulaGuard && g.unicodeScalars.count != s.unicodeScalars.count ? csvQuoted(g) : csvField(s)
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }
}
