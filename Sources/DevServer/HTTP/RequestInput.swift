import Foundation

/// Everything a route handler sees of a request: path params, query, JSON body, headers, caller.
public struct RequestInput: Sendable {
    public var method: String
    public var path: String          // normalized (no trailing slash), still percent-encoded
    public var rawURL: String        // as received (path + query), for "Forbidden access to <url>"
    public var params: [String: String] = [:]
    public var query: [String: String]
    public var body: JSON?
    public var authorization: String?
    /// Old API keys: Infisical answers them with 400 instead of treating the call as anonymous.
    public var legacyAPIKey: Bool = false
    public var userAgent: String
    public var ipAddress: String
    public var reqId: String
    /// Fields of an `application/x-www-form-urlencoded` body (the browser login page).
    public var form: [String: String] = [:]
    /// Request cookies (`jid` carries a user's refresh token).
    public var cookies: [String: String] = [:]
    public var origin: String? = nil
    /// `If-None-Match`, for handlers that answer 304 from a version stamp without rendering.
    public var ifNoneMatch: String? = nil

    // MARK: Query access

    func q(_ name: String) -> String? { query[name] }

    /// Query value that must be present and non-empty (zod `z.string()`), else 422.
    func requiredQuery(_ name: String) throws -> String {
        guard let v = query[name] else { throw APIError.validation(.required(name)) }
        return v.trimmingCharacters(in: .whitespaces)
    }

    /// Strict `"true"`/`"false"` boolean (Infisical's `convertStringBoolean`); anything else → 422.
    func strictBool(_ name: String, default def: Bool) throws -> Bool {
        guard let v = query[name] else { return def }
        switch v {
        case "true": return true
        case "false": return false
        default: throw APIError.validation(.invalidEnum(name, options: ["true", "false"], received: v))
        }
    }

    /// Lenient boolean used by the folder routes: any non-empty string other than "false"/"0" is true.
    func lenientBool(_ name: String, default def: Bool) -> Bool {
        guard let v = query[name], !v.isEmpty else { return def }
        return !(v.lowercased() == "false" || Double(v) == 0)
    }

    func intQuery(_ name: String, default def: Int?, min: Int = 0, max: Int? = nil) throws -> Int? {
        guard let v = query[name] else { return def }
        guard let n = Int(v.trimmingCharacters(in: .whitespaces)) else {
            throw APIError.validation(.invalidType(name, expected: "number", received: "nan"))
        }
        if n < min {
            throw APIError.validation(ValidationIssue(code: "too_small", path: [name],
                message: "Number must be greater than or equal to \(min)", extra: [("minimum", .int(min))]))
        }
        if let max, n > max {
            throw APIError.validation(ValidationIssue(code: "too_big", path: [name],
                message: "Number must be less than or equal to \(max)", extra: [("maximum", .int(max))]))
        }
        return n
    }

    // MARK: Body access (falls back to the query string, so DELETE with query params also works)

    func field(_ name: String) -> JSON? {
        if let v = body?[name], !v.isNull { return v }
        return nil
    }

    func bodyString(_ name: String) throws -> String? {
        guard let v = field(name) else { return nil }
        guard case let .string(s) = v else {
            throw APIError.validation(.invalidType(name, expected: "string", received: v.typeName))
        }
        // SQLite's text binding stops at NUL (the rest would be lost silently); Infisical's
        // Postgres refuses NUL in text too. Say so instead.
        if s.unicodeScalars.contains("\u{0}") {
            throw APIError.badRequest("\(name) contains a NUL character, which cannot be stored")
        }
        return s
    }

    func requiredBodyString(_ name: String) throws -> String {
        guard let s = try bodyString(name) else { throw APIError.validation(.required(name)) }
        return s
    }

    /// A body field, or the same-named query parameter (for DELETE with query params).
    func bodyOrQuery(_ name: String) throws -> String? {
        if let s = try bodyString(name) { return s }
        return query[name]
    }

    func bodyBool(_ name: String) throws -> Bool? {
        guard let v = field(name) else { return nil }
        guard case let .bool(b) = v else {
            throw APIError.validation(.invalidType(name, expected: "boolean", received: v.typeName))
        }
        return b
    }

    func bodyInt(_ name: String) throws -> Int? {
        guard let v = field(name) else { return nil }
        guard let i = v.intValue else {
            throw APIError.validation(.invalidType(name, expected: "number", received: v.typeName))
        }
        return i
    }

    func bodyStringArray(_ name: String) throws -> [String]? {
        guard let v = field(name) else { return nil }
        guard let arr = v.arrayValue else {
            throw APIError.validation(.invalidType(name, expected: "array", received: v.typeName))
        }
        return try arr.map {
            guard let s = $0.stringValue else { throw APIError.validation(.invalidType(name, expected: "string", received: $0.typeName)) }
            return s
        }
    }

    // MARK: Parsing helpers

    /// `a=1&b=x+y%20z` → dictionary (first occurrence wins; `+` is a space as browsers and requests send it).
    static func parseQuery(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(String(kv[0]))
            let value = kv.count > 1 ? decode(String(kv[1])) : ""
            if out[key] == nil { out[key] = value }
        }
        return out
    }

    /// `Cookie: a=1; jid=xyz` (all Cookie headers) → dictionary; first occurrence wins.
    static func parseCookies(_ headers: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for header in headers {
            for part in header.split(separator: ";") {
                let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard kv.count == 2 else { continue }
                let key = kv[0].trimmingCharacters(in: .whitespaces)
                if out[key] == nil { out[key] = kv[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return out
    }

    static func decode(_ s: String) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension JSON {
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
