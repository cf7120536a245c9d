import InfisicalModels

/// The folder pane's tree for the open project + environment. Children are fetched lazily, one
/// request per folder on its first expand, and cached until `R`; a folder's secret count is known
/// once a secrets list covered it (the folder's own list, or a recursive list of an ancestor):
/// no request is ever made just to count.
public struct FolderTree: Equatable, Sendable {
    /// Child folder names per loaded path, sorted. A path missing here has not been listed yet.
    public var children: [String: [String]] = [:]
    /// Folders shown open. The root is always open; a folder stays open while an ancestor is
    /// collapsed, so expanding the ancestor again shows the subtree as it was.
    public var expanded: Set<String> = []
    /// Own secrets per folder (imports excluded), from secrets lists already fetched.
    public var counts: [String: Int] = [:]
    /// Folders whose whole subtree a recursive list covered: a folder below one of them that the
    /// list did not mention holds no secret the identity can read.
    public var countedBelow: Set<String> = []
    /// Why a folder's children could not be listed (per folder; cleared by a later success).
    public var failures: [String: String] = [:]

    public init() {}

    /// The secret count of `path`, if a list covered it.
    public func count(of path: String) -> Int? {
        if let n = counts[path] { return n }
        var p = path
        while p != "/" {
            p = FolderPath.parent(of: p)
            if countedBelow.contains(p) { return 0 }
        }
        return nil
    }

    /// Records the counts a secrets list of `path` gives: the folder's own (non-imported) rows, and,
    /// for a recursive list, every folder below it.
    mutating func recordCounts(_ rows: [SecretRow], listedPath path: String, recursive: Bool) {
        // Lazy: no second array of the (possibly 10k) rows, even for a moment.
        let own = rows.lazy.filter { $0.importedFrom == nil }
        if recursive {
            // Counts below `path` are replaced wholesale: a folder the list no longer mentions is empty.
            for key in counts.keys where FolderPath.isInside(key, path) { counts[key] = nil }
            for row in own { counts[FolderPath.normalize(row.path), default: 0] += 1 }
            counts[path] = counts[path] ?? 0
            countedBelow.insert(path)
        } else {
            counts[path] = own.filter { FolderPath.normalize($0.path) == path }.count
        }
    }

    /// The rows on screen: the root, then each open folder's children, depth first. Empty until
    /// the root's children are known (the pane then says "loading…" or why it failed).
    public var rows: [FolderTreeRow] {
        guard children["/"] != nil else { return [] }
        var out = [FolderTreeRow(path: "/", name: "/", depth: 0, guides: [], isLast: true, toggle: toggle(of: "/"))]
        appendChildren(of: "/", guides: [], into: &out)
        return out
    }

    private func appendChildren(of path: String, guides: [Bool], into out: inout [FolderTreeRow]) {
        guard expanded.contains(path) || path == "/", let names = children[path] else { return }
        for (i, name) in names.enumerated() {
            let child = FolderPath.join(path, name)
            let last = i == names.count - 1
            let usable = FolderPath.isUsableName(name)
            out.append(FolderTreeRow(path: child, name: name, depth: guides.count + 1, guides: guides, isLast: last,
                                     toggle: usable ? toggle(of: child) : .leaf, usable: usable))
            // A name that cannot be a path segment is shown, never walked into.
            if usable { appendChildren(of: child, guides: guides + [!last], into: &out) }
        }
    }

    func toggle(of path: String) -> FolderTreeRow.Toggle {
        if failures[path] != nil, children[path] == nil { return .failed }
        guard let kids = children[path] else { return expanded.contains(path) || path == "/" ? .loading : .collapsed }
        if kids.isEmpty { return .leaf }
        return expanded.contains(path) || path == "/" ? .expanded : .collapsed
    }

    /// Whether `path` is shown (every ancestor open and listed).
    public func isVisible(_ path: String) -> Bool {
        rows.contains { $0.path == path }
    }
}

/// One row of the folder tree.
public struct FolderTreeRow: Equatable, Sendable {
    public enum Toggle: Equatable, Sendable {
        /// Not open (its children may or may not be known yet).
        case collapsed
        /// Open, its children on the rows below.
        case expanded
        /// Open, its children still being fetched.
        case loading
        /// Listed and holds no folder.
        case leaf
        /// Its children could not be listed (`FolderTree.failures` says why); expanding retries.
        case failed
    }
    public var path: String
    /// The folder's own name as the server sent it (untrusted), "/" for the root.
    public var name: String
    public var depth: Int
    /// Per ancestor level below the root: whether that ancestor has siblings after it (a `│` guide).
    public var guides: [Bool]
    public var isLast: Bool
    public var toggle: Toggle
    /// False for a name that cannot be a path segment (empty, `.`, `..`, or holding `/`).
    public var usable = true
}

/// Folder paths: `/`, `/a`, `/a/b`. One home for the rules the tree and the browse view share.
public enum FolderPath {
    public static func normalize(_ p: String) -> String {
        "/" + p.split(separator: "/").filter { !$0.isEmpty }.joined(separator: "/")
    }

    public static func join(_ base: String, _ child: String) -> String {
        base == "/" ? "/" + child : base + "/" + child
    }

    public static func parent(of p: String) -> String {
        guard p != "/", let slash = p.lastIndex(of: "/") else { return "/" }
        let head = String(p[..<slash])
        return head.isEmpty ? "/" : head
    }

    /// `/`, `/a`, `/a/b` for `/a/b`.
    public static func lineage(of p: String) -> [String] {
        var out = ["/"], cur = "/"
        for part in p.split(separator: "/") where !part.isEmpty {
            cur = join(cur, String(part)); out.append(cur)
        }
        return out
    }

    /// True when `p` is `base` or below it.
    public static func isInside(_ p: String, _ base: String) -> Bool {
        base == "/" || p == base || p.hasPrefix(base + "/")
    }

    /// A name the server sent that can be joined into a path without changing its meaning.
    public static func isUsableName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/")
    }
}
