import Foundation
import InfisicalModels
import InfisicalClient

/// The dev server's list of a large folder over loopback (a raw HTTP client, so only the server
/// and the transfer are timed), its conditional revisit, and the client's decoding of that body.
enum ServerBench {
    static func label(_ n: Int) -> String { n % 1000 == 0 ? "\(n / 1000)k" : String(n) }

    static func run(_ report: Report, bulk: Int) throws {
        let server = try BenchServer(bulk: bulk)
        let token = try server.token()
        let project = try server.projectId(slug: "opticworks-store", token: token)
        // What `infisical-tui export` asks for (values, references expanded, imports).
        let target = "/api/v4/secrets?projectId=\(project)&environment=dev&secretPath=%2Fbulk&viewSecretValue=true"
            + "&expandSecretReferences=true&recursive=false&include_imports=true&includeImports=true"
        let auth = [("Authorization", "Bearer \(token)")]
        var body: [UInt8] = []
        var etag = ""
        func list(_ headers: [(String, String)], want: Int) throws -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let r = try server.http.request("GET", target, headers: headers)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            guard r.status == want else { throw BenchError("list answered \(r.status), expected \(want)") }
            if want == 200 { body = r.body; etag = r.headers["etag"] ?? "" }
            return ms
        }
        for _ in 0..<3 { _ = try list(auth, want: 200) }
        let full = try (0..<30).map { _ in try list(auth, want: 200) }
        report.add(Figure(name: "devserver_list_\(label(bulk))", unit: "ms", samples: full,
                          note: "dev server: GET /api/v4/secrets, \(bulk) secrets with values, \(body.count / 1024) KiB"))
        let cond = try (0..<30).map { _ in try list(auth + [("If-None-Match", etag)], want: 304) }
        report.add(Figure(name: "devserver_list_\(label(bulk))_304", unit: "ms", samples: cond,
                          note: "dev server: the same list revalidated (If-None-Match → 304)"))

        // The client's decoding of that body: the lean decoder InfisicalAPI.listSecrets uses, and
        // Foundation's JSONDecoder on the same types for comparison.
        let data = Data(body)
        var decoded = 0
        let m = try Measurement.run("decode", iterations: 20, warmup: 2) {
            decoded = try SecretListDecoder.decode(data).secrets.count
        }
        guard decoded == bulk else { throw BenchError("decoded \(decoded) secrets, expected \(bulk)") }
        var f = m.figure("decode_list_\(label(bulk))")
        f.note = "client: SecretListDecoder, the \(body.count / 1024) KiB list straight into Secret rows"
        report.add(f)
        let c = try Measurement.run("decode_codable", iterations: 10, warmup: 1) {
            decoded = try JSONDecoder().decode(SecretList.self, from: data).secrets.count
        }
        var fc = c.figure("decode_list_\(label(bulk))_codable")
        fc.note = "for comparison: JSONDecoder into the same SecretList (the path before issue 15)"
        report.add(fc)
    }
}
