import Foundation
import InfisicalClient
import InfisicalModels
import TestSupport
import XCTest

/// Issue 10: the comparison rule behind the overview and `diff`, digests instead of values, and
/// `diff` as a CI gate against the real dev server.
final class EnvironmentComparisonTests: XCTestCase {
    typealias C = EnvironmentComparison

    func column(_ env: String, _ values: [String: String], imported: Set<String> = [], path: String = "/") -> C.Column {
        var entries: [C.Location: C.Entry] = [:]
        for (k, v) in values {
            entries[C.Location(path: path, key: k)] = C.Entry(digest: EnvironmentSnapshot.digest(v), imported: imported.contains(k),
                                                             mayBeSecret: C.mayBeSecret(v))
        }
        return C.Column(environment: env, isProduction: Environment.isProduction(slug: env), entries: entries)
    }

    func testCellsFlagAndFilters() {
        let dev = column("dev", ["A": "one-long-value", "B": "b-dev-value", "SHARED": "sk_live_same_everywhere", "FLAG": "false",
                                 "IMP": "imported-value"], imported: ["IMP"])
        let stg = column("staging", ["A": "one-long-value", "B": "b-stg-value", "FLAG": "false", "IMP": "other-imported"],
                         imported: ["IMP"])
        let prod = column("prod", ["A": "prod-only-value", "SHARED": "sk_live_same_everywhere", "FLAG": "false", "ONLY_PROD": "p-value-1"])
        let rows = C.rows([dev, stg, prod])
        func row(_ k: String) -> C.Row { rows.first { $0.location.key == k }! }
        XCTAssertEqual(rows.map(\.location.key), ["A", "B", "FLAG", "IMP", "ONLY_PROD", "SHARED"])
        XCTAssertEqual(row("A").cells, [.same, .same, .differs])
        XCTAssertEqual(row("B").cells, [.same, .differs, .missing])
        XCTAssertEqual(row("IMP").cells, [.imported, .importedDiffers, .missing])
        XCTAssertEqual(row("ONLY_PROD").cells, [.missing, .missing, .same], "the reference is the first env that has it")
        XCTAssertEqual(row("SHARED").sharedWithProduction, ["dev"], "a credential shared by prod and dev is flagged")
        XCTAssertFalse(row("FLAG").isFlagged, "'false' in every environment is a setting, not a shared secret")
        XCTAssertFalse(row("A").isFlagged)
        XCTAssertEqual(rows.filter(C.Filter.flagged.keeps).map(\.location.key), ["SHARED"])
        XCTAssertEqual(rows.filter(C.Filter.missing.keeps).map(\.location.key), ["B", "IMP", "ONLY_PROD", "SHARED"])
        XCTAssertEqual(rows.filter(C.Filter.differences.keeps).map(\.location.key), ["A", "B", "IMP", "ONLY_PROD", "SHARED"])
        XCTAssertEqual(rows.filter(C.Filter.all.keeps).count, 6)
    }

    func testDiffOfTwoEnvironments() {
        let dev = column("dev", ["A": "same-value-1", "B": "dev-only-1", "C": "c-dev-value", "S": "sk_live_shared_1", "IGN": "x-dev-1"])
        let prod = column("prod", ["A": "same-value-1", "P": "prod-only-1", "C": "c-prod-value", "S": "sk_live_shared_1", "IGN": "x-prod-1"])
        let d = C.diff(dev, prod, ignoring: ["IGN"])
        XCTAssertEqual(d.onlyInA.map(\.key), ["B"])
        XCTAssertEqual(d.onlyInB.map(\.key), ["P"])
        XCTAssertEqual(d.differing.map(\.key), ["C"])
        XCTAssertEqual(d.sharedAcrossProduction.map(\.key), ["A", "S"])
        XCTAssertFalse(d.isEqual)
        XCTAssertTrue(C.diff(column("dev", ["A": "1"]), column("staging", ["A": "1"])).isEqual)
    }

