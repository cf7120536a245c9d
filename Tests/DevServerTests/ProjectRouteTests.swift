import Foundation
import XCTest

/// §4 projects + environments (current and deprecated workspace forms), §9 roles/memberships.
final class ProjectRouteTests: DevServerTestCase {
    static let demoSlugs: Set<String> = ["opticworks-store", "hardwareos", "presence-engine", "infrastructure"]

    func assertProjectShape(_ p: JSON?, file: StaticString = #filePath, line: UInt = #line) {
        guard let p else { return XCTFail("missing project", file: file, line: line) }
        for f in ["id", "_id", "name", "slug", "type", "orgId"] {
            XCTAssertNotNil(p[f]?.string, "project.\(f) in \(p)", file: file, line: line)
        }
        XCTAssertEqual(p["id"], p["_id"], file: file, line: line)
        XCTAssertEqual(p["type"]?.string, "secret-manager", file: file, line: line)
        XCTAssertTrue(ISODate.isValid(p["createdAt"]?.string), "createdAt", file: file, line: line)
        XCTAssertTrue(ISODate.isValid(p["updatedAt"]?.string), "updatedAt", file: file, line: line)
        let envs = p["environments"]?.array ?? []
        XCTAssertEqual(envs.compactMap { $0["slug"]?.string }, ["dev", "staging", "prod"], file: file, line: line)
        XCTAssertEqual(envs.compactMap { $0["name"]?.string }, ["Development", "Staging", "Production"], file: file, line: line)
        XCTAssertEqual(envs.compactMap { $0["id"]?.string }.count, 3, "environment ids", file: file, line: line)
    }

    func testListProjectsEveryRoleSeesTheFourDemoProjects() throws {
        for role in ["viewer", "developer", "admin", "owner"] {
            let r = try call("GET", "/api/v1/projects", as: role)
            guard assertStatus(r, 200, role) else { continue }
            let projects = r.json?["projects"]?.array ?? []
            XCTAssertEqual(Set(projects.compactMap { $0["slug"]?.string }), Self.demoSlugs, role)
            projects.forEach { assertProjectShape($0) }
        }
    }

    func testIncludeRolesAddsRoles() throws {
        let r = try call("GET", "/api/v1/projects", query: [("includeRoles", "true")])
        guard assertStatus(r, 200) else { return }
        for p in r.json?["projects"]?.array ?? [] { XCTAssertNotNil(p["roles"]?.array, "roles[] with includeRoles=true") }
    }

    func testTypeFilter() throws {
        XCTAssertEqual(try call("GET", "/api/v1/projects", query: [("type", "secret-manager")]).json?["projects"]?.array?.count, 4)
        XCTAssertEqual(try call("GET", "/api/v1/projects", query: [("type", "kms")]).json?["projects"]?.array?.count, 0)
    }

    func testGetByIdBySlugAndDeprecatedWorkspaceForms() throws {
        let id = try projectId("hardwareos")
        let byId = try call("GET", "/api/v1/projects/\(id)")
        assertStatus(byId, 200); assertProjectShape(byId.json?["project"])
        XCTAssertEqual(byId.json?["project"]?["slug"]?.string, "hardwareos")

        let bySlug = try call("GET", "/api/v1/projects/slug/hardwareos", as: "viewer")
        assertStatus(bySlug, 200); assertProjectShape(bySlug.json)   // bare object, no wrapper
        XCTAssertEqual(bySlug.json?["id"]?.string, id)

        let ws = try call("GET", "/api/v1/workspace", as: "developer")
        assertStatus(ws, 200)
        XCTAssertEqual(Set((ws.json?["workspaces"]?.array ?? []).compactMap { $0["slug"]?.string }), Self.demoSlugs)

        let one = try call("GET", "/api/v1/workspace/\(id)")
        assertStatus(one, 200); assertProjectShape(one.json?["workspace"])
        XCTAssertEqual(one.json?["workspace"]?["id"]?.string, id)
    }

