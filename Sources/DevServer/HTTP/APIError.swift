import Foundation

/// A handled error, rendered as Infisical's `{reqId, statusCode, message, error}` body.
public struct APIError: Error, Sendable {
    public var status: Int
    public var name: String
    public var message: JSON
    public var details: JSON?
    public var headers: [(String, String)] = []
    /// Fastify's stock 404 body for unmatched routes has no reqId.
    public var stockNotFound = false

    public init(status: Int, name: String, message: String, details: JSON? = nil) {
        self.status = status
        self.name = name
        self.message = .string(message)
        self.details = details
    }

    public func body(reqId: String) -> JSON {
        if stockNotFound {
            return .object([("message", message), ("error", .string("Not Found")), ("statusCode", .int(404))])
        }
        var pairs: [(String, JSON)] = [
            ("reqId", .string(reqId)), ("statusCode", .int(status)), ("message", message), ("error", .string(name)),
        ]
        if let details { pairs.append(("details", details)) }
        return .object(pairs)
    }

    // MARK: Common errors

    static func badRequest(_ message: String, name: String = "BadRequest") -> APIError {
        APIError(status: 400, name: name, message: message)
    }
    static func unauthorized(_ message: String) -> APIError {
        APIError(status: 401, name: "UnauthorizedError", message: message)
    }
    static func tokenError(_ message: String) -> APIError {
        APIError(status: 403, name: "TokenError", message: message)
    }
    static func forbiddenKind(_ url: String) -> APIError {
        APIError(status: 403, name: "Forbidden access to \(url)", message: "You are not allowed to access this resource")
    }
    static func notFound(_ message: String, name: String = "NotFound") -> APIError {
        APIError(status: 404, name: name, message: message)
    }
    static func routeNotFound(method: String, path: String) -> APIError {
        var e = APIError(status: 404, name: "Not Found", message: "Route \(method):\(path) not found")
        e.stockNotFound = true
        return e
    }
    static func internalError() -> APIError {
        APIError(status: 500, name: "InternalServerError", message: "Something went wrong")
    }

    /// 422 with zod-style issues: the message is an ARRAY.
    static func validation(_ issues: [ValidationIssue]) -> APIError {
        var e = APIError(status: 422, name: "ValidationFailure", message: "")
        e.message = .array(issues.map(\.json))
        return e
    }
    static func validation(_ issue: ValidationIssue) -> APIError { validation([issue]) }
}

/// One zod-like validation issue.
public struct ValidationIssue: Sendable {
    var code: String
    var path: [String]
    var message: String
    var extra: [(String, JSON)] = []

    var json: JSON {
        .object([("code", .string(code))] + extra + [
            ("path", .array(path.map { .string($0) })), ("message", .string(message)),
        ])
    }

    static func required(_ field: String, expected: String = "string") -> ValidationIssue {
        ValidationIssue(code: "invalid_type", path: [field], message: "Required",
                        extra: [("expected", .string(expected)), ("received", .string("undefined"))])
    }
    static func invalidType(_ field: String, expected: String, received: String) -> ValidationIssue {
        ValidationIssue(code: "invalid_type", path: [field], message: "Expected \(expected), received \(received)",
                        extra: [("expected", .string(expected)), ("received", .string(received))])
    }
    static func invalidEnum(_ field: String, options: [String], received: String) -> ValidationIssue {
        let opts = options.map { "'\($0)'" }.joined(separator: " | ")
        return ValidationIssue(code: "invalid_enum_value", path: [field],
                               message: "Invalid enum value. Expected \(opts), received '\(received)'",
                               extra: [("received", .string(received)), ("options", .array(options.map { .string($0) }))])
    }
    static func custom(_ field: String, _ message: String) -> ValidationIssue {
        ValidationIssue(code: "custom", path: [field], message: message)
    }
}
