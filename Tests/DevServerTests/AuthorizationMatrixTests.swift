import Foundation
import XCTest

/// Roles as rules: role × environment × operation → status, as a table. Viewer reads only;
/// Developer writes non-production only; Admin and Owner do everything. Forbidden = 403 PermissionDenied.
final class AuthorizationMatrixTests: DevServerTestCase {
    enum Op: String, CaseIterable { case read, create, update, delete }

    //                      dev: R    C    U    D     staging: R C U D         prod: R C U D
    static let table: [String: [String: [Int]]] = [
        "viewer":    ["dev": [200, 403, 403, 403], "staging": [200, 403, 403, 403], "prod": [200, 403, 403, 403]],
        "developer": ["dev": [200, 200, 200, 200], "staging": [200, 200, 200, 200], "prod": [200, 403, 403, 403]],
        "admin":     ["dev": [200, 200, 200, 200], "staging": [200, 200, 200, 200], "prod": [200, 200, 200, 200]],
        "owner":     ["dev": [200, 200, 200, 200], "staging": [200, 200, 200, 200], "prod": [200, 200, 200, 200]],
    ]
    static let envs = ["dev", "staging", "prod"]

    func testTableIsComplete() {
        XCTAssertEqual(Set(Self.table.keys), ["viewer", "developer", "admin", "owner"])
        for (_, row) in Self.table { XCTAssertEqual(Set(row.keys), Set(Self.envs)); row.values.forEach { XCTAssertEqual($0.count, 4) } }
    }

    func testViewer() throws { try runMatrix(role: "viewer") }
    func testDeveloper() throws { try runMatrix(role: "developer") }
    func testAdmin() throws { try runMatrix(role: "admin") }
    func testOwner() throws { try runMatrix(role: "owner") }

    /// Each cell does the operation over HTTP, checks the status, and checks the effect (or its absence)
    /// as the admin sees it afterwards.
    func runMatrix(role: String, project: String = "opticworks-store") throws {
        let pid = try projectId(project)
        for env in Self.envs {
            let expected = Self.table[role]![env]!
            // Fixtures, made by the admin: one to read/update, one to delete.
            let fixture = unique("MX_\(role.uppercased())_\(env.uppercased())"), victim = fixture + "_DEL"
            assertStatus(try createSecret(fixture, "original", env: env, path: "/internal", project: pid), 200, "fixture")
            assertStatus(try createSecret(victim, "doomed", env: env, path: "/internal", project: pid), 200, "fixture")

            for (i, op) in Op.allCases.enumerated() {
                let want = expected[i]
                let cell = "\(role) × \(env) × \(op.rawValue)"
                let r: HTTPResponse
                let newName = fixture + "_NEW"
                switch op {
                case .read: r = try getSecret(fixture, env: env, path: "/internal", as: role, project: pid)
                case .create: r = try createSecret(newName, "new", env: env, path: "/internal", as: role, project: pid)
                case .update: r = try updateSecret(fixture, env: env, path: "/internal", fields: ["secretValue": "changed"], as: role, project: pid)
                case .delete: r = try deleteSecret(victim, env: env, path: "/internal", as: role, project: pid)
                }
                if want == 403 { assertPermissionDenied(r, cell) } else { assertStatus(r, want, cell) }

                // The effect, as the admin sees it.
                switch op {
                case .read:
                    if want == 200 { XCTAssertEqual(r.json?["secret"]?["secretValue"]?.string, "original", cell) }
                    let list = try listSecrets(env: env, path: "/internal", as: role, project: pid, [("viewSecretValue", "false")])
                    assertStatus(list, want, "\(cell) (list)")
                case .create:
                    let g = try getSecret(newName, env: env, path: "/internal", project: pid)
                    XCTAssertEqual(g.status, want == 200 ? 200 : 404, "\(cell): created? \(g)")
                case .update:
                    let g = try getSecret(fixture, env: env, path: "/internal", project: pid)
                    XCTAssertEqual(g.json?["secret"]?["secretValue"]?.string, want == 200 ? "changed" : "original", cell)
                case .delete:
                    let g = try getSecret(victim, env: env, path: "/internal", project: pid)
                    XCTAssertEqual(g.status, want == 200 ? 404 : 200, "\(cell): deleted? \(g)")
                }
            }
        }
    }

    func testMatrixHoldsInAnotherProject() throws {
        // Same rules everywhere: spot-check prod writes in a second project.
        let pid = try projectId("infrastructure")
        assertPermissionDenied(try createSecret(unique("INFRA"), "x", env: "prod", as: "developer", project: pid), "developer prod create")
        assertPermissionDenied(try createSecret(unique("INFRA"), "x", env: "dev", as: "viewer", project: pid), "viewer dev create")
        assertStatus(try createSecret(unique("INFRA"), "x", env: "staging", as: "developer", project: pid), 200)
        assertStatus(try createSecret(unique("INFRA"), "x", env: "prod", as: "owner", project: pid), 200)
    }

    func testDeniedRenameIntoProdLeavesNothingBehind() throws {
        let name = unique("RN_PROD")
        assertStatus(try createSecret(name, "p", env: "prod"), 200)
        assertPermissionDenied(try updateSecret(name, env: "prod", fields: ["newSecretName": name + "_X"], as: "developer"))
        assertStatus(try getSecret(name, env: "prod"), 200)
        assertError(try getSecret(name + "_X", env: "prod"), 404)
    }
}