    func testUnknownProjectIs404() throws {
        assertError(try call("GET", "/api/v1/projects/\(UUID().uuidString)"), 404, error: "NotFound")
        assertError(try call("GET", "/api/v1/projects/slug/no-such-project"), 404, error: "NotFound")
        assertError(try call("GET", "/api/v1/workspace/\(UUID().uuidString)"), 404, error: "NotFound")
    }

    func testIdentityMembershipsShowTheRoleSlugPerProject() throws {
        let expected = ["viewer": "viewer", "developer": "member", "admin": "admin", "owner": "admin"]
        for (role, slug) in expected {
            let identityId = try XCTUnwrap(jwtPayload(try server.token(role))?["identityId"]?.string)
            let r = try call("GET", "/api/v1/identities/\(identityId)/identity-memberships", as: role)
            guard assertStatus(r, 200, role) else { continue }
            let ms = r.json?["identityMemberships"]?.array ?? []
            XCTAssertEqual(ms.count, 4, "\(role) is a member of all four demo projects")
            for m in ms {
                XCTAssertEqual(m["identityId"]?.string, identityId)
                XCTAssertEqual(m["roles"]?[0]?["role"]?.string, slug, "\(role) → \(slug) in \(m)")
                XCTAssertNotNil(m["project"]?["id"]?.string); XCTAssertNotNil(m["project"]?["name"]?.string)
            }
        }
    }

    /// §9 per-project route: any member reads one identity's membership of that project (both
    /// spellings); an identity that is not a member is 404, a caller outside the project 403.
    func testPerProjectIdentityMembershipRoute() throws {
        let id = try projectId()
        let expected = ["viewer": "viewer", "developer": "member", "admin": "admin", "owner": "admin"]
        for (role, slug) in expected {
            let identityId = try XCTUnwrap(jwtPayload(try server.token(role))?["identityId"]?.string)
            for path in ["/api/v1/projects/\(id)/identity-memberships/\(identityId)",
                         "/api/v2/workspace/\(id)/identity-memberships/\(identityId)"] {
                let r = try call("GET", path, as: "viewer")
                guard assertStatus(r, 200, "\(role) \(path)") else { continue }
                let m = r.json?["identityMembership"]
                XCTAssertEqual(m?["identityId"]?.string, identityId)
                XCTAssertEqual(m?["roles"]?[0]?["role"]?.string, slug, "\(role) → \(slug)")
                XCTAssertEqual(m?["identity"]?["id"]?.string, identityId)
            }
        }
        let outsider = try XCTUnwrap(jwtPayload(try server.token("none"))?["identityId"]?.string)
        assertError(try call("GET", "/api/v1/projects/\(id)/identity-memberships/\(outsider)", as: "admin"), 404, error: "NotFound")
        let admin = try XCTUnwrap(jwtPayload(try server.token("admin"))?["identityId"]?.string)
        XCTAssertEqual(try call("GET", "/api/v1/projects/\(id)/identity-memberships/\(admin)", as: "none").status, 403)
    }

    func testPermissionsRouteIsUserOnlyAndRolesCatalogueIsReadable() throws {
        let id = try projectId()
        let perm = try call("GET", "/api/v1/projects/\(id)/permissions", as: "admin")
        XCTAssertEqual(perm.status, 403, "identities cannot call /permissions: \(perm)")
        XCTAssertTrue(perm.json?["error"]?.string?.hasPrefix("Forbidden access to") == true, "wrong token kind error: \(perm)")
        let roles = try call("GET", "/api/v1/projects/\(id)/roles", as: "viewer")
        guard assertStatus(roles, 200) else { return }
        let slugs = Set((roles.json?["roles"]?.array ?? []).compactMap { $0["slug"]?.string })
        XCTAssertTrue(slugs.isSuperset(of: ["admin", "member", "viewer"]), "\(slugs)")
    }

    func testStatusNeedsNoAuth() throws {
        let r = try server.http.send("GET", "/api/status")
        guard assertStatus(r, 200) else { return }
        XCTAssertTrue(ISODate.isValid(r.json?["date"]?.string), "date in \(r)")
        XCTAssertEqual(r.json?["message"]?.string, "Ok")
    }
}
