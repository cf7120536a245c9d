import Foundation
import XCTest

/// §5 folders: v2 list (incl. recursive + relativePath), create, get, rename, delete; v1 form.
final class FolderRouteTests: DevServerTestCase {
    func folderQuery(_ env: String = "dev", _ path: String = "/", recursive: String? = nil) throws -> [(String, String)] {
        var q = [("projectId", try projectId()), ("environment", env), ("path", path)]
        if let recursive { q.append(("recursive", recursive)) }
        return q
    }

    func createFolder(_ name: String, parent: String = "/", env: String = "dev", as role: String = "admin") throws -> HTTPResponse {
        try call("POST", "/api/v2/folders", as: role,
                 json: ["projectId": try projectId(), "environment": env, "name": name, "path": parent])
    }

    func assertFolderShape(_ f: JSON?, file: StaticString = #filePath, line: UInt = #line) {
        guard let f else { return XCTFail("missing folder", file: file, line: line) }
        for k in ["id", "name", "envId"] { XCTAssertNotNil(f[k]?.string, "folder.\(k) in \(f)", file: file, line: line) }
        XCTAssertTrue(ISODate.isValid(f["createdAt"]?.string), "createdAt in \(f)", file: file, line: line)
        XCTAssertTrue(ISODate.isValid(f["updatedAt"]?.string), "updatedAt in \(f)", file: file, line: line)
    }

    func testListRootFoldersOfTheStore() throws {
        for env in ["dev", "staging", "prod"] {
            let r = try call("GET", "/api/v2/folders", as: "viewer", query: try folderQuery(env))
            guard assertStatus(r, 200, env) else { continue }
            let folders = r.json?["folders"]?.array ?? []
            let names = Set(folders.compactMap { $0["name"]?.string })
            XCTAssertTrue(names.isSuperset(of: ["database", "redis", "stripe", "easypost", "internal"]), "\(env): \(names)")
            folders.forEach { assertFolderShape($0) }
        }
    }

