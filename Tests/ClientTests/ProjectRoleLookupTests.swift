import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Contract §9: an identity's role comes from the per-project membership route first. A server
/// that refuses the organization-wide list (as Infisical does for an identity without the org
/// permission to read identities) still yields the role — the TUI's status bar and its edit keys
/// depend on it.
final class ProjectRoleLookupTests: XCTestCase {
    var fake: FakeInfisical!
    override func setUpWithError() throws { fake = try FakeInfisical() }
    override func tearDown() { fake?.stop() }

    static func projectMembership(role: String) -> String {
        #"{"identityMembership":{"id":"m1","identityId":"ident-1","projectId":"p1","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","roles":[{"id":"r1","role":"\#(role)","customRoleId":null,"customRoleName":null,"customRoleSlug":null,"isTemporary":false}],"identity":{"id":"ident-1","name":"ci-bot","authMethods":["universal-auth"]}}}"#
    }

    func testPerProjectRouteAloneGivesTheRole() throws {
        fake.on("GET", "/api/v1/projects/p1/identity-memberships/ident-1") { _ in .init(body: Self.projectMembership(role: "viewer")) }
        fake.on("GET", "/api/v1/identities/") { _ in Infisical.error(403, "PermissionDenied", "You are not allowed to read on identity") }
        let role = try fake.client().role(projectId: "p1")
        XCTAssertEqual(role?.slug, "viewer")
        XCTAssertEqual(role?.canWrite(environment: "dev"), false, "a viewer is not offered edits")
        XCTAssertEqual(fake.requests("GET", "/api/v1/identities/").count, 0, "the org-wide route is not asked when the per-project one answers")
    }

    func testOlderServersSpellingIsTriedNext() throws {
        fake.on("GET", "/api/v2/workspace/p1/identity-memberships/ident-1") { _ in .init(body: Self.projectMembership(role: "member")) }
        XCTAssertEqual(try fake.client().role(projectId: "p1")?.displayName, "developer")
        XCTAssertEqual(fake.requests("GET", "/api/v1/projects/p1/identity-memberships/ident-1").count, 1, "current spelling first")
    }

    func testFallsBackToTheOrganizationWideRoute() throws {
        // Per-project routes missing (Fastify 404) or refused: the organization-wide list decides.
        fake.on("GET", "/api/v1/projects/p1/identity-memberships/") { _ in Infisical.error(403, "PermissionDenied", "You are not allowed to read on identity") }
        fake.on("GET", "/api/v1/identities/ident-1/identity-memberships") { _ in .init(body: Infisical.memberships(role: "admin")) }
        XCTAssertEqual(try fake.client().role(projectId: "p1")?.slug, "admin")
    }

    func testNoRouteAnswersMeansUnknownNotAnError() throws {
        XCTAssertNil(try fake.client().role(projectId: "p1"))
    }
}
