import Foundation
import GRDB

/// Shared state of the running server, handed to every route group.
final class ServerContext: Sendable {
    let db: any DatabaseWriter
    let auth: Authenticator
    let tokenTTL: Int
    let org: Org
    let userTokenTTL: Int
    let userRefreshTTL: Int
    let mfaLockSeconds: Int
    let versionsUserOnly: Bool

    struct Org: Sendable { var id, name, slug: String }

    init(db: any DatabaseWriter, signer: TokenSigner, tokenTTL: Int, org: Org, userTokenTTL: Int = 600,
         userRefreshTTL: Int = 864_000, mfaLockSeconds: Int = 300, versionsUserOnly: Bool = false) {
        self.db = db
        self.auth = Authenticator(signer: signer, db: db)
        self.tokenTTL = tokenTTL
        self.org = org
        self.userTokenTTL = userTokenTTL
        self.userRefreshTTL = userRefreshTTL
        self.mfaLockSeconds = mfaLockSeconds
        self.versionsUserOnly = versionsUserOnly
    }

    /// The caller's project, its role there, and (optionally) an environment.
    struct Scope: Sendable {
        var caller: Caller
        var project: ProjectRow
        var role: String
        var env: EnvRow?

        func require(_ action: Permissions.Action, _ subject: Permissions.Subject) throws {
            try Permissions.require(role: role, action, subject, environment: env?.slug)
        }
    }

    /// Project by id (or slug when `slug` is given), membership check, optional env by slug.
    func scope(_ input: RequestInput, caller: Caller, projectId: String?, projectSlug: String? = nil,
               environment: String? = nil) async throws -> Scope {
        try await db.read { db in
            let project: ProjectRow?
            if let projectId, !projectId.isEmpty {
                project = try Store.project(db, id: projectId)
                guard project != nil else { throw APIError.notFound("Project with ID '\(projectId)' not found") }
            } else if let projectSlug, !projectSlug.isEmpty {
                project = try Store.project(db, slug: projectSlug)
                guard project != nil else { throw APIError.notFound("Project with slug '\(projectSlug)' not found") }
            } else {
                throw APIError.badRequest("Missing project id or environment")
            }
            guard let project else { throw APIError.internalError() }
            guard let role = try Store.projectRole(db, caller: caller, projectId: project.id) else {
                throw APIError(status: 403, name: "ForbiddenError",
                               message: "\(caller.kind == .user ? "User" : "Identity") is not a member of the project '\(project.slug)'")
            }
            var scope = Scope(caller: caller, project: project, role: role, env: nil)
            if let environment {
                guard let env = try Store.environment(db, projectId: project.id, slug: environment) else {
                    throw APIError.notFound("Environment with slug '\(environment)' in project with ID '\(project.id)' not found")
                }
                scope.env = env
            }
            return scope
        }
    }
}