    func testCreateNestedAndRecursiveListWithRelativePath() throws {
        let top = "tst-\(UUID().uuidString.prefix(6).lowercased())"
        let c = try createFolder(top)
        guard assertStatus(c, 200) else { return }
        assertFolderShape(c.json?["folder"])
        XCTAssertEqual(c.json?["folder"]?["name"]?.string, top)
        XCTAssertEqual(c.json?["folder"]?["path"]?.string, "/\(top)")
        let sub = try createFolder("replica_1", parent: "/\(top)")
        assertStatus(sub, 200)
        XCTAssertEqual(sub.json?["folder"]?["path"]?.string, "/\(top)/replica_1")

        // Non-recursive: direct children only.
        let flat = try call("GET", "/api/v2/folders", query: try folderQuery())
        let flatNames = (flat.json?["folders"]?.array ?? []).compactMap { $0["name"]?.string }
        XCTAssertTrue(flatNames.contains(top)); XCTAssertFalse(flatNames.contains("replica_1"))
        let children = try call("GET", "/api/v2/folders", query: try folderQuery("dev", "/\(top)"))
        XCTAssertEqual((children.json?["folders"]?.array ?? []).compactMap { $0["name"]?.string }, ["replica_1"])

        // Recursive, in the spellings clients send (the Python SDK sends `True`).
        for spelling in ["true", "True", "1"] {
            let r = try call("GET", "/api/v2/folders", query: try folderQuery(recursive: spelling))
            guard assertStatus(r, 200, spelling) else { continue }
            let folders = r.json?["folders"]?.array ?? []
            let rel = Dictionary(folders.compactMap { f in f["name"]?.string.map { ($0, f["relativePath"]?.string ?? "") } },
                                 uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(rel["replica_1"], "/\(top)/replica_1", "recursive=\(spelling): \(folders.count) folders")
            XCTAssertEqual(rel[top], "/\(top)")
            XCTAssertEqual(rel["stripe"], "/stripe")
        }
        let notRec = try call("GET", "/api/v2/folders", query: try folderQuery(recursive: "False"))
        XCTAssertFalse((notRec.json?["folders"]?.array ?? []).contains { $0["name"]?.string == "replica_1" }, "recursive=False")
    }

    func testGetByIdRenameAndDelete() throws {
        let name = "tmp-\(UUID().uuidString.prefix(6).lowercased())"
        let c = try createFolder(name, env: "staging")
        guard assertStatus(c, 200), let id = c.json?["folder"]?["id"]?.string else { return }
        let g = try call("GET", "/api/v2/folders/\(id)")
        guard assertStatus(g, 200) else { return }
        let f = g.json?["folder"]
        XCTAssertEqual(f?["name"]?.string, name)
        XCTAssertEqual(f?["path"]?.string, "/\(name)")
        XCTAssertEqual(f?["projectId"]?.string, try projectId())
        XCTAssertEqual(f?["environment"]?["envSlug"]?.string, "staging")
        XCTAssertEqual(f?["environment"]?["envName"]?.string, "Staging")

        let renamed = name + "-x"
        let u = try call("PATCH", "/api/v2/folders/\(id)",
                         json: ["projectId": try projectId(), "environment": "staging", "name": renamed, "path": "/"])
        assertStatus(u, 200)
        XCTAssertEqual(u.json?["folder"]?["name"]?.string, renamed)
        let d = try call("DELETE", "/api/v2/folders/\(id)",
                         json: ["projectId": try projectId(), "environment": "staging", "path": "/", "forceDelete": true])
        assertStatus(d, 200)
        XCTAssertEqual(d.json?["folder"]?["id"]?.string, id)
        let list = try call("GET", "/api/v2/folders", query: try folderQuery("staging"))
        XCTAssertFalse((list.json?["folders"]?.array ?? []).contains { $0["id"]?.string == id }, "deleted folder still listed")
    }

    func testLastSecretModifiedFilter() throws {
        let since = ISODate.string(Date().addingTimeInterval(-2))
        assertStatus(try createSecret(unique("TOUCH"), "x", env: "prod", path: "/redis"), 200)
        let r = try call("GET", "/api/v2/folders", query: try folderQuery("prod") + [("lastSecretModified", since)])
        guard assertStatus(r, 200) else { return }
        let names = (r.json?["folders"]?.array ?? []).compactMap { $0["name"]?.string }
        XCTAssertTrue(names.contains("redis"), "folder with a fresh write: \(names)")
        XCTAssertFalse(names.contains("easypost"), "untouched folder: \(names)")
        assertValidation(try call("GET", "/api/v2/folders", query: try folderQuery("prod") + [("lastSecretModified", "recently")]))
    }

    func testCreatingAnExistingFolderReturnsIt() throws {
        let first = try call("GET", "/api/v2/folders", query: try folderQuery())
        let stripeId = (first.json?["folders"]?.array ?? []).first { $0["name"]?.string == "stripe" }?["id"]?.string
        let r = try createFolder("stripe")
        assertStatus(r, 200, "Infisical's createFolder is idempotent")
        XCTAssertEqual(r.json?["folder"]?["id"]?.string, stripeId)
    }

    func testInvalidFolderNameIs422() throws {
        for bad in ["bad name", "semi;colon", "dots.here", ""] {
            assertValidation(try createFolder(bad))
        }
    }

    func testUnknownEnvironmentIs404AndMissingPathListsNothing() throws {
        assertError(try call("GET", "/api/v2/folders", query: try folderQuery("nope")), 404)
        let r = try call("GET", "/api/v2/folders", query: try folderQuery("dev", "/does-not-exist"))
        assertStatus(r, 200)
        XCTAssertEqual(r.json?["folders"]?.array?.count, 0)
    }

    func testDeprecatedV1FolderRoutes() throws {
        let name = "v1-\(UUID().uuidString.prefix(6).lowercased())"
        let c = try call("POST", "/api/v1/folders",
                         json: ["workspaceId": try projectId(), "environment": "dev", "name": name, "path": "/"])
        assertStatus(c, 200)
        XCTAssertEqual(c.json?["folder"]?["name"]?.string, name)
        for key in ["path", "directory"] {
            let r = try call("GET", "/api/v1/folders", query: [("workspaceId", try projectId()), ("environment", "dev"), (key, "/")])
            guard assertStatus(r, 200, key) else { continue }
            let names = (r.json?["folders"]?.array ?? []).compactMap { $0["name"]?.string }
            XCTAssertTrue(names.contains(name) && names.contains("stripe"), "\(key): \(names)")
        }
    }

    func testFolderWritesFollowRoles() throws {
        assertPermissionDenied(try createFolder("viewer-no", as: "viewer"), "viewer create folder in dev")
        assertPermissionDenied(try createFolder("dev-no", env: "prod", as: "developer"), "developer create folder in prod")
        assertStatus(try createFolder("dev-yes-\(UUID().uuidString.prefix(4).lowercased())", as: "developer"), 200)
        assertStatus(try createFolder("adm-yes-\(UUID().uuidString.prefix(4).lowercased())", env: "prod", as: "admin"), 200)
    }
}
