import Foundation
import InfisicalModels
import XCTest

/// `secrets rollback` and `secrets versions` through the real binary against the real dev server:
/// a staging rollback writes a new version carrying the old value (read back over the API), never
/// printing it; production needs --allow-production; a viewer is refused before anything is
/// written; a machine identity against `--versions-user-only` is told plainly why.
final class RollbackCLITests: XCTestCase {
    let store = ["--projectId", "opticworks-store"]

    func get(_ cli: CLI, _ key: String, env: String, path: String) throws -> (value: String, version: Int) {
        let r = try cli.run(["secrets", "get", key, "--json", "--env", env, "--path", path] + store)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
        let s = try XCTUnwrap(rows.first, r.stdout)
        return (try XCTUnwrap(s["value"] as? String, r.stdout), try XCTUnwrap(s["version"] as? Int, r.stdout))
    }

    func testStagingRollbackWritesANewVersionWithTheOldValueAndNeverPrintsIt() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let dev = try CLI(server: server, role: "developer"); defer { dev.cleanup() }
        let admin = try CLI(server: server, role: "admin"); defer { admin.cleanup() }
        let before = try get(admin, "STRIPE_SECRET_KEY", env: "staging", path: "/stripe")
        XCTAssertEqual(before.version, 3, "the seed's staging history: two older versions")
        let r = try dev.run(["secrets", "rollback", "STRIPE_SECRET_KEY", "--version", "1", "--env", "staging", "--path", "/stripe"] + store)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "rolled back STRIPE_SECRET_KEY in staging at /stripe: the value of version 1 is now version 4 (was 3)\n")
        let after = try get(admin, "STRIPE_SECRET_KEY", env: "staging", path: "/stripe")
        XCTAssertEqual(after.version, 4)
        XCTAssertEqual(after.value, "sk_test_demo_staging_OLD_v1")
        for text in [r.stdout, r.stderr] {
            XCTAssertFalse(text.contains("sk_test"), "no value is printed: \(text)")
        }
        // The history keeps every step: v3 (the value rolled away from) is still there.
        let v = try admin.run(["secrets", "versions", "STRIPE_SECRET_KEY", "--reveal", "--json", "--env", "staging", "--path", "/stripe"] + store)
        XCTAssertEqual(v.status, 0, v.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(v.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["version"] as? Int }, [4, 3, 2, 1])
        XCTAssertEqual(rows.first?["value"] as? String, "sk_test_demo_staging_OLD_v1")
        XCTAssertEqual(rows[1]["value"] as? String, before.value)
        XCTAssertEqual(rows.first?["actor"] as? String, server.identity("developer").name, "who: the identity that rolled back")

        // JSON: versions only.
        let j = try dev.run(["secrets", "rollback", "STRIPE_SECRET_KEY", "--version", "3", "--json", "--env", "staging", "--path", "/stripe"] + store)
        XCTAssertEqual(j.status, 0, j.stderr)
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(obj["restoredVersion"] as? Int, 3)
        XCTAssertEqual(obj["newVersion"] as? Int, 5)
        XCTAssertEqual(obj["previousVersion"] as? Int, 4)
        XCTAssertFalse(j.stdout.contains("sk_test"))
        XCTAssertEqual(try get(admin, "STRIPE_SECRET_KEY", env: "staging", path: "/stripe").value, before.value)
    }

    func testVersionsThatCannotBeRestoredAreNamed() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let dev = try CLI(server: server, role: "developer"); defer { dev.cleanup() }
        let args = ["--env", "staging", "--path", "/stripe"] + store
        let current = try dev.run(["secrets", "rollback", "STRIPE_SECRET_KEY", "--version", "3"] + args)
        XCTAssertEqual(current.status, 1)
        XCTAssertTrue(current.stderr.contains("v3 is already the current version of STRIPE_SECRET_KEY"), current.stderr)
        let future = try dev.run(["secrets", "rollback", "STRIPE_SECRET_KEY", "--version", "9"] + args)
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.stderr.contains("STRIPE_SECRET_KEY has no version 9 (the current one is v3)"), future.stderr)
        let zero = try dev.run(["secrets", "rollback", "STRIPE_SECRET_KEY", "--version", "0"] + args)
        XCTAssertEqual(zero.status, 2, zero.stderr)
        let missing = try dev.run(["secrets", "rollback", "NO_SUCH_KEY", "--version", "1"] + args)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("NO_SUCH_KEY"), missing.stderr)
    }

    func testProductionNeedsAllowProductionAndAViewerIsRefused() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let admin = try CLI(server: server, role: "admin"); defer { admin.cleanup() }
        let viewer = try CLI(server: server, role: "viewer"); defer { viewer.cleanup() }
        let prod = ["--env", "prod", "--path", "/database"] + store
        let before = try get(admin, "DATABASE_URL", env: "prod", path: "/database")
        XCTAssertEqual(before.version, 3)
        let refused = try admin.run(["secrets", "rollback", "DATABASE_URL", "--version", "1"] + prod)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("refusing to change secrets in prod of opticworks-store"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--allow-production"), refused.stderr)
        XCTAssertEqual(try get(admin, "DATABASE_URL", env: "prod", path: "/database").version, 3, "nothing written")

        let staging = ["--env", "staging", "--path", "/stripe"] + store
        let v = try viewer.run(["secrets", "rollback", "STRIPE_SECRET_KEY", "--version", "1"] + staging)
        XCTAssertEqual(v.status, 1)
        XCTAssertTrue(v.stderr.contains("cannot roll back STRIPE_SECRET_KEY in staging: viewer role: read only"), v.stderr)
        XCTAssertEqual(try get(admin, "STRIPE_SECRET_KEY", env: "staging", path: "/stripe").version, 3, "nothing written")

        let allowed = try admin.run(["secrets", "rollback", "DATABASE_URL", "--version", "1", "--allow-production"] + prod)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        let after = try get(admin, "DATABASE_URL", env: "prod", path: "/database")
        XCTAssertEqual(after.version, 4)
        XCTAssertTrue(after.value.contains("prod_demo_pw_OLD_1a2b"), "v1 of the seed's prod history")
        XCTAssertFalse(allowed.stdout.contains("postgres://"))
    }

    /// Infisical refuses machine identities on the versions route: the CLI says so in words, and
    /// still lists what it could read one by one. A person's login gets the route (and who).
    func testMachineIdentityAgainstVersionsUserOnlyIsToldPlainly() throws {
        let server = try DevServerFixture(extraArgs: ["--versions-user-only"]); defer { server.stop() }
        let dev = try CLI(server: server, role: "developer"); defer { dev.cleanup() }
        let args = ["secrets", "versions", "STRIPE_SECRET_KEY", "--env", "staging", "--path", "/stripe"] + store
        let r = try dev.run(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("note: " + VersionHistoryRules.personLoginNeeded + "; read 3 version(s) one by one instead"), r.stderr)
        XCTAssertTrue(r.stdout.contains("VERSION"), r.stdout)

        // A person: no note, the versions route answers with who wrote each version.
        var person = try CLI(server: server, role: nil); defer { person.cleanup() }
        person.env["INFISICAL_DOMAIN"] = nil
        let login = try person.run(["login", "--domain", server.url, "--email", "jonas.weber@optic.works", "--password", "-"],
                                   stdin: Data("demo-developer-pass\n".utf8))
        XCTAssertEqual(login.status, 0, login.stdout + login.stderr)
        let p = try person.run(args + ["--json"])
        XCTAssertEqual(p.status, 0, p.stderr)
        XCTAssertFalse(p.stderr.contains("person login"), p.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as? [[String: Any]], p.stdout)
        XCTAssertEqual(rows.compactMap { $0["version"] as? Int }, [3, 2, 1])
        XCTAssertEqual(rows.first?["actor"] as? String, "Jonas Weber")
    }
}
