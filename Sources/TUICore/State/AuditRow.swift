import Foundation
import InfisicalModels

/// One audit event prepared for drawing once, when it arrives: every column is sanitized and
/// formatted here so a frame only copies the visible rows' strings. It keeps only those columns
/// and the actor's raw id and type (the exposure report asks the server by them); the full entry,
/// with its metadata, stays with its page while the page is resident (`AuditPages.entry(at:)`).
public struct AuditRow: Equatable, Sendable {
    public var id: String
    public var time: Date?
    public var timeText: String
    public var actor: String
    public var event: String
    public var environment: String
    public var pathKey: String
    public var source: String
    public var ip: String
    /// Raw server values, never drawn: they go back to the server as a filter.
    public var actorId: String?
    public var actorType: String

    public init(_ e: AuditLogEntry, utcOffset: Int) {
        id = e.id
        time = AuditTime.parseISO(e.createdAt)
        timeText = time.map { AuditTime.formatLocal($0, utcOffset: utcOffset) } ?? Sanitizer.sanitize(e.createdAt)
        actor = Sanitizer.sanitize(e.actor.displayName)
        event = Sanitizer.sanitize(e.event.type)
        environment = Sanitizer.sanitize(e.environment ?? "")
        pathKey = Sanitizer.sanitize(e.pathKey)
        source = Sanitizer.sanitize(AuditRow.shortSource(e.userAgentType ?? ""))
        ip = Sanitizer.sanitize(e.ipAddress ?? "")
        actorId = e.actor.id
        actorType = e.actor.type
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
