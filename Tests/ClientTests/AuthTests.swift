import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Each auth path, the stored session, ETag revalidation and token expiry against the dev server.
final class AuthTests: XCTestCase {
    func uaConfig(_ server: DevServerFixture, _ role: String = "admin") -> ClientConfiguration {
        let i = server.identity(role)
        return ClientConfiguration(domain: URL(string: server.url)!, credentials: .universalAuth(clientId: i.clientId, clientSecret: i.clientSecret))
    }

    func testLoginSessionWhoamiLogout() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        var cli = try CLI(server: server, role: "developer"); defer { cli.cleanup() }
        let login = try cli.run(["login"])
        XCTAssertEqual(login.status, 0, login.stderr)
        XCTAssertTrue(login.stdout.hasPrefix("logged in to \(server.url) as demo-developer"), login.stdout)
        let sessionPath = cli.home.appendingPathComponent("state/infisical-tui/session.json").path
        var st = stat()
        XCTAssertEqual(stat(sessionPath, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(cli.home.appendingPathComponent("state/infisical-tui").path, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o700)
        XCTAssertFalse(login.stdout.contains(server.identity("developer").clientSecret))

        // Without any credentials or domain in the environment, the session is used.
        cli.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"] = nil
        cli.env["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"] = nil
        cli.env["INFISICAL_DOMAIN"] = nil
        let projects = try cli.run(["projects"])
        XCTAssertEqual(projects.status, 0, projects.stderr)
        XCTAssertTrue(projects.stdout.contains("opticworks-store"))
        let who = try cli.run(["whoami", "--json", "--projectId", "opticworks-store"])
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(who.stdout.utf8)) as? [String: Any], who.stderr)
        XCTAssertEqual(o["authMethod"] as? String, "universal auth (stored session)")
        XCTAssertEqual(o["role"] as? String, "developer")
        XCTAssertEqual(o["identityName"] as? String, "demo-developer")

        let session = try XCTUnwrap(try SessionStore(directory: cli.home.appendingPathComponent("state/infisical-tui").path).load())
        let logout = try cli.run(["logout"])
        XCTAssertEqual(logout.status, 0, logout.stderr)
        XCTAssertTrue(logout.stdout.contains("token revoked"), logout.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sessionPath))
        let after = try cli.run(["projects", "--domain", server.url])
        XCTAssertEqual(after.status, 1)
        XCTAssertTrue(after.stderr.hasPrefix("error: no credentials for \(server.url)"), after.stderr)
        // The revoked token no longer works.
        let revoked = try cli.run(["projects", "--domain", server.url], extraEnv: ["INFISICAL_TOKEN": session.accessToken])
        XCTAssertEqual(revoked.status, 1)
        XCTAssertTrue(revoked.stderr.contains("hint: run `infisical-tui login` again"), revoked.stderr)
        XCTAssertEqual(try cli.run(["logout"]).stdout, "not logged in\n")
    }

    func testTokenPrecedenceEndToEnd() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let token = try InfisicalAPI(configuration: uaConfig(server, "viewer")).login().accessToken
        let cli = try CLI(server: server, role: nil); defer { cli.cleanup() }
        var r = try cli.run(["projects"], extraEnv: ["INFISICAL_TOKEN": token])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try cli.run(["projects"], extraEnv: ["INFISICAL_TOKEN": "garbage", "INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN": token])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try cli.run(["projects", "--token", token], extraEnv: ["INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN": "garbage"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try cli.run(["projects"], extraEnv: ["INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN": "garbage", "INFISICAL_TOKEN": token])
        XCTAssertEqual(r.status, 1, "the higher-precedence variable wins even when wrong")
        let who = try cli.run(["whoami", "--json"], extraEnv: ["INFISICAL_TOKEN": token])
        XCTAssertTrue(who.stdout.contains("\"authMethod\" : \"access token\""), who.stdout)
        // Universal auth from flags (the Infisical CLI's names).
        let v = server.identity("viewer")
        r = try cli.run(["projects", "--client-id", v.clientId, "--client-secret", v.clientSecret])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Bad universal-auth credentials: an actionable message.
        r = try cli.run(["projects"], extraEnv: ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "nope", "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": "bad"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("error: login refused for client id nope"), r.stderr)
    }

    func testETagRevalidationCostsOne304() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let api = try InfisicalAPI(configuration: uaConfig(server))
        let project = try api.project(idOrSlug: "opticworks-store")
        let first = try api.listSecrets(projectId: project.id, environment: "dev", path: "/database")
        let before = api.stats
        let second = try api.listSecrets(projectId: project.id, environment: "dev", path: "/database")
        XCTAssertEqual(first, second)
        XCTAssertEqual(api.stats.requests - before.requests, 1)
        XCTAssertEqual(api.stats.notModified - before.notModified, 1)
        _ = try api.listProjects(); _ = try api.listProjects()
        XCTAssertEqual(api.stats.notModified - before.notModified, 2)
        // A write invalidates: the next list is a full 200 with the new secret.
        _ = try api.createSecret(projectId: project.id, environment: "dev", path: "/database", name: "ETAG_PROBE", value: "v")
        let third = try api.listSecrets(projectId: project.id, environment: "dev", path: "/database")
        XCTAssertTrue(third.secrets.contains { $0.secretKey == "ETAG_PROBE" })
        XCTAssertEqual(api.stats.newConnections, 1, "one kept-alive connection for everything")
    }

    func testRenewThenReloginOnExpiry() throws {
        let server = try DevServerFixture(extraArgs: ["--token-ttl", "3"]); defer { server.stop() }
        let api = try InfisicalAPI(configuration: uaConfig(server))
        _ = try api.listProjects()
        XCTAssertEqual(api.stats.logins, 1)
        Thread.sleep(forTimeInterval: 1)
        _ = try api.listProjects()                 // < margin left: renewed
        XCTAssertGreaterThanOrEqual(api.stats.renewals, 1)
        XCTAssertEqual(api.stats.logins, 1)
        Thread.sleep(forTimeInterval: 3.5)         // expired: renew is pointless, log in again
        _ = try api.listProjects()
        XCTAssertEqual(api.stats.logins, 2)

        // A bare token past its TTL: "session expired" with the login hint.
        let token = try InfisicalAPI(configuration: uaConfig(server, "viewer")).login().accessToken
        Thread.sleep(forTimeInterval: 3.5)
        let cli = try CLI(server: server, role: nil); defer { cli.cleanup() }
        let r = try cli.run(["projects"], extraEnv: ["INFISICAL_TOKEN": token])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: session expired\nhint: run `infisical-tui login` again\n")
        // A stored session near its end: SessionSecurityTests.testStoredSessionIsRenewedThenAsksForANewLogin.
    }
}
