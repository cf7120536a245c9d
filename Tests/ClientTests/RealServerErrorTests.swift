import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Error answers as current (and older) Infisical gives them, over real HTTP, and what the user
/// gets to read. See /work/contract-review.md for the source of each shape.
final class RealServerErrorTests: XCTestCase {
    var fake: FakeInfisical!
    override func setUpWithError() throws { fake = try FakeInfisical() }
    override func tearDown() { fake?.stop() }

    func error(_ body: () throws -> Any) -> InfisicalError? {
        do { _ = try body(); XCTFail("expected an error"); return nil } catch let e as InfisicalError { return e } catch {
            XCTFail("not an InfisicalError: \(error)"); return nil
        }
    }

    // 1. A path without a folder: 404 SecretPathNotFound (current) or 200 empty (older servers).
    func testMissingFolderIs404OnCurrentServersAndEmptyOnOldOnes() throws {
        fake.on("GET", "/api/v4/secrets") { req in
            if req.query["secretPath"] == ["/old"] { return .init(body: #"{"secrets":[],"imports":[]}"#) }
            if req.query["environment"] == ["qa"] { return Infisical.error(404, "NotFound", "Environment with slug 'qa' in project with ID p1 not found") }
            return Infisical.error(404, "SecretPathNotFound", "Folder with path '/nope' in environment 'dev' was not found. Please ensure the environment slug and secret path is correct.")
        }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        let e = error { try api.listSecrets(projectId: p.id, environment: "dev", path: "/nope") }
        XCTAssertEqual(e?.kind, .notFound)
        XCTAssertEqual(e?.message, "no folder /nope in dev of store")
        XCTAssertTrue(e?.hint?.contains("--path") ?? false, e?.hint ?? "")
        XCTAssertEqual(try api.listSecrets(projectId: p.id, environment: "dev", path: "/old").secrets.count, 0)
        let env = error { try api.listSecrets(projectId: p.id, environment: "qa", path: "/") }
        XCTAssertEqual(env?.message, "no environment 'qa' in store")
        XCTAssertTrue(env?.hint?.contains("--env") ?? false)
    }

    func testGetDistinguishesMissingFolderFromMissingSecret() throws {
        fake.on("GET", "/api/v4/secrets/") { req in
            req.query["secretPath"] == ["/nope"]
                ? Infisical.error(404, "GetSecretByName", "Folder with path '/nope' in environment with slug 'dev' not found")
                : Infisical.error(404, "NotFound", "Secret with name 'NOPE' not found at path '/' in environment with slug 'dev'")
        }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        XCTAssertEqual(error { try api.secret(projectId: p.id, environment: "dev", path: "/nope", name: "K") }?.message,
                       "no folder /nope in dev of store")
        XCTAssertEqual(error { try api.secret(projectId: p.id, environment: "dev", path: "/", name: "NOPE") }?.message,
                       "no NOPE in dev at /")
    }

    // 2. No read-value permission: 403 instead of masked values; role named when knowable.
    func testReadValueDenialNamesTheRole() throws {
        fake.on("GET", "/api/v4/secrets") { req in
            req.query["viewSecretValue"] == ["true"]
                ? .init(status: 403, body: #"{"reqId":"req-1","statusCode":403,"message":"Cannot execute \"readValue\" on \"secrets\"","error":"PermissionDenied","details":[{"action":"readValue","subject":"secrets"}]}"#)
                : .init(body: #"{"secrets":[],"imports":[]}"#)
        }
        fake.on("GET", "/api/v4/secrets/") { _ in
            Infisical.error(403, "ForbiddenReadSecretError", "You do not have permission to view secret value on secret with name 'DB_URL'")
        }
        fake.on("GET", "/api/v1/identities/") { _ in .init(body: Infisical.memberships(role: "viewer")) }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        let list = error { try api.listSecrets(projectId: p.id, environment: "dev", path: "/db", viewValues: true) }
        XCTAssertEqual(list?.kind, .permissionDenied)
        XCTAssertEqual(list?.message, "your role in store (viewer) cannot read values of secrets in dev at /db")
        XCTAssertEqual(list?.hint, ErrorMapper.readValueHint)
        XCTAssertNoThrow(try api.listSecrets(projectId: p.id, environment: "dev", path: "/db", viewValues: false))
        let get = error { try api.secret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL") }
        XCTAssertEqual(get?.message, "your role in store (viewer) cannot read the value of DB_URL in dev at /db")
        XCTAssertEqual(get?.status, 403)
    }

    func testDenialWithoutKnowableRoleAndGenericDenial() throws {
        fake.on("GET", "/api/v4/secrets") { _ in Infisical.error(403, "PermissionDenied", "You are not allowed to access this resource") }
        fake.on("GET", "/api/v1/identities/") { _ in Infisical.error(403, "PermissionDenied", "Cannot execute \"read\" on \"identity\"") }
        let api = try fake.client()
        let p = try api.project(idOrSlug: "store")
        let e = error { try api.listSecrets(projectId: p.id, environment: "dev", path: "/db", viewValues: true) }
        // Not about values: the generic phrase, and the refused role lookup leaves the role out.
        XCTAssertEqual(e?.message, "your role in store cannot read secrets in dev at /db")
        XCTAssertEqual(e?.hint, "ask a project admin for access")
    }

    // 8. Role lookup refused or absent: nil, never an error.
    func testRoleLookupRefusedOrMissingIsUnknown() throws {
        fake.on("GET", "/api/v1/identities/") { _ in Infisical.error(403, "PermissionDenied", "Cannot execute \"read\" on \"identity\"") }
        let api = try fake.client()
        XCTAssertNil(try api.role(projectId: "p1"))
        let other = try FakeInfisical(); defer { other.stop() }   // no membership route at all (Fastify 404)
        XCTAssertNil(try other.client().role(projectId: "p1"))
        let third = try FakeInfisical(); defer { third.stop() }   // user token: permissions route refused
        third.on("GET", "/api/v1/projects/p1/permissions") { _ in Infisical.error(403, "Forbidden access to /api/v1/projects/p1/permissions", "You are not allowed to access this resource") }
        XCTAssertNil(try third.client(token: Infisical.userJWT()).role(projectId: "p1"))
        XCTAssertEqual(third.requests("GET", "/api/v1/projects/p1/permissions").count, 1, "user tokens ask the permissions route")
        // A member: the role is found.
        fake.on("GET", "/api/v1/identities/ident-1/identity-memberships") { _ in .init(body: Infisical.memberships(role: "member")) }
        XCTAssertEqual(try api.role(projectId: "p1")?.displayName, "developer")
    }

    // 5. Duplicate create: both spellings → one message.
    func testDuplicateCreateBothSpellings() throws {
        for text in ["Secret already exists", "Secret already exist"] {
            let f = try FakeInfisical(); defer { f.stop() }
            f.on("POST", "/api/v4/secrets/") { _ in Infisical.error(400, "BadRequest", text) }
            let api = try f.client()
            let p = try api.project(idOrSlug: "store")
            let e = error { try api.createSecret(projectId: p.id, environment: "dev", path: "/db", name: "DB_URL", value: "x") }
            XCTAssertEqual(e?.kind, .badRequest, text)
            XCTAssertEqual(e?.message, "DB_URL already exists in dev at /db", text)
            XCTAssertEqual(e?.status, 400)
        }
    }

    // 6. Missing environment (400) and zod issue arrays (422).
    func testMissingEnvironmentAndValidationIssueArrays() throws {
        fake.on("GET", "/api/v4/secrets/") { _ in Infisical.error(400, "BadRequest", "Missing environment") }
        fake.on("GET", "/api/v4/secrets") { _ in
            .init(status: 422, body: #"{"reqId":"req-2","statusCode":422,"error":"ValidationFailure","message":[{"code":"invalid_type","expected":"string","received":"undefined","path":["projectId"],"message":"Required"},{"code":"invalid_enum_value","path":["viewSecretValue"],"message":"Invalid enum value. Expected 'true' | 'false', received 'yes'"},{"code":"custom","path":[],"message":"Bad \u001b[31m input"},{"code":"x","path":["a"],"message":"four"},{"code":"x","path":["b"],"message":"five"}]}"#)
        }
        let api = try fake.client()
        let env = error { try api.secret(projectId: "p1", environment: "", path: "/", name: "K") }
        XCTAssertEqual(env?.kind, .badRequest)
        XCTAssertTrue(env?.message.contains("needs an environment") ?? false, env?.message ?? "")
        XCTAssertTrue(env?.hint?.contains("--env") ?? false)
        let v = error { try api.listSecrets(projectId: "p1", environment: "dev", path: "/") }
        XCTAssertEqual(v?.kind, .validation)
        XCTAssertEqual(v?.message, "the server rejected the request: projectId: Required; viewSecretValue: Invalid enum value. Expected 'true' | 'false', received 'yes'; Bad ^[[31m input (and 2 more)")
    }

    // 7. Unmatched route (Fastify's body, no reqId) or a non-JSON 404: not Infisical / too old.
    func testUnmatchedRouteSaysTheServerLacksIt() throws {
        let api = try fake.client()
        let e = error { try api.listSecrets(projectId: "p1", environment: "dev", path: "/") }
        XCTAssertEqual(e?.kind, .server)
        XCTAssertEqual(e?.message, "this server (\(fake.server.url)) does not support GET /api/v4/secrets")
        XCTAssertEqual(e?.hint, "is it an Infisical server? check --domain")
        fake.on("GET", "/api/v1/projects") { _ in .init(status: 404, headers: [("Content-Type", "text/html")], body: "<html>nginx</html>") }
        XCTAssertEqual(error { try api.listProjects() }?.message, "this server (\(fake.server.url)) does not support GET /api/v1/projects")
        // From the message alone (no route known) the query is dropped.
        let m = ErrorMapper.map(status: 404, body: Data(#"{"message":"Route GET:/api/v9/x?secretPath=%2Fa not found","error":"Not Found","statusCode":404}"#.utf8),
                                headers: [:], origin: "https://h", context: ErrorContext(notFound: "no folder"))
        XCTAssertEqual(m.message, "this server (https://h) does not support GET /api/v9/x")
    }

    // A 403 that is not Infisical's JSON (a proxy's HTML page) is not blamed on the role.
    func testNonJSON403IsAProxyNotARole() throws {
        fake.on("GET", "/api/v4/secrets") { _ in .init(status: 403, headers: [("Content-Type", "text/html")], body: "<html>Access denied</html>") }
        let e = error { try self.fake.client().listSecrets(projectId: "p1", environment: "dev", path: "/") }
        XCTAssertEqual(e?.kind, .permissionDenied)
        XCTAssertTrue(e?.message.contains("not an Infisical answer") ?? false, e?.message ?? "")
    }
}
