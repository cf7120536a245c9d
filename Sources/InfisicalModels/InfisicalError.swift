/// Every failure the client can report, as something a person can act on: a one-line message and a
/// hint. `kind` lets callers branch (re-authenticate, retry) without parsing text.
public struct InfisicalError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case notFound, permissionDenied, unauthorized, tokenExpired, rateLimited, server, badRequest
        case validation, unreachable, timeout, tls, malformedResponse, tooLarge, cancelled, config, io, usage
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    public var status: Int?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, status: Int? = nil) {
        self.kind = kind; self.message = message; self.hint = hint; self.status = status
    }

    /// The one-line form, "message — hint": dialogs and the status line use it; the CLI prints
    /// message and hint on lines of their own (`error:` / `hint:`).
    public var description: String { hint.map { "\(message) — \($0)" } ?? message }
}
