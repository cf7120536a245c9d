import Foundation
import InfisicalModels

/// The Infisical error body `{reqId, statusCode, message, error}`; `message` is an array of
/// issues on 422.
struct ServerErrorBody: Decodable {
    var statusCode: Int?
    var message: String?
    var error: String?
    var reqId: String?

    enum CodingKeys: String, CodingKey { case statusCode, message, error, reqId }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = try? c.decode(Int.self, forKey: .statusCode)
        error = try? c.decode(String.self, forKey: .error)
        reqId = try? c.decode(String.self, forKey: .reqId)
        if let s = try? c.decode(String.self, forKey: .message) { message = s }
        else if let a = try? c.decode([JSONValue].self, forKey: .message) {
            message = a.compactMap { issue -> String? in
                let path: String = {
                    if case .array(let p)? = issue["path"] { return p.compactMap(\.stringValue).joined(separator: ".") }
                    return ""
                }()
                guard let m = issue["message"]?.stringValue else { return nil }
                return path.isEmpty ? m : "\(path): \(m)"
            }.joined(separator: "; ")
        }
    }
}

/// What a request was about, so a failure can be phrased in the user's terms.
public struct ErrorContext: Sendable {
    /// e.g. "no DATABASE_URL in dev at /database"
    public var notFound: String?
    public var notFoundHint: String?
    /// Project slug/name for permission messages.
    public var project: String?
    public init(notFound: String? = nil, notFoundHint: String? = nil, project: String? = nil) {
        self.notFound = notFound; self.notFoundHint = notFoundHint; self.project = project
    }
}

enum ErrorMapper {
    static func map(status: Int, body: Data, headers: [String: String], origin: String,
                    context: ErrorContext) -> InfisicalError {
        let parsed = try? JSONDecoder().decode(ServerErrorBody.self, from: body)
        // Server text is untrusted and ends up on a terminal: control characters made visible.
        let serverMessage = TerminalText.escape(oneLine(parsed?.message ?? "")).trimmingCharacters(in: .whitespaces)
        let name = parsed?.error ?? ""
        switch status {
        case 401:
            if serverMessage.lowercased().contains("invalid credentials") || serverMessage.lowercased().contains("client secret") {
                return InfisicalError(.unauthorized, "login refused: \(serverMessage.isEmpty ? "invalid credentials" : serverMessage)",
                                      hint: "check INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET", status: 401)
            }
            return InfisicalError(.tokenExpired, "session expired or revoked" + (serverMessage.isEmpty ? "" : " (\(serverMessage))"),
                                  hint: "run `infisical-tui login` again", status: 401)
        case 403 where name == "TokenError":
            return InfisicalError(.tokenExpired, "session expired", hint: "run `infisical-tui login` again", status: 403)
        case 403:
            let lower = serverMessage.lowercased()
            if lower.contains("service token has expired") {
                return InfisicalError(.tokenExpired, "the service token has expired", hint: "create a new token in Infisical", status: 403)
            }
            let what = context.project.map { "in \($0)" } ?? "here"
            return InfisicalError(.permissionDenied,
                                  "permission denied \(what)" + (serverMessage.isEmpty ? "" : ": \(serverMessage)"),
                                  hint: "ask a project admin", status: 403)
        case 404 where parsed?.reqId == nil && serverMessage.hasPrefix("Route ") && serverMessage.hasSuffix("not found"):
            // Fastify's stock body for an unmatched route: the server lacks this API, nothing is "missing".
            let route = serverMessage.dropFirst("Route ".count).dropLast(" not found".count)
            return InfisicalError(.server, "\(origin) does not support \(route)",
                                  hint: "check that --domain points at a recent Infisical", status: 404)
        case 404:
            if let nf = context.notFound {
                return InfisicalError(.notFound, nf, hint: context.notFoundHint ?? "check --env/--path or .infisical.json", status: 404)
            }
            return InfisicalError(.notFound, serverMessage.isEmpty ? "not found" : serverMessage,
                                  hint: "check --projectId/--env/--path or .infisical.json", status: 404)
        case 422, 400:
            return InfisicalError(status == 422 ? .validation : .badRequest,
                                  "the server rejected the request: \(serverMessage.isEmpty ? "HTTP \(status)" : serverMessage)",
                                  hint: "check the arguments", status: status)
        case 429:
            let wait = headers["retry-after"].map { " (retry after \($0) s)" } ?? ""
            return InfisicalError(.rateLimited, "\(origin) is rate limiting requests\(wait)",
                                  hint: "wait a moment and try again", status: 429)
        case 500...599:
            return InfisicalError(.server, "\(origin) failed with HTTP \(status)" + (serverMessage.isEmpty ? "" : " (\(serverMessage))"),
                                  hint: "try again later; if it persists, check the server's logs", status: status)
        case 300...399:
            let loc = headers["location"].map { " to \(CurlTransport.originOnly($0))" } ?? ""
            return InfisicalError(.config, "\(origin) redirected\(loc); not following it",
                                  hint: "use the final URL in --domain / INFISICAL_DOMAIN", status: status)
        default:
            return InfisicalError(.server, "unexpected HTTP \(status) from \(origin)" + (serverMessage.isEmpty ? "" : ": \(serverMessage)"),
                                  hint: "check --domain / INFISICAL_DOMAIN", status: status)
        }
    }

    static func malformed(_ origin: String, path: String) -> InfisicalError {
        InfisicalError(.malformedResponse, "\(origin) sent a response that is not the expected JSON (\(path))",
                       hint: "check that --domain points at an Infisical server")
    }
}
