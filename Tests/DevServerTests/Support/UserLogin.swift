import Foundation
import XCTest

/// A seeded person from the ready file (`users[]`): email, password, role, demo MFA code.
struct DemoUser {
    var email, password: String
    var role: String?
    var mfaCode: String?
    var otherOrganizations: [String]
}

/// Tokens of a completed person login.
struct UserSession {
    var access: String
    var refresh: String
}

extension DevServerTestCase {
    /// All users of the ready file.
    func demoUsers() throws -> [DemoUser] {
        guard let data = FileManager.default.contents(atPath: server.readyPath), let j = JSON.parse(data),
              let users = j["users"]?.array else { throw HTTPError(description: "ready file has no users[]") }
        return users.compactMap { u in
            guard let email = u["email"]?.string, let pw = u["password"]?.string else { return nil }
            return DemoUser(email: email, password: pw, role: u["role"]?.string, mfaCode: u["mfaCode"]?.string,
                            otherOrganizations: (u["otherOrganizations"]?.array ?? []).compactMap(\.string))
        }
    }

    /// The single-organization, no-MFA user with this seed role (viewer/developer/admin).
    func demoUser(role: String) throws -> DemoUser {
        guard let u = try demoUsers().first(where: { $0.role == role && $0.mfaCode == nil && $0.otherOrganizations.isEmpty })
        else { throw HTTPError(description: "no plain demo user with role \(role)") }
        return u
    }
    func mfaUser() throws -> DemoUser {
        guard let u = try demoUsers().first(where: { $0.mfaCode != nil }) else { throw HTTPError(description: "no MFA user") }
        return u
    }
    func twoOrgUser() throws -> DemoUser {
        guard let u = try demoUsers().first(where: { !$0.otherOrganizations.isEmpty }) else {
            throw HTTPError(description: "no user in two organizations")
        }
        return u
    }

    func post(_ path: String, bearer: String? = nil, json: [String: Any]? = nil, cookie: String? = nil) throws -> HTTPResponse {
        var h: [String: String] = [:]
        if let bearer { h["Authorization"] = "Bearer \(bearer)" }
        if let cookie { h["Cookie"] = cookie }
        return try server.http.send("POST", path, headers: h, json: json)
    }
    func get(_ path: String, bearer: String?, query: [(String, String)] = []) throws -> HTTPResponse {
        try server.http.send("GET", path, query: query, headers: bearer.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    /// `jid` value from a `Set-Cookie` header, after checking its attributes.
    func jid(_ r: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) -> String? {
        guard let c = r.header("set-cookie"), c.hasPrefix("jid=") else {
            XCTFail("no jid cookie in \(r.headers)", file: file, line: line); return nil
        }
        XCTAssertTrue(c.contains("HttpOnly"), "jid is HttpOnly: \(c)", file: file, line: line)
        XCTAssertTrue(c.contains("Path=/"), "jid has Path=/: \(c)", file: file, line: line)
        let v = String(c.dropFirst(4).prefix { $0 != ";" })
        return v.isEmpty ? nil : v
    }

    func organizationId(named slug: String, token: String) throws -> String {
        let r = try get("/api/v1/organization", bearer: token)
        guard let id = (r.json?["organizations"]?.array ?? []).first(where: { $0["slug"]?.string == slug })?["id"]?.string else {
            throw HTTPError(description: "organization \(slug) not listed: \(r)")
        }
        return id
    }

    /// The whole direct login (password → organization → MFA code when on).
    func logIn(_ u: DemoUser, organization slug: String = "opticworks") throws -> UserSession {
        let l = try post("/api/v3/auth/login", json: ["email": u.email, "password": u.password])
        guard l.status == 200, let interim = l.json?["accessToken"]?.string else { throw HTTPError(description: "login: \(l)") }
        let orgId = try organizationId(named: slug, token: interim)
        let s = try post("/api/v3/auth/select-organization", bearer: interim, json: ["organizationId": orgId])
        guard s.status == 200, let token = s.json?["token"]?.string else { throw HTTPError(description: "select: \(s)") }
        if s.json?["isMfaEnabled"]?.bool == true {
            let v = try post("/api/v2/auth/mfa/verify", bearer: token,
                             json: ["email": u.email, "mfaToken": u.mfaCode ?? "", "mfaMethod": "email"])
            guard v.status == 200, let t = v.json?["token"]?.string, let refresh = jid(v) else {
                throw HTTPError(description: "mfa verify: \(v)")
            }
            return UserSession(access: t, refresh: refresh)
        }
        guard let refresh = jid(s) else { throw HTTPError(description: "no jid: \(s)") }
        return UserSession(access: token, refresh: refresh)
    }
}
