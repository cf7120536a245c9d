import Foundation
import InfisicalModels

extension InfisicalAPI {
    private struct ProjectsBody: Decodable { var projects: [Project] }
    private struct ProjectBody: Decodable { var project: Project }
    private struct FoldersBody: Decodable { var folders: [Folder] }

    private struct WorkspacesBody: Decodable { var workspaces: [Project] }

    /// `GET /api/v1/projects` (identities and users). Revalidated with ETag. Servers from before
    /// the workspace→project rename only have `GET /api/v1/workspace` (`{workspaces}`), used when
    /// the first route does not exist there.
    public func listProjects(cancel: Cancellation? = nil) throws -> [Project] {
        let projects: [Project]
        do {
            projects = try get(ProjectsBody.self, Call(path: "/api/v1/projects", cacheable: true), cancel: cancel).projects
        } catch let e as InfisicalError where Self.isUnsupportedRoute(e) {
            do {
                projects = try get(WorkspacesBody.self, Call(path: "/api/v1/workspace", cacheable: true), cancel: cancel).workspaces
            } catch let old as InfisicalError where Self.isUnsupportedRoute(old) {
                throw e   // neither: name the current route
            }
        }
        projects.forEach(rememberProject)
        return projects
    }

    /// The server answered "no such route" (Fastify's 404, or no JSON at all).
    static func isUnsupportedRoute(_ e: InfisicalError) -> Bool { e.kind == .server && e.status == 404 }

    /// One project by id (`/projects/{id}`, also works for service tokens) or slug (`/projects/slug/{slug}`).
    /// A value that is not found as an id is tried as a slug, and vice versa.
    public func project(idOrSlug: String, cancel: Cancellation? = nil) throws -> Project {
        if let p = knownProject(idOrSlug) { return p }
        let ctx = ErrorContext(notFound: "no project '\(idOrSlug)'", notFoundHint: "run `infisical-tui projects` to list yours")
        let looksLikeId = idOrSlug.count >= 32 && idOrSlug.contains("-") && idOrSlug.allSatisfy { $0.isHexDigit || $0 == "-" }
        let byId = Call(path: "/api/v1/projects/\(percentEncode(idOrSlug))", cacheable: true, context: ctx)
        let bySlug = Call(path: "/api/v1/projects/slug/\(percentEncode(idOrSlug))", cacheable: true, context: ctx)
        let order = looksLikeId ? [byId, bySlug] : [bySlug, byId]
        do {
            return try projectByRoutes(order, idOrSlug: idOrSlug, cancel: cancel)
        } catch let e as InfisicalError where Self.isUnsupportedRoute(e) {
            // An older server without the project routes: find it in the (workspace) list.
            guard let p = try listProjects(cancel: cancel).first(where: { $0.id == idOrSlug || $0.slug == idOrSlug }) else {
                throw InfisicalError(.notFound, "no project '\(idOrSlug)'", hint: "run `infisical-tui projects` to list yours", status: 404)
            }
            return p
        }
    }

    private func projectByRoutes(_ order: [Call], idOrSlug: String, cancel: Cancellation?) throws -> Project {
        var lastError: InfisicalError?
        for (i, call) in order.enumerated() {
            do {
                let p: Project = call.path.contains("/slug/")
                    ? try get(Project.self, call, cancel: cancel)
                    : try get(ProjectBody.self, call, cancel: cancel).project
                rememberProject(p)
                return p
            } catch let e as InfisicalError where (e.kind == .notFound || e.kind == .validation || e.kind == .badRequest
                                                   || e.kind == .permissionDenied) && i == 0 {
                lastError = e
            }
        }
        throw lastError ?? InfisicalError(.notFound, "no project '\(idOrSlug)'")
    }

    /// Folders directly under `path` (all descendants with `relativePath` when recursive).
    public func listFolders(projectId: String, environment: String, path: String, recursive: Bool = false,
                            cancel: Cancellation? = nil) throws -> [Folder] {
        let call = Call(path: "/api/v2/folders",
                        query: [("projectId", projectId), ("environment", environment), ("path", path),
                                ("recursive", recursive ? "true" : "false")],
                        cacheable: true,
                        context: folderContext(projectId, environment, path))
        return try withRole(projectId) { try get(FoldersBody.self, call, cancel: cancel).folders }
    }

    /// Creates a folder `name` under `path` (Infisical answers 200 with the existing one if present).
    @discardableResult
    public func createFolder(projectId: String, environment: String, path: String, name: String,
                             cancel: Cancellation? = nil) throws -> Folder {
        struct Body: Decodable { var folder: Folder }
        let call = Call(method: "POST", path: "/api/v2/folders",
                        body: ["projectId": .string(projectId), "environment": .string(environment),
                               "path": .string(path), "name": .string(name)],
                        context: folderContext(projectId, environment, path, denied: "cannot create folders in \(environment) at \(path)"))
        let folder = try withRole(projectId) { try get(Body.self, call, cancel: cancel).folder }
        clearCache()
        return folder
    }

    private func folderContext(_ projectId: String, _ environment: String, _ path: String, denied: String? = nil) -> ErrorContext {
        var c = ErrorContext.scoped(project: projectLabel(projectId), environment: environment, path: path)
        c.notFound = "no environment '\(environment)' or path \(path) in \(projectLabel(projectId))"
        c.denied = denied ?? "cannot read folders in \(environment) at \(path)"
        return c
    }

    /// Human label for messages: the slug when known.
    func projectLabel(_ idOrSlug: String) -> String { knownProject(idOrSlug)?.slug ?? idOrSlug }
}
