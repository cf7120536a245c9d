import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore

/// Options of `infisical-dev-server` (see the brief for their meaning).
public struct DevServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 0
    public var dbPath = ":memory:"
    public var seedPath: String? = nil
    public var bulk = 0
    public var bulkAudit = 0
    public var tokenTTL = 7200
    /// Lifetime of a user's access token (short, so clients must refresh through the `jid` cookie).
    public var userTokenTTL = 600
    /// Lifetime of a user's refresh token (the `jid` cookie).
    public var userRefreshTTL = 10 * 86_400
    /// How long three wrong MFA codes in a row lock the user out.
    public var mfaLockSeconds = 300
    /// Infisical serves secret versions to user tokens only; by default this server also serves identities.
    public var versionsUserOnly = false
    public var rateLimit = 0
    public var readyFile: String? = nil
    /// No per-request log lines (start/stop and errors are still logged).
    public var quiet = false
    /// Count requests and serve the counts at `GET /debug/stats` (benchmarks, request-count tests).
    public var debugStats = false
    public init() {}
}

public enum DevServerError: Error, CustomStringConvertible {
    case seed(String)
    case readyFile(String)
    public var description: String {
        switch self {
        case let .seed(m): return "seed: \(m)"
        case let .readyFile(m): return "ready file: \(m)"
        }
    }
}

/// Builds and runs the server until SIGTERM/SIGINT (graceful shutdown).
public enum DevServer {
    public static func log(_ message: String) {
        FileHandle.standardError.write(Data(("infisical-dev-server: " + message + "\n").utf8))
    }

    public static func run(_ options: DevServerOptions) async throws {
        // A ready file that is already there (stale, or planted) is never reused or written through.
        var st = stat()
        if let rf = options.readyFile, lstat(rf, &st) == 0 {
            throw DevServerError.readyFile("\(rf) already exists; remove it or choose another path")
        }
        let db = try Database.open(path: options.dbPath)
        let seed = try await prepare(db, options)
        let ctx = try await makeContext(db, options)
        let router = Routes.all(ctx)
        let quiet = options.quiet
        let responder = DevResponder(router: router, limiter: RateLimiter(limit: options.rateLimit),
                                     log: { line in if !quiet || line.contains("internal error") { log(line) } },
                                     stats: options.debugStats ? RequestStats() : nil)
        var logger = Logger(label: "infisical-dev-server")
        logger.logLevel = .warning
        let host = options.host
        let readyFile = options.readyFile
        let identities = try await db.read { try Store.identities($0) }
        let users = try await readyUsers(db, options, seed: seed)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let urlHost = host.contains(":") ? "[\(host)]" : host
                let url = "http://\(urlHost):\(port)"
                log("listening on \(url) (db \(options.dbPath))")
                if let readyFile {
                    do { try ReadyFile.write(path: readyFile, url: url, identities: identities, users: users) } catch {
                        log("could not write ready file: \(error)")
                    }
                }
            },
            logger: logger)
        try await app.runService()
        log("stopped")
    }

    /// Seeds a new database; returns the seed it read (nil when the database was seeded before).
    @discardableResult
    static func prepare(_ db: any DatabaseWriter, _ options: DevServerOptions) async throws -> SeedFile? {
        let seeded = try await db.read { try Seeder.isSeeded($0) }
        var loaded: SeedFile? = nil
        if !seeded {
            let seed = try loadSeed(options.seedPath)
            // The people's password hashes (PBKDF2) on both cores, before the one-writer transaction.
            let hashes = PasswordHash.makeAll(seed.users?.map(\.password) ?? [])
            try await db.write { try Seeder.apply($0, seed, now: Clock.nowMs(), passwordHashes: hashes) }
            log("seeded demo data (\(seed.projects.count) projects)")
            loaded = seed
        }
        if options.bulk > 0 {
            try await db.write { try Seeder.bulkSecrets($0, count: options.bulk, now: Clock.nowMs()) }
            log("bulk: \(options.bulk) secrets in /bulk")
        }
        if options.bulkAudit > 0 {
            try await db.write { try AuditHistory.bulk($0, count: options.bulkAudit, now: Clock.nowMs()) }
            log("bulk-audit: \(options.bulkAudit) events")
        }
        return loaded
    }

    /// The seed's users that can log in, for the ready file (the database keeps only password hashes).
    static func readyUsers(_ db: any DatabaseWriter, _ options: DevServerOptions,
                           seed loaded: SeedFile? = nil) async throws -> [SeedFile.User] {
        let seed = try loaded ?? loadSeed(options.seedPath)
        let known = Set(try await db.read { try Store.users($0).filter { $0.passwordHash != nil }.map(\.email) })
        return (seed.users ?? []).filter { $0.password != nil && known.contains($0.email) }
    }

    static func loadSeed(_ path: String?) throws -> SeedFile {
        let url: URL
        if let path {
            url = URL(fileURLWithPath: path)
        } else if let bundled = bundledSeedURL() {
            url = bundled
        } else {
            throw DevServerError.seed("bundled demo-seed.json not found (pass --seed FILE)")
        }
        do {
            return try JSONDecoder().decode(SeedFile.self, from: try Data(contentsOf: url))
        } catch let e as DecodingError {
            throw DevServerError.seed("\(url.path): invalid seed file (\(e))")
        } catch {
            throw DevServerError.seed("\(url.path): \(error.localizedDescription)")
        }
    }

    /// Looks for the resource bundle beside the executable (SwiftPM's layout), then in
    /// `../share/infisical-tui/` beside its `bin/` (the `make install` layout) and, for a binary run
    /// from a source checkout, in the source tree. Avoids `Bundle.module`, which traps when missing.
    static func bundledSeedURL() -> URL? {
        let fm = FileManager.default
        var dirs: [URL] = [Bundle.main.bundleURL]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        var candidates = dirs.map { $0.appendingPathComponent("infisical-tui_DevServer.resources/demo-seed.json") }
        candidates += dirs.map { $0.deletingLastPathComponent().appendingPathComponent("share/infisical-tui/demo-seed.json") }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/demo-seed.json"))
        return candidates.first { fm.fileExists(atPath: $0.path) }
    }

    static func makeContext(_ db: any DatabaseWriter, _ options: DevServerOptions) async throws -> ServerContext {
        let (keyHex, org) = try await db.read { db in
            (try Store.meta(db, "signingKey") ?? "",
             ServerContext.Org(id: try Store.meta(db, "orgId") ?? "", name: try Store.meta(db, "orgName") ?? "",
                               slug: try Store.meta(db, "orgSlug") ?? ""))
        }
        var key: [UInt8] = []
        var it = keyHex.makeIterator()
        while let a = it.next(), let b = it.next(), let byte = UInt8(String([a, b]), radix: 16) { key.append(byte) }
        return ServerContext(db: db, signer: TokenSigner(keyBytes: key), tokenTTL: options.tokenTTL, org: org,
                             userTokenTTL: options.userTokenTTL, userRefreshTTL: options.userRefreshTTL,
                             mfaLockSeconds: options.mfaLockSeconds, versionsUserOnly: options.versionsUserOnly)
    }
}

