import Foundation

/// Byte-level search for secret values in every file under some directories, for the hygiene test.
///
/// Why bytes and several needles per value: a value can land on disk re-encoded (JSON escapes a
/// newline as `\n` and may escape non-ASCII as `\uXXXX`, dotenv quotes it). So each value is
/// searched whole, line by line, and by its random ASCII tokens, which survive any such escaping.
/// Labels name the value, never contain it, so a failure report does not itself print a secret.
struct SecretScanner {
    struct Needle {
        var label: String
        var bytes: Data
    }

    struct Hit: CustomStringConvertible {
        var path: String
        var label: String
        var offset: Int
        var description: String { "\(label) in \(path) at byte \(offset)" }
    }

    struct Report {
        var files = 0
        var bytes = 0
        var hits: [Hit] = []
        /// Entries that could not be read (a scan that silently skips files proves nothing).
        var unreadable: [String] = []
        /// Symbolic links seen (not followed: they could lead outside the scanned tree).
        var links: [String] = []
        /// Entries deleted by their owner between listing and reading (shared dirs only).
        var vanished = 0
    }

    var needles: [Needle] = []

    /// A value under `label`: the whole value, each of its lines (when it has several), and each
    /// `tokens` entry (distinctive ASCII parts of it).
    mutating func add(_ label: String, value: String, tokens: [String] = []) {
        needles.append(Needle(label: label, bytes: Data(value.utf8)))
        let lines = value.split(separator: "\n", omittingEmptySubsequences: true)
        if lines.count > 1 {
            for (i, l) in lines.enumerated() where l.utf8.count >= 12 {
                needles.append(Needle(label: "\(label) line \(i + 1)", bytes: Data(l.utf8)))
            }
        }
        for (i, t) in tokens.enumerated() {
            precondition(t.utf8.count >= 16, "a token must be distinctive")
            needles.append(Needle(label: "\(label) token \(i + 1)", bytes: Data(t.utf8)))
        }
    }

    /// What to leave out of a walk.
    struct Filter {
        /// Files not searched (the intended outputs, e.g. an export file).
        var excluding: Set<String> = []
        /// Directories not entered (e.g. the dev server's own database dir).
        var skippingDirectories: Set<String> = []
        /// Only files changed at or after this time (for shared dirs such as /tmp).
        var modifiedSince: Date?
    }

    /// Every regular file under `roots` (recursively, links not followed) that `filter` lets
    /// through, searched for every needle.
    func scan(_ roots: [String], excluding: Set<String> = []) -> Report {
        scan(roots, filter: Filter(excluding: excluding))
    }

    func scan(_ roots: [String], filter: Filter) -> Report {
        var report = Report()
        for root in roots { walk(root, filter: filter, into: &report) }
        return report
    }

    /// `text` (e.g. a terminal's scrollback) searched for every needle; the labels found.
    func find(in text: String) -> [String] {
        let data = Data(text.utf8)
        return needles.filter { data.range(of: $0.bytes) != nil }.map(\.label)
    }

    private func walk(_ path: String, filter: Filter, into report: inout Report) {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT { report.vanished += 1 } else { report.unreadable.append(path) }
            return
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            guard !filter.skippingDirectories.contains(path) else { return }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                if access(path, F_OK) != 0 { report.vanished += 1 } else { report.unreadable.append(path) }
                return
            }
            for e in entries.sorted() { walk(path + "/" + e, filter: filter, into: &report) }
        case S_IFREG:
            guard !filter.excluding.contains(path) else { return }
            if let since = filter.modifiedSince,
               Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9 < since.timeIntervalSince1970 - 1 { return }
            guard let data = FileManager.default.contents(atPath: path) else {
                if access(path, F_OK) != 0 { report.vanished += 1 } else { report.unreadable.append(path) }
                return
            }
            report.files += 1
            report.bytes += data.count
            for n in needles {
                if let r = data.range(of: n.bytes) {
                    report.hits.append(Hit(path: path, label: n.label, offset: r.lowerBound - data.startIndex))
                }
            }
        case S_IFLNK:
            report.links.append(path)
        default:
            break       // sockets and fifos hold no bytes at rest
        }
    }
}
