import Foundation
import InfisicalClient
import InfisicalModels

/// Request costs against the real dev server over loopback: login, a metadata-first list of a
/// large folder, its 304 revalidation, and revealing one value.
enum RequestBench {
    struct Ready: Decodable {
        struct Identity: Decodable { let name: String; let role: String; let clientId: String; let clientSecret: String }
        let url: String
        let identities: [Identity]
    }

    /// Returns the measurements and a one-line note on connection reuse and revalidation.
    static func run(bulk: Int) throws -> (results: [Measurement], note: String) {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let serverPath = ProcessInfo.processInfo.environment["INFISICAL_DEV_SERVER_BIN"]
            ?? exe.deletingLastPathComponent().appendingPathComponent("infisical-dev-server").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("infisical-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let readyFile = dir.appendingPathComponent("ready.json")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: serverPath)
        server.arguments = ["--port", "0", "--db", dir.appendingPathComponent("bench.sqlite").path,
                            "--bulk", String(bulk), "--ready-file", readyFile.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let deadline = Date().addingTimeInterval(60)
        var ready: Ready?
        while ready == nil, Date() < deadline {
            if let data = try? Data(contentsOf: readyFile) { ready = try? JSONDecoder().decode(Ready.self, from: data) }
            if ready == nil { usleep(50_000) }
        }
        guard let ready, let admin = ready.identities.first(where: { $0.role == "admin" }),
              let url = URL(string: ready.url) else {
            throw InfisicalError(.unreachable, "dev server at \(serverPath) did not become ready")
        }
        var results: [Measurement] = []
        results.append(try Measurement.run("login (universal auth) + list projects, new client", iterations: 20, warmup: 1) {
            let api = try InfisicalAPI(configuration: ClientConfiguration(
                domain: url, credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret)))
            _ = try api.listProjects()
        })
        let api = try InfisicalAPI(configuration: ClientConfiguration(
            domain: url, credentials: .universalAuth(clientId: admin.clientId, clientSecret: admin.clientSecret)))
        let project = try api.project(idOrSlug: "opticworks-store")
        results.append(try Measurement.run("list /stripe (metadata only, uncached)", iterations: 100) {
            api.clearCache()
            _ = try api.listSecrets(projectId: project.id, environment: "staging", path: "/stripe")
        })
        results.append(try Measurement.run("list /bulk, \(bulk) secrets (metadata only, uncached)", iterations: 20) {
            api.clearCache()
            _ = try api.listSecrets(projectId: project.id, environment: "dev", path: "/bulk")
        })
        _ = try api.listSecrets(projectId: project.id, environment: "dev", path: "/bulk")
        let before = api.stats.notModified
        results.append(try Measurement.run("revisit /bulk (ETag → 304)", iterations: 50) {
            _ = try api.listSecrets(projectId: project.id, environment: "dev", path: "/bulk")
        })
        let revalidated = api.stats.notModified - before
        results.append(try Measurement.run("reveal one value (GET secret by name)", iterations: 100) {
            _ = try api.secret(projectId: project.id, environment: "staging", path: "/stripe", name: "STRIPE_SECRET_KEY")
        })
        let note = "\(revalidated) of \(50 + 3) revisits answered 304; \(api.stats.newConnections) TCP connection(s) opened by the reused client"
        return (results, note)
    }
}
