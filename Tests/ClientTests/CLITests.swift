import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Every subcommand, run as the real `infisical-tui` binary against a real dev server.
final class CLITests: XCTestCase {
    var server: DevServerFixture!
    var cli: CLI!

    override func setUpWithError() throws {
        server = try DevServerFixture()
        cli = try CLI(server: server, role: "admin")
    }
    override func tearDownWithError() throws { server?.stop(); cli?.cleanup() }

    func api(_ role: String) throws -> InfisicalAPI {
        let i = server.identity(role)
        return try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: server.url)!,
                                                                   credentials: .universalAuth(clientId: i.clientId, clientSecret: i.clientSecret)))
    }

    func testProjectsTableAndJSON() throws {
        let r = try cli.run(["projects"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for slug in ["opticworks-store", "hardwareos", "presence-engine", "infrastructure"] { XCTAssertTrue(r.stdout.contains(slug), r.stdout) }
        let j = try cli.run(["projects", "--json"])
        let arr = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(Set(arr.compactMap { $0["slug"] as? String }), ["opticworks-store", "hardwareos", "presence-engine", "infrastructure"])
        let envs = try XCTUnwrap(arr.first?["environments"] as? [[String: Any]])
        XCTAssertEqual(envs.compactMap { $0["slug"] as? String }, ["dev", "staging", "prod"])
        XCTAssertEqual(envs.last?["production"] as? Bool, true)
    }

    func testSecretsMaskedByDefaultRevealedOnRequestAndEscaped() throws {
        let value = try api("admin").secret(projectId: try api("admin").project(idOrSlug: "opticworks-store").id,
                                            environment: "staging", path: "/stripe", name: "STRIPE_SECRET_KEY").secretValue
        let masked = try cli.run(["secrets", "--projectId", "opticworks-store", "--env", "staging", "--path", "/stripe"])
        XCTAssertEqual(masked.status, 0, masked.stderr)
        XCTAssertTrue(masked.stdout.contains("STRIPE_SECRET_KEY"))
        XCTAssertTrue(masked.stdout.contains("••••••••"))
        XCTAssertFalse(masked.stdout.contains(value), "value leaked without --reveal")
        let shown = try cli.run(["secrets", "--projectId", "opticworks-store", "--env", "staging", "--path", "/stripe", "--reveal"])
        XCTAssertTrue(shown.stdout.contains(value))
        let json = try cli.run(["secrets", "list", "--projectId", "opticworks-store", "--env", "staging", "--path", "/stripe", "--json"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let row = try XCTUnwrap(rows.first { $0["key"] as? String == "STRIPE_SECRET_KEY" })
        XCTAssertEqual(row["valueHidden"] as? Bool, true); XCTAssertNil(row["value"])
        XCTAssertEqual(row["path"] as? String, "/stripe"); XCTAssertNotNil(row["version"] as? Int)
        // Recursive listing reaches every folder; no raw ESC ever reaches the terminal.
        let all = try cli.run(["secrets", "--projectId", "opticworks-store", "--recursive", "--reveal"])
        XCTAssertEqual(all.status, 0, all.stderr)
        for k in ["DATABASE_URL", "REDIS_URL", "STRIPE_SECRET_KEY"] { XCTAssertTrue(all.stdout.contains(k), k) }
        XCTAssertFalse(all.stdout.contains("\u{1b}"), "raw ESC in terminal output")
    }

    func testGetPlainAndNotFound() throws {
        let plain = try cli.run(["secrets", "get", "STRIPE_SECRET_KEY", "--projectId", "opticworks-store", "--env", "staging", "--path", "/stripe", "--plain"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.hasPrefix("sk_"), plain.stdout)
        let nf = try cli.run(["secrets", "get", "DATABASE_URLX", "--projectId", "opticworks-store", "--env", "dev", "--path", "/database"])
        XCTAssertEqual(nf.status, 1)
        XCTAssertEqual(nf.stderr, "error: no DATABASE_URLX in dev at /database\nhint: check --env/--path or .infisical.json\n")
        let usage = try cli.run(["secrets", "get"])
        XCTAssertEqual(usage.status, 2, usage.stderr)
    }

    func testSetGetDeleteAsDeveloperAndGuards() throws {
        var dev = try CLI(server: server, role: "developer"); defer { dev.cleanup() }
        dev.env["INFISICAL_PROJECT_ID"] = "opticworks-store"
        var r = try dev.run(["secrets", "set", "CLI_TEST_KEY=first value", "--path", "/internal"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try dev.run(["secrets", "set", "CLI_TEST_KEY=-", "--path", "/internal"], stdin: Data("line1\nline2 $x 'q'\n".utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try dev.run(["secrets", "get", "CLI_TEST_KEY", "--path", "/internal", "--plain"])
        XCTAssertEqual(r.stdout, "line1\nline2 $x 'q'\n")
        r = try dev.run(["secrets", "get", "CLI_TEST_KEY", "--path", "/internal", "--json"])
        let row = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first)
        XCTAssertEqual(row["version"] as? Int, 2)
        // prod needs --allow-production, and then the developer role is still refused by the server.
        r = try dev.run(["secrets", "set", "CLI_TEST_KEY=x", "--env", "prod"])
        XCTAssertEqual(r.status, 1); XCTAssertTrue(r.stderr.contains("refusing to change secrets in prod"), r.stderr)
        r = try dev.run(["secrets", "set", "CLI_TEST_KEY=x", "--env", "prod", "--allow-production"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: your role in opticworks-store (developer) cannot change CLI_TEST_KEY in prod at /\nhint: ask a project admin for access\n")
        r = try dev.run(["secrets", "delete", "CLI_TEST_KEY", "--path", "/internal"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try dev.run(["secrets", "get", "CLI_TEST_KEY", "--path", "/internal"])
        XCTAssertEqual(r.status, 1); XCTAssertTrue(r.stderr.contains("no CLI_TEST_KEY in dev at /internal"), r.stderr)
    }

    func testVersionsMaskedUnlessRevealed() throws {
        var dev = try CLI(server: server, role: "developer"); defer { dev.cleanup() }
        dev.env["INFISICAL_PROJECT_ID"] = "opticworks-store"
        for v in ["one", "two", "three"] {
            let r = try dev.run(["secrets", "set", "VERSIONED_KEY=\(v)", "--path", "/internal"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let masked = try dev.run(["secrets", "versions", "VERSIONED_KEY", "--path", "/internal", "--limit", "2"])
        XCTAssertEqual(masked.status, 0, masked.stderr)
        XCTAssertTrue(masked.stdout.hasPrefix("VERSION"), masked.stdout)
        XCTAssertEqual(masked.stdout.split(separator: "\n").count, 3, masked.stdout)
        XCTAssertFalse(masked.stdout.contains("three") || masked.stdout.contains("two"), "value leaked without --reveal")
        let shown = try dev.run(["secrets", "versions", "VERSIONED_KEY", "--path", "/internal", "--reveal", "--json"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]], shown.stdout)
        XCTAssertEqual(rows.compactMap { $0["version"] as? Int }, [3, 2, 1])
        XCTAssertEqual(rows.compactMap { $0["value"] as? String }, ["three", "two", "one"])
        let missing = try dev.run(["secrets", "versions", "NO_SUCH_KEY", "--path", "/internal"])
        XCTAssertEqual(missing.status, 1); XCTAssertTrue(missing.stderr.contains("no NO_SUCH_KEY in dev at /internal"), missing.stderr)
    }

    func testViewerIsForbiddenToWrite() throws {
        let viewer = try CLI(server: server, role: "viewer"); defer { viewer.cleanup() }
        let r = try viewer.run(["secrets", "set", "X=1", "--projectId", "opticworks-store", "--env", "dev"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: your role in opticworks-store (viewer) cannot change X in dev at /\nhint: ask a project admin for access\n")
    }

    func testWhoami() throws {
        let r = try cli.run(["whoami", "--projectId", "opticworks-store", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(o["domain"] as? String, server.url)
        XCTAssertEqual(o["identityId"] as? String, server.identity("admin").identityId)
        XCTAssertEqual(o["role"] as? String, "admin")
        XCTAssertEqual(o["projectSlug"] as? String, "opticworks-store")
        XCTAssertEqual(o["environment"] as? String, "dev")
    }

    func testUnreachableAndParserUsage() throws {
        let r = try cli.run(["projects"], extraEnv: ["INFISICAL_DOMAIN": "http://127.0.0.1:9"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: cannot reach http://127.0.0.1:9 (connection refused)\nhint: check --domain / INFISICAL_DOMAIN\n")
        XCTAssertEqual(try cli.run(["projects", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try cli.run(["export", "--format", "toml"]).status, 2)
    }

    func testWorkspaceFileAndGitBranchChooseProjectAndEnvironment() throws {
        let admin = try api("admin")
        let project = try admin.project(idOrSlug: "opticworks-store")
        let staging = try admin.secret(projectId: project.id, environment: "staging", path: "/stripe", name: "STRIPE_SECRET_KEY").secretValue
        let dev = try admin.secret(projectId: project.id, environment: "dev", path: "/stripe", name: "STRIPE_SECRET_KEY").secretValue
        XCTAssertNotEqual(staging, dev)
        let repo = cli.home
        try #"{"workspaceId":"\#(project.id)","defaultEnvironment":"dev","gitBranchToEnvironmentMapping":{"release":"staging"},"defaultSecretPath":"/stripe"}"#
            .write(to: repo.appendingPathComponent(".infisical.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try "ref: refs/heads/release\n".write(to: repo.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        var r = try cli.run(["secrets", "get", "STRIPE_SECRET_KEY", "--plain"])
        XCTAssertEqual(r.status, 0, r.stderr); XCTAssertEqual(r.stdout, staging + "\n")
        try "ref: refs/heads/main\n".write(to: repo.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        r = try cli.run(["secrets", "get", "STRIPE_SECRET_KEY", "--plain"])
        XCTAssertEqual(r.stdout, dev + "\n")
        r = try cli.run(["secrets", "get", "STRIPE_SECRET_KEY", "--plain"], extraEnv: ["INFISICAL_ENVIRONMENT": "staging"])
        XCTAssertEqual(r.stdout, staging + "\n")
        r = try cli.run(["whoami", "--json"])
        XCTAssertTrue(r.stdout.contains("\"environmentSource\" : \".infisical.json\""), r.stdout)
    }

    func testUnknownEnvironmentIsNamed() throws {
        let r = try cli.run(["secrets", "--projectId", "opticworks-store", "--env", "qa"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: no environment 'qa' in opticworks-store\nhint: use one of: dev, staging, prod\n")
        let p = try cli.run(["secrets", "--projectId", "no-such-project"])
        XCTAssertEqual(p.stderr, "error: no project 'no-such-project'\nhint: run `infisical-tui projects` to list yours\n")
    }
}
