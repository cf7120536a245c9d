import TestSupport
import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// `export` through the real binary: tricky values created over the API, exported in every
/// format to a file, parsed back by real parsers and compared with the server's values.
final class ExportCLITests: XCTestCase {
    func testEveryFormatRoundTripsServerValues() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let admin = server.identity("admin")
        let api = try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: server.url)!,
                                                                      credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret)))
        let project = try api.project(idOrSlug: "opticworks-store")
        try api.createFolder(projectId: project.id, environment: "dev", path: "/", name: "exporttest")
        for e in trickyValues where !e.value.isEmpty {
            _ = try api.createSecret(projectId: project.id, environment: "dev", path: "/exporttest", name: e.key, value: e.value)
        }
        let truth = try api.listSecrets(projectId: project.id, environment: "dev", path: "/exporttest", viewValues: true)
        var expected: [String: String] = [:]
        for s in truth.secrets { expected[s.secretKey] = s.secretValue }
        XCTAssertEqual(expected.count, trickyValues.count - 1)
        // The server keeps these exactly (no trimming for them), so the originals must survive too.
        for k in ["MULTILINE", "BOTH_QUOTES", "DOLLAR", "HASH", "EQUALS", "UNICODE", "BACKSLASH"] {
            XCTAssertEqual(expected[k], trickyValues.first { $0.key == k }?.value, k)
        }

        let cli = try CLI(server: server, role: "developer"); defer { cli.cleanup() }
        for format in ExportFormat.allCases {
            let out = cli.home.appendingPathComponent("out.\(format.rawValue)").path
            let r = try cli.run(["export", "--format", format.rawValue, "--output-file", out,
                                 "--projectId", "opticworks-store", "--env", "dev", "--path", "/exporttest"])
            XCTAssertEqual(r.status, 0, r.stderr)
            var st = stat(); XCTAssertEqual(stat(out, &st), 0); XCTAssertEqual(st.st_mode & 0o777, 0o600, format.rawValue)
            XCTAssertTrue(r.stderr.contains("wrote \(expected.count) secrets"), r.stderr)
            var got: [String: String] = [:]
            switch format {
            case .dotenv, .dotenvExport:
                got = try ExportFormatTests.pythonDotenv(out)
                XCTAssertEqual(try ExportFormatTests.bashSource(out, keys: Array(expected.keys)), expected, "bash \(format)")
            case .json:
                let arr = try XCTUnwrap(JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: out)!) as? [[String: String]])
                for o in arr { got[o["key"]!] = o["value"] }
            case .yaml:
                let text = try String(contentsOfFile: out, encoding: .utf8)
                got = try XCTUnwrap(try Yams.load(yaml: text) as? [String: String])
            case .csv:
                let r = try ChildProcess.run("/usr/bin/env", ["python3", "-c",
                    "import csv,json,sys; sys.stdout.write(json.dumps(dict(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[1:])))", out],
                    env: ProcessInfo.processInfo.environment)
                got = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String])
            }
            XCTAssertEqual(got, expected, format.rawValue)
        }

        // stdout when piped: exact bytes; prod refused without --allow-production.
        let piped = try cli.run(["export", "--projectId", "opticworks-store", "--path", "/exporttest", "--format", "json"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertTrue(piped.stdout.contains("\"key\": \"MULTILINE\""))
        let prod = try cli.run(["export", "--projectId", "opticworks-store", "--env", "prod"])
        XCTAssertEqual(prod.status, 1)
        XCTAssertTrue(prod.stderr.contains("refusing to export production values"), prod.stderr)
    }

    func testRecursiveExportReportsCollisions() throws {
        let server = try DevServerFixture(); defer { server.stop() }
        let cli = try CLI(server: server, role: "admin"); defer { cli.cleanup() }
        let r = try cli.run(["export", "--projectId", "opticworks-store", "--env", "dev", "--recursive", "--format", "dotenv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for k in ["DATABASE_URL=", "REDIS_URL=", "STRIPE_SECRET_KEY="] { XCTAssertTrue(r.stdout.contains(k), k) }
    }
}

import Yams
