import Foundation
import InfisicalModels

/// The Infisical error body `{reqId, statusCode, message, error}`; `message` is an array of zod
/// issues on 422 (`[{code, path:[…], message}]`), shown as "path: message" for the first few.
struct ServerErrorBody: Decodable {
    var statusCode: Int?
    var message: String?
    var error: String?
    var reqId: String?

    enum CodingKeys: String, CodingKey { case statusCode, message, error, reqId }
    static let maxIssuesShown = 3

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = try? c.decode(Int.self, forKey: .statusCode)
        error = try? c.decode(String.self, forKey: .error)
        reqId = try? c.decode(String.self, forKey: .reqId)
        if let s = try? c.decode(String.self, forKey: .message) { message = s }
        else if let a = try? c.decode([JSONValue].self, forKey: .message) {
            let issues = a.compactMap { issue -> String? in
                if let s = issue.stringValue { return s }
                let path: String = {
                    if case .array(let p)? = issue["path"] { return p.compactMap(\.stringValue).joined(separator: ".") }
                    return ""
                }()
                guard let m = issue["message"]?.stringValue else { return nil }
                return path.isEmpty ? m : "\(path): \(m)"
            }
            let shown = issues.prefix(Self.maxIssuesShown).joined(separator: "; ")
            message = issues.count > Self.maxIssuesShown ? shown + " (and \(issues.count - Self.maxIssuesShown) more)" : shown
        }
    }
}

/// What a request was about, so a failure can be phrased in the user's terms. Every field is
/// optional; the mapper falls back to the server's own text.
public struct ErrorContext: Sendable {
    /// e.g. "no DATABASE_URL in dev at /database"
    public var notFound: String?
    public var notFoundHint: String?
    /// Used instead of `notFound` when the server says the folder itself is missing
    /// (404 "Folder with path … not found" / `SecretPathNotFound`), e.g. "no folder /x in dev of store".
    public var folderNotFound: String?
    /// Used when the server says the environment is unknown (404 "Environment with slug … not found").
    public var environmentNotFound: String?
    /// Project slug/name for permission messages.
    public var project: String?
    /// What a 403 stopped, as a verb phrase: "cannot read secrets in dev at /db".
    public var denied: String?
    /// The same when the server's text says it was about reading values ("readValue",
    /// "permission to view secret value"): "cannot read values of secrets in dev at /db".
    public var deniedValue: String?
    /// 400 "Secret already exist(s)" phrased for the user: "KEY already exists in dev at /db".
    public var conflict: String?
    public init(notFound: String? = nil, notFoundHint: String? = nil, folderNotFound: String? = nil, project: String? = nil,
                denied: String? = nil, deniedValue: String? = nil, conflict: String? = nil) {
        self.notFound = notFound; self.notFoundHint = notFoundHint; self.folderNotFound = folderNotFound
        self.project = project; self.denied = denied; self.deniedValue = deniedValue; self.conflict = conflict
    }

    /// The usual context of a request scoped to project/environment/path.
    static func scoped(project: String, environment: String, path: String) -> ErrorContext {
        var c = ErrorContext(folderNotFound: "no folder \(path) in \(environment) of \(project)", project: project)
        c.environmentNotFound = "no environment '\(environment)' in \(project)"
        return c
    }
}

enum ErrorMapper {
    static let readValueHint = "list without --reveal to see names only, or ask a project admin for read-value access"