    /// Digests compare values without being them: same value same digest, another value another,
    /// a placeholder for a withheld value refuses instead of comparing.
    func testSnapshotDigestsAndWithheldValues() throws {
        XCTAssertEqual(EnvironmentSnapshot.digest("hunter2-long"), EnvironmentSnapshot.digest("hunter2-long"))
        XCTAssertNotEqual(EnvironmentSnapshot.digest("hunter2-long"), EnvironmentSnapshot.digest("hunter3-long"))
        XCTAssertFalse(EnvironmentSnapshot.digest("hunter2-long").contains("hunter"))
        var hidden = Secret(id: "1", environment: "dev", version: 1, secretKey: "K", secretValue: Secret.hiddenPlaceholder)
        hidden.secretValueHidden = true
        XCTAssertThrowsError(try EnvironmentSnapshot.column(SecretList(secrets: [hidden]), environment: "dev", basePath: "/"))
        XCTAssertFalse(C.mayBeSecret("true")); XCTAssertFalse(C.mayBeSecret("12345678")); XCTAssertFalse(C.mayBeSecret("info"))
        XCTAssertTrue(C.mayBeSecret("whsec_0123456789"))
    }

    /// `diff` against the dev server: exit 1 with the right keys, no value printed (text or JSON),
    /// exit 0 when the compared keys are equal, 2 for an unknown environment; one list per environment.
    func testDiffCLIIsACIGateAndNeverPrintsAValue() throws {
        let server = try DevServerFixture(extraArgs: ["--quiet"])
        defer { server.stop() }
        let cli = try CLI(server: server, role: "admin"); defer { cli.cleanup() }
        let base = ["--projectId", "opticworks-store"]
        let text = try cli.run(["diff"] + base + ["--env", "dev", "--to", "prod", "--path", "/easypost"])
        XCTAssertEqual(text.status, 1, text.stderr)
        XCTAssertTrue(text.stdout.contains("same value in production and dev (1):\n  EASYPOST_WEBHOOK_SECRET"), text.stdout)
        let json = try cli.run(["diff"] + base + ["--env", "dev", "--to", "prod", "--recursive", "--json"])
        XCTAssertEqual(json.status, 1, json.stderr)
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let shared = (obj["sameAcrossProduction"] as? [[String: String]])?.map { $0["path"]! + "/" + $0["key"]! }
        XCTAssertEqual(shared, ["/easypost/EASYPOST_WEBHOOK_SECRET"], "exactly the seeded case")
        XCTAssertEqual(obj["equal"] as? Bool, false)
        // No value of either environment appears anywhere in what diff printed.
        let values = try cli.run(["secrets", "list", "--reveal", "--json", "--recursive"] + base + ["--env", "dev"])
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(values.stdout.utf8)) as? [[String: Any]])
        let devValues = rows.compactMap { $0["value"] as? String }.filter { $0.count >= 6 }
        XCTAssertGreaterThan(devValues.count, 10)
        for v in devValues {
            XCTAssertFalse(json.stdout.contains(v) || text.stdout.contains(v) || json.stderr.contains(v), "a value was printed")
        }
        let ignored = try cli.run(["diff"] + base + ["--env", "dev", "--to", "prod", "--path", "/easypost",
                                                     "--ignore", "EASYPOST_WEBHOOK_SECRET", "EASYPOST_API_KEY"])
        XCTAssertEqual(ignored.status, 0, ignored.stdout + ignored.stderr)
        XCTAssertTrue(ignored.stdout.hasPrefix("no differences"), ignored.stdout)
        let bad = try cli.run(["diff"] + base + ["--env", "dev", "--to", "nope"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("no environment 'nope'"), bad.stderr)
    }

    /// The overview and `diff` cost one list request per environment, whatever the number of keys.
    func testOneListRequestPerEnvironment() throws {
        let lists = TransportTests.Counter()
        let server = try FixtureHTTPServer { req in
            if req.path.hasPrefix("/api/v4/secrets?") {
                _ = lists.next()
                let env = req.path.contains("environment=prod") ? "prod" : "dev"
                let items = (0..<500).map { #"{"id":"s\#($0)","environment":"\#(env)","version":1,"secretKey":"K\#($0)","secretValue":"value-\#(env)-\#($0)"}"# }
                return .init(body: #"{"secrets":[\#(items.joined(separator: ","))],"imports":[]}"#)
            }
            return .init(status: 404, body: "{}")
        }
        defer { server.stop() }
        let api = try InfisicalAPI(configuration: ClientConfiguration(domain: URL(string: server.url)!,
                                                                      credentials: .accessToken("t")))
        let cols = try ["dev", "prod"].map { try EnvironmentSnapshot.fetch(api, projectId: "p", environment: $0, path: "/", recursive: true) }
        XCTAssertEqual(lists.value, 2)
        XCTAssertEqual(EnvironmentComparison.rows(cols).count, 500)
    }
}
