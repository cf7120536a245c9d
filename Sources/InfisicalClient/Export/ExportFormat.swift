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
        /// The key is not a shell variable name.
        case notShellName
    }
    public var key: String
    public var kind: Kind

    /// The full sentence (CLI).
    public var message: String {
        switch kind {
        case .notPortable: return "\(key): value may not read back identically in python-dotenv (contains ${…}, CR, a trailing \\, or ' or \\ together with $ or `)"
        case .notShellName: return "\(key): not a shell variable name; bash cannot source it"
        }
    }

    /// A few words for a one-row status line (TUI).
    public var short: String {
        switch kind {
        case .notPortable: return "\(key) may read back differently in python-dotenv"
        case .notShellName: return "\(key) is not a shell name"
        }
    }
}

public struct ExportResult: Sendable {
    public var text: String
    /// Keys whose value cannot be written so that bash and python-dotenv read it identically,
    /// or whose name is not a shell identifier.
    public var issues: [ExportWarning]
    public var warnings: [String] { issues.map(\.message) }
}

public enum ExportFormatter {
    public static func render(_ entries: [ExportEntry], as format: ExportFormat) throws -> ExportResult {
        switch format {
        case .dotenv: return dotenv(entries, exportPrefix: false)
        case .dotenvExport: return dotenv(entries, exportPrefix: true)
        case .json: return ExportResult(text: json(entries), issues: [])
        case .yaml: return ExportResult(text: try yaml(entries), issues: [])
        case .csv: return ExportResult(text: csv(entries), issues: [])
        }
    }

    // MARK: dotenv

    /// Quoting that bash (`set -a; . file`) and python-dotenv 1.x both read back exactly:
    /// - no `'` and no `\` → single quotes (literal in both, multi-line included);
    /// - else, no `$`/backtick and no trailing `\` → double quotes escaping only `\` and `"`
    ///   (python-dotenv's regex would take `\\"` at the very end as an escaped quote);
    /// - else, no `'`, no `\\` and no trailing `\` → single quotes (python-dotenv only decodes
    ///   `\\` and `\'` there);
    /// - else no common form exists: bash-correct `'\''` single quotes, and a warning.
    /// python-dotenv also interpolates `${NAME}` in every quoting style and turns CR into LF;
    /// such values are warned about.
    public static func dotenvQuote(_ value: String) -> (String, Bool) {
        let hasSingle = value.contains("'"), hasBackslash = value.contains("\\")
        let hasDollar = value.contains("$"), hasBacktick = value.contains("`")
        let trailingBackslash = value.hasSuffix("\\")
        let portable = !value.contains("${") && !value.contains("\r")
        if !hasSingle && !hasBackslash { return ("'" + value + "'", portable) }
        if !hasDollar && !hasBacktick && !trailingBackslash {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ("\"" + escaped + "\"", portable)
        }
        if !hasSingle && !value.contains("\\\\") && !trailingBackslash { return ("'" + value + "'", portable) }
        return ("'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'", false)
    }

    public static func isShellIdentifier(_ key: String) -> Bool {
        guard let f = key.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    static func dotenv(_ entries: [ExportEntry], exportPrefix: Bool) -> ExportResult {
        var out = "", issues: [ExportWarning] = []
        for e in entries {
            let (quoted, portable) = dotenvQuote(e.value)
            if !portable { issues.append(ExportWarning(key: e.key, kind: .notPortable)) }
            if !isShellIdentifier(e.key) { issues.append(ExportWarning(key: e.key, kind: .notShellName)) }
            out += (exportPrefix ? "export " : "") + e.key + "=" + quoted + "\n"
        }
        return ExportResult(text: out, issues: issues)
    }

    // MARK: json — an array of {key, value} in order, like the Infisical CLI's json export.

    static func json(_ entries: [ExportEntry]) -> String {
        "[\n" + entries.map { "  {\"key\": \(jsonString($0.key)), \"value\": \(jsonString($0.value))}" }.joined(separator: ",\n")
            + (entries.isEmpty ? "]\n" : "\n]\n")
    }

    /// JSON string literal with every control character escaped (output stays one line per entry).
    public static func jsonString(_ s: String) -> String { JSONValue.quoted(s) }

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

    // MARK: csv — RFC 4180, header `Key,Value`.

    static func csv(_ entries: [ExportEntry]) -> String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        return "Key,Value\r\n" + entries.map { field($0.key) + "," + field($0.value) + "\r\n" }.joined()
    }
}

extension ExportFormatter {
    /// A general RFC 4180 table (CRLF rows), e.g. for audit exports.
    public static func csvTable(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }
}