    /// `route` is "METHOD /api/path" (no query), used when the server lacks the route.
    static func map(status: Int, body: Data, headers: [String: String], origin: String, route: String = "",
                    context: ErrorContext) -> InfisicalError {
        let parsed = try? TolerantJSON.decode(ServerErrorBody.self, from: body)
        // Server text is untrusted and ends up on a terminal: control characters made visible.
        let serverMessage = TerminalText.escape(oneLine(parsed?.message ?? "")).trimmingCharacters(in: .whitespaces)
        let lower = serverMessage.lowercased()
        let name = parsed?.error ?? ""
        // Infisical always answers errors with a JSON body; anything else (HTML from a proxy, an
        // empty body) did not come from its API, so the request's own meaning does not apply.
        let fromAPI = parsed != nil && (parsed?.message != nil || parsed?.error != nil)
        switch status {
        case 401:
            if lower.contains("invalid credentials") || lower.contains("client secret") {
                return InfisicalError(.unauthorized, "login refused: \(serverMessage.isEmpty ? "invalid credentials" : serverMessage)",
                                      hint: "check INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/_SECRET", status: 401)
            }
            return InfisicalError(.tokenExpired, "session expired or revoked" + (serverMessage.isEmpty ? "" : " (\(serverMessage))"),
                                  hint: "run `infisical-tui login` again", status: 401)
        case 403 where name == "TokenError":
            return InfisicalError(.tokenExpired, "session expired", hint: "run `infisical-tui login` again", status: 403)
        case 403:
            if lower.contains("service token has expired") {
                return InfisicalError(.tokenExpired, "the service token has expired", hint: "create a new token in Infisical", status: 403)
            }
            if !fromAPI {
                return InfisicalError(.permissionDenied, "\(origin) refused \(route.isEmpty ? "the request" : route) (HTTP 403, not an Infisical answer)",
                                      hint: "a proxy or firewall may be in the way; check --domain", status: 403)
            }
            // Not the error *name* (it varies: PermissionDenied, ForbiddenReadSecretError, …): the
            // text says whether reading values was the problem.
            let aboutValues = lower.contains("value")
            if let phrase = (aboutValues ? context.deniedValue : nil) ?? context.denied {
                let who = context.project.map { "your role in \($0)" } ?? "your role"
                return InfisicalError(.permissionDenied, "\(who) \(phrase)",
                                      hint: aboutValues && context.deniedValue != nil ? readValueHint : "ask a project admin for access",
                                      status: 403)
            }
            let what = context.project.map { "in \($0)" } ?? "here"
            return InfisicalError(.permissionDenied,
                                  "permission denied \(what)" + (serverMessage.isEmpty ? "" : ": \(serverMessage)"),
                                  hint: "ask a project admin", status: 403)
        case 404 where !fromAPI || (lower.hasPrefix("route ") && lower.hasSuffix(" not found")):
            // Fastify's stock body for an unmatched route (no reqId), or no JSON at all: the server
            // lacks this API, nothing is "missing".
            return unsupported(route: route, serverMessage: serverMessage, origin: origin)
        case 404:
            let folderMissing = name == "SecretPathNotFound" || (lower.hasPrefix("folder ") && lower.contains("not found"))
            if lower.hasPrefix("environment") && lower.contains("not found"), let env = context.environmentNotFound {
                return InfisicalError(.notFound, env, hint: "check --env (see `infisical-tui projects` for the environments)", status: 404)
            }
            if folderMissing, let f = context.folderNotFound ?? context.notFound {
                return InfisicalError(.notFound, f, hint: "check --path and --env (folder names are case-sensitive)", status: 404)
            }
            if let nf = context.notFound {
                return InfisicalError(.notFound, nf, hint: context.notFoundHint ?? "check --env/--path or .infisical.json", status: 404)
            }
            return InfisicalError(.notFound, serverMessage.isEmpty ? "not found" : serverMessage,
                                  hint: "check --projectId/--env/--path or .infisical.json", status: 404)
        case 400 where lower.hasPrefix("secret already exist"):
            // "Secret already exists" (current) / "Secret already exist" (older servers, batch form).
            return InfisicalError(.badRequest, context.conflict ?? "the secret already exists",
                                  hint: "edit the existing secret instead, or choose another name", status: 400)
        case 400 where lower.contains("missing") && lower.contains("environment"):
            return InfisicalError(.badRequest, "the server needs an environment for this request (\(serverMessage))",
                                  hint: "pass --env or set INFISICAL_ENVIRONMENT (or defaultEnvironment in .infisical.json)", status: 400)
        case 422, 400:
            return InfisicalError(status == 422 ? .validation : .badRequest,
                                  "the server rejected the request: \(serverMessage.isEmpty ? "HTTP \(status)" : serverMessage)",
                                  hint: "check the arguments", status: status)
        case 429:
            let wait = headers["retry-after"].map { " (retry after \(TerminalText.escape(oneLine($0))) s)" } ?? ""
            return InfisicalError(.rateLimited, "\(origin) is rate limiting requests\(wait)",
                                  hint: "wait a moment and try again", status: 429)
        case 500...599:
            return InfisicalError(.server, "\(origin) failed with HTTP \(status)" + (serverMessage.isEmpty ? "" : " (\(serverMessage))"),
                                  hint: "try again later; if it persists, check the server's logs", status: status)
        case 300...399:
            let loc = headers["location"].map { " to \(TerminalText.escape(CurlTransport.originOnly($0)))" } ?? ""
            return InfisicalError(.config, "\(origin) redirected\(loc); not following it",
                                  hint: "use the final URL in --domain / INFISICAL_DOMAIN", status: status)
        default:
            return InfisicalError(.server, "unexpected HTTP \(status) from \(origin)" + (serverMessage.isEmpty ? "" : ": \(serverMessage)"),
                                  hint: "check --domain / INFISICAL_DOMAIN", status: status)
        }
    }

    /// "this server does not support GET /api/v4/secrets" — from our own route, else from
    /// Fastify's "Route GET:/api/…?… not found" (query dropped: it is noise and may hold names).
    static func unsupported(route: String, serverMessage: String, origin: String) -> InfisicalError {
        var what = route
        if what.isEmpty, serverMessage.lowercased().hasPrefix("route ") {
            let inner = serverMessage.dropFirst("Route ".count).dropLast(" not found".count)
            let noQuery = inner.split(separator: "?", maxSplits: 1).first.map(String.init) ?? String(inner)
            what = noQuery.replacingOccurrences(of: ":/", with: " /")
        }
        return InfisicalError(.server, "this server (\(origin)) does not support \(what.isEmpty ? "this request" : what)",
                              hint: "is it an Infisical server? check --domain", status: 404)
    }

    static func malformed(_ origin: String, path: String) -> InfisicalError {
        InfisicalError(.malformedResponse, "\(origin) sent a response that is not the expected JSON (\(path))",
                       hint: "check that --domain points at an Infisical server")
    }
}
