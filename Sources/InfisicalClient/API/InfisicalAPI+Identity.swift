import Foundation
import InfisicalModels

/// Who the client is acting as (for `whoami` and the status line).
public struct WhoAmI: Sendable, Equatable, Codable {
    public var domain: String
    public var authMethod: String
    public var identityId: String?
    public var identityName: String?
    public var userId: String?
    public var organization: String?
    public var tokenExpiresAt: Date?
}

extension InfisicalAPI {
    private struct MembershipsBody: Decodable {
        struct Membership: Decodable {
            struct RoleRef: Decodable { var role: String; var customRoleSlug: String? }
            struct ProjectRef: Decodable { var id: String; var name: String? }
            struct IdentityRef: Decodable { var name: String? }
            var roles: [RoleRef]?
            var identity: IdentityRef?
            var project: ProjectRef?
        }
        var identityMemberships: [Membership]
    }
    /// `GET /api/v1/projects/{projectId}/identity-memberships/{identityId}` (contract §9).
    private struct ProjectMembershipBody: Decodable {
        struct Membership: Decodable {
            struct RoleRef: Decodable { var role: String; var customRoleSlug: String? }
            var roles: [RoleRef]?
        }
        var identityMembership: Membership
    }
    private struct PermissionsBody: Decodable {
        struct Membership: Decodable { struct R: Decodable { var role: String; var customRoleSlug: String? }; var roles: [R]? }
        struct DataPart: Decodable { var memberships: [Membership]?; var membership: Membership? }
        var data: DataPart
    }
    private struct DetailsBody: Decodable {
        struct D: Decodable { struct O: Decodable { var name: String?; var slug: String? }; var organization: O? }
        var identityDetails: D
    }
    private struct MessageBody: Decodable { var message: String? }

    /// The caller's role in a project: identity memberships for identities (identityId from the
    /// JWT; the per-project route first), the permissions route for user tokens; nil for service
    /// tokens or when unknowable.
    public func role(projectId: String, cancel: Cancellation? = nil) throws -> ProjectRole? {
        let token = try auth.token(using: self, cancel: cancel)
        guard let payload = JWTPayload(token: token) else { return nil }   // service token
        let pid = knownProject(projectId)?.id ?? projectId
        let best = { (roles: [(String, String?)]) -> ProjectRole? in
            // Several roles: report the most capable.
            let rank = ["admin": 3, "member": 2, "viewer": 1]
            let slugs = roles.map { $0.0 == "custom" ? ($0.1 ?? "custom") : $0.0 }
            return slugs.max(by: { (rank[$0] ?? 0) < (rank[$1] ?? 0) }).map(ProjectRole.init(slug:))
        }
        if let identityId = payload.identityId {
            // Contract §9: the per-project membership route first (a project member can usually
            // read it), then its pre-rename spelling, then the organization-wide list (needs an
            // org permission a plain identity often lacks).
            for path in ["/api/v1/projects/\(percentEncode(pid))/identity-memberships/\(percentEncode(identityId))",
                         "/api/v2/workspace/\(percentEncode(pid))/identity-memberships/\(percentEncode(identityId))"] {
                if let body = try optional({ try get(ProjectMembershipBody.self, Call(path: path, cacheable: true), cancel: cancel) }),
                   let role = best((body.identityMembership.roles ?? []).map { ($0.role, $0.customRoleSlug) }) {
                    return role
                }
            }
            let call = Call(path: "/api/v1/identities/\(percentEncode(identityId))/identity-memberships", cacheable: true)
            guard let body = try optional({ try get(MembershipsBody.self, call, cancel: cancel) }) else { return nil }
            guard let m = body.identityMemberships.first(where: { $0.project?.id == pid }) else { return nil }
            return best((m.roles ?? []).map { ($0.role, $0.customRoleSlug) })
        }
        let call = Call(path: "/api/v1/projects/\(percentEncode(pid))/permissions", cacheable: true)
        guard let body = try optional({ try get(PermissionsBody.self, call, cancel: cancel) }) else { return nil }
        let ms = (body.data.memberships ?? []) + (body.data.membership.map { [$0] } ?? [])
        return best(ms.flatMap { ($0.roles ?? []).map { ($0.role, $0.customRoleSlug) } })
    }

