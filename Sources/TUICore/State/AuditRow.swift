import Foundation
import InfisicalModels

/// One audit event prepared for drawing once, when it arrives: every column is sanitized and
/// formatted here so a frame only copies the visible rows' strings.
public struct AuditRow: Equatable, Sendable {
    public var entry: AuditLogEntry
    public var id: String { entry.id }
    public var time: Date?
    public var timeText: String
    public var actor: String
    public var event: String
    public var environment: String
    public var pathKey: String
    public var source: String
    public var ip: String

    public init(_ e: AuditLogEntry, utcOffset: Int) {
        entry = e
        time = AuditTime.parseISO(e.createdAt)
        timeText = time.map { AuditTime.formatLocal($0, utcOffset: utcOffset) } ?? Sanitizer.sanitize(e.createdAt)
        actor = Sanitizer.sanitize(e.actor.displayName)
        event = Sanitizer.sanitize(e.event.type)
        environment = Sanitizer.sanitize(e.environment ?? "")
        pathKey = Sanitizer.sanitize(e.pathKey)
        source = Sanitizer.sanitize(AuditRow.shortSource(e.userAgentType ?? ""))
        ip = Sanitizer.sanitize(e.ipAddress ?? "")
    }

    /// Short labels for the table (the metadata view and exports keep the server's value).
    static func shortSource(_ t: String) -> String {
        switch t {
        case "InfisicalPythonSDK": return "python-sdk"
        case "InfisicalNodeSDK": return "node-sdk"
        default: return t
        }
    }
}
