import Foundation
import InfisicalModels

/// Servers the user has confirmed for use from a repository's `.infisical.json`. A cloned
/// repository is not trusted with credentials: its `domain` is used only when it is the server the
/// user named (flag, environment, stored session), Infisical Cloud, or listed here
/// (`infisical-tui trust-domain URL`). One origin per line in `trusted-domains` in the config dir
/// (0600, dir 0700); a file another user owns or can write is refused, as the session file is.
public struct TrustedDomains: Sendable, Equatable {
    public var directory: String
    public var filePath: String { directory + "/trusted-domains" }

    public init(directory: String) { self.directory = directory }

    /// `$XDG_CONFIG_HOME/infisical-tui`, else `~/.config/infisical-tui`.
    public static func defaultDirectory(environment env: [String: String]) -> String {
        if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/infisical-tui" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/infisical-tui"
    }

    /// The canonical form compared and stored: lower-case scheme and host, explicit port, path.
    public static func key(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? "https"
        let port = url.port ?? (scheme == "http" ? 80 : 443)
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)\(path)"
    }

    public func list() throws -> [String] {
        guard let data = try PrivateFile.read(filePath, what: "the trusted-domains file",
                                              fix: "check it, then `chmod 600 \(filePath)` (or delete it)") else { return [] }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    public func contains(_ url: URL) throws -> Bool {
        let k = Self.key(url)
        return try list().contains { (try? ConfigResolver.normalizeDomain($0)).map(Self.key) == k }
    }

    /// Adds `url`; returns false when it was already there.
    @discardableResult
    public func add(_ url: URL) throws -> Bool {
        if try contains(url) { return false }
        try write(try list() + [url.absoluteString])
        return true
    }

    /// Removes `url`; returns false when it was not there.
    @discardableResult
    public func remove(_ url: URL) throws -> Bool {
        let k = Self.key(url)
        let all = try list()
        let kept = all.filter { (try? ConfigResolver.normalizeDomain($0)).map(Self.key) != k }
        if kept.count == all.count { return false }
        try write(kept)
        return true
    }

    private func write(_ lines: [String]) throws {
        try PrivateFile.makeDirectory(directory)
        let text = "# Servers trusted when a repository's .infisical.json names them (infisical-tui trust-domain).\n"
            + lines.filter { !$0.hasPrefix("#") }.map { $0 + "\n" }.joined()
        try AtomicFileWriter.write(Data(text.utf8), to: filePath, mode: 0o600)
    }
}