    /// A role lookup the server refuses or lacks (403 for identities without the org permission
    /// to read memberships, 404 on servers without the route, 400/422 odd shapes) means "role
    /// unknown", never a failure the user has to see. Session and transport errors still throw.
    private func optional<T>(_ body: () throws -> T) throws -> T? {
        do { return try body() } catch let e as InfisicalError
                  where [.permissionDenied, .notFound, .badRequest, .validation, .malformedResponse].contains(e.kind)
                        || (e.kind == .server && e.status == 404) {
            return nil
        }
    }

    /// Identity, auth method, organization (best effort) and token expiry.
    public func whoami(cancel: Cancellation? = nil) throws -> WhoAmI {
        let token = try auth.token(using: self, cancel: cancel)
        let payload = JWTPayload(token: token)
        var org: String? = nil
        if payload?.identityId != nil,
           let d = try? get(DetailsBody.self, Call(path: "/api/v1/identities/details"), cancel: cancel) {
            org = d.identityDetails.organization?.name ?? d.identityDetails.organization?.slug
        } else if configuration.userSession != nil, let o = try? currentOrganization(cancel: cancel) {
            org = o.name
        }
        let method: String = {
            if let u = configuration.userSession { return u.description }
            if configuration.sessionStore != nil { return "universal auth (stored session)" }
            switch configuration.credentials {
            case .universalAuth?: return configuration.sessionStore != nil ? "universal auth (stored session)" : "universal auth"
            case .some(let c): return c.methodName
            case nil: return "none"
            }
        }()
        var name = payload?.identityName
        if name == nil, let id = payload?.identityId,
           let m = try? get(MembershipsBody.self, Call(path: "/api/v1/identities/\(percentEncode(id))/identity-memberships", cacheable: true), cancel: cancel) {
            name = m.identityMemberships.lazy.compactMap { $0.identity?.name }.first
        }
        return WhoAmI(domain: configuration.domain.absoluteString, authMethod: method,
                      identityId: payload?.identityId, identityName: name, userId: payload?.userId,
                      organization: org, tokenExpiresAt: auth.currentExpiry ?? payload?.expiresAt)
    }

    /// The project a service token is scoped to (`GET /api/v2/service-token` → `workspace`).
    public func serviceTokenProjectId(cancel: Cancellation? = nil) throws -> String {
        struct Body: Decodable { var workspace: String?; var projectId: String? }
        let b = try get(Body.self, Call(path: "/api/v2/service-token", cacheable: true), cancel: cancel)
        guard let id = b.projectId ?? b.workspace else { throw ErrorMapper.malformed(origin, path: "/api/v2/service-token") }
        return id
    }

    /// Universal-auth login now; returns the token and its expiry (used by `login`).
    public func login(cancel: Cancellation? = nil) throws -> CachedToken {
        let (t, exp) = try auth.forceLogin(api: self, cancel: cancel)
        return CachedToken(accessToken: t, expiresAt: exp)
    }

    /// `POST /api/v1/auth/token/revoke` for an identity access token.
    public func revoke(accessToken: String, cancel: Cancellation? = nil) throws {
        _ = try send(Call(method: "POST", path: "/api/v1/auth/token/revoke",
                          body: ["accessToken": .string(accessToken)], authenticated: false), cancel: cancel)
        auth.invalidate()
    }

    /// The token currently held (after login/renew), if any. Never log it.
    public var currentAccessToken: String? { auth.currentToken }

    /// Name to show for the caller: identity name from the JWT, else its id, else the auth method.
    public var identityName: String? {
        guard let t = auth.currentToken, let p = JWTPayload(token: t) else { return nil }
        return p.identityName ?? p.identityId ?? configuration.userSession?.email ?? p.userId
    }
}
