import Foundation
import InfisicalModels

/// What an export reported besides its text (the text went to a sink piece by piece).
public struct ExportSummary: Sendable {
    public var issues: [ExportWarning] = []
    /// Keys left out under `DotenvKeyRule.Policy.skip` (in order).
    public var skipped: [String] = []
    public var warnings: [String] { issues.map(\.message) }
}

/// Export text written incrementally: each entry's text goes to `emit` as it is made, so a 10k
/// export never holds the whole file as one string (plus its UTF-8 copy). `ExportFormatter.render`
/// is this with a sink that collects, so the formats' rules live here once.
extension ExportFormatter {
    /// Throws `DotenvKeyRule.refusal` before emitting anything when a dotenv entry cannot be
    /// carried and `invalidKeys` is `.refuse`. YAML is emitted in one piece (libyaml renders the
    /// mapping as a whole).
    public static func stream(_ entries: [ExportEntry], as format: ExportFormat, invalidKeys: DotenvKeyRule.Policy = .refuse,
                              to emit: (String) throws -> Void) throws -> ExportSummary {
        var summary = ExportSummary()
        switch format {
        case .dotenv, .dotenvExport:
            let refused = DotenvKeyRule.refusedKeys(entries)
            if !refused.isEmpty && invalidKeys == .refuse { throw DotenvKeyRule.refusal(refused) }
            let prefix = format == .dotenvExport ? "export " : ""
            for e in entries where DotenvKeyRule.accepts(e) {
                let (quoted, portable) = dotenvQuote(e.value)
                if !portable { summary.issues.append(ExportWarning(key: e.key, kind: .notPortable)) }
                // Piece by piece into the sink's buffer: joining the line first made three
                // throw-away strings per entry.
                if !prefix.isEmpty { try emit(prefix) }
                try emit(e.key); try emit("="); try emit(quoted); try emit("\n")
            }
            summary.skipped = refused
        case .json:
            // An array of {key, value} in order, like the Infisical CLI's json export.
            if entries.isEmpty { try emit("[\n]\n"); break }
            for (n, e) in entries.enumerated() {
                try emit((n == 0 ? "[\n" : ",\n") + "  {\"key\": \(jsonString(e.key)), \"value\": \(jsonString(e.value))}")
            }
            try emit("\n]\n")
        case .yaml:
            try emit(try yaml(entries))
        case .csv:
            try emit("Key,Value\r\n")
            for e in entries { try emit(csvField(e.key) + "," + csvField(e.value) + "\r\n") }
        }
        return summary
    }
}

/// Gathers emitted pieces into chunks of about `size` bytes before handing them on, so a writer
/// makes a few large writes instead of one per entry.
public struct ChunkedSink {
    private var buffer = ""
    private let size: Int

    public init(size: Int = 64 << 10) {
        self.size = size
        buffer.reserveCapacity(size + 4096)
    }

    public mutating func add(_ piece: String, flush: (String) throws -> Void) throws {
        buffer += piece
        if buffer.utf8.count >= size { try finish(flush: flush) }
    }

    /// Hands on what is left.
    public mutating func finish(flush: (String) throws -> Void) throws {
        guard !buffer.isEmpty else { return }
        try flush(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