/// The `--ready-file`: JSON with the URL and demo credentials (identities, and users with their
/// passwords and demo MFA codes), mode 0600, written atomically.
enum ReadyFile {
    static func write(path: String, url: String, identities: [IdentityRow], users: [SeedFile.User] = []) throws {
        let order = ["viewer", "developer", "admin", "owner"]
        let sorted = identities.sorted { (order.firstIndex(of: $0.role) ?? 99) < (order.firstIndex(of: $1.role) ?? 99) }
        let json = JSON.object([
            ("url", .string(url)),
            ("identities", .array(sorted.map { i in
                .object([("name", .string(i.name)), ("role", .string(i.role)), ("identityId", .string(i.id)),
                         ("clientId", .string(i.clientId)), ("clientSecret", .string(i.clientSecret))])
            })),
            ("users", .array(users.map { u in
                .object([("email", .string(u.email)), ("name", .string(u.name)), ("role", .str(u.role)),
                         ("password", .str(u.password)), ("mfaMethod", .str(u.mfa)),
                         ("mfaCode", u.mfa == nil ? .null : .str(u.mfaCode)),
                         ("otherOrganizations", .array((u.organizations ?? []).map { .string($0) }))])
            })),
        ])
        let bytes = json.serialized() + [0x0A]
        // O_EXCL for the temp file and link(2) for the final name: neither follows nor replaces
        // anything already there (a planted file or symlink would otherwise receive the demo
        // credentials, or feed a reader a URL of someone else's choosing). Readers see either
        // no file or the complete one.
        let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DevServerError.readyFile("\(tmp): \(String(cString: strerror(errno)))") }
        defer { unlink(tmp) }
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        fsync(fd)
        close(fd)
        guard written == bytes.count else { throw DevServerError.readyFile("short write") }
        guard link(tmp, path) == 0 else {
            let reason = errno == EEXIST ? "already exists; not replacing it" : String(cString: strerror(errno))
            throw DevServerError.readyFile("\(path): \(reason)")
        }
    }
}
