/// Keys × environments, compared without values: the one rule behind the dashboard's overview
/// (`o`) and `infisical-tui diff`. Each environment arrives as a map from (folder, key) to a digest
/// of the value (an HMAC with a key that lives only in the process that fetched the values), so
/// values never reach the comparison, the core's state or the screen.
public enum EnvironmentComparison {
    /// One secret of one environment, reduced to what the comparison needs.
    public struct Entry: Equatable, Sendable {
        public var digest: String
        /// Came from a secret import, not from the folder itself.
        public var imported: Bool
        /// The value could be a credential (`mayBeSecret`): only such values are flagged when
        /// production shares them. `false` in staging and prod is a setting, not a leak.
        public var mayBeSecret: Bool
        public init(digest: String, imported: Bool = false, mayBeSecret: Bool = true) {
            self.digest = digest; self.imported = imported; self.mayBeSecret = mayBeSecret
        }
    }

    /// Whether a value could be a credential: at least 8 characters and not a plain boolean or
    /// number (settings such as `true`, `info`, `20` legitimately repeat across environments).
    public static func mayBeSecret(_ value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if v.count < 8 { return false }
        if ["true", "false", "enabled", "disabled"].contains(v.lowercased()) { return false }
        if Double(v) != nil { return false }
        return true
    }

    /// Where a secret lives: its folder and key.
    public struct Location: Hashable, Comparable, Sendable {
        public var path: String
        public var key: String
        public init(path: String, key: String) { self.path = path; self.key = key }
        public static func < (a: Location, b: Location) -> Bool { (a.path, a.key) < (b.path, b.key) }
    }

    /// One environment's secrets in the compared folder (and below, for a recursive comparison).
    public struct Column: Equatable, Sendable {
        public var environment: String
        public var isProduction: Bool
        public var entries: [Location: Entry]
        public init(environment: String, isProduction: Bool, entries: [Location: Entry]) {
            self.environment = environment; self.isProduction = isProduction; self.entries = entries
        }
    }

    public enum Cell: Equatable, Sendable {
        case missing
        /// Present and equal to the reference (the first environment that has the key).
        case same
        case differs
        /// Present through a secret import (and equal to the reference, or the reference itself).
        case imported
        case importedDiffers
    }

    public struct Row: Equatable, Sendable {
        public var location: Location
        /// One cell per column, in column order.
        public var cells: [Cell]
        /// Non-production environments whose value is identical to a production one.
        public var sharedWithProduction: [String]
        public var isFlagged: Bool { !sharedWithProduction.isEmpty }
        public var hasMissing: Bool { cells.contains(.missing) }
        public var hasDifference: Bool { cells.contains(.differs) || cells.contains(.importedDiffers) }
    }

    /// Why a flagged row is flagged, in the guide's words.
    public static let flagReason = "a credential-like value identical in production and a non-production environment; the guide says: don't use the same secret across environments"

    /// The rows for `columns`, sorted by folder then key. The reference value of a row is the first
    /// column (in order) that has the key.
    public static func rows(_ columns: [Column]) -> [Row] {
        var all = Set<Location>()
        for c in columns { all.formUnion(c.entries.keys) }
        return all.sorted().map { loc in
            let entries = columns.map { $0.entries[loc] }
            let reference = entries.compactMap { $0 }.first?.digest
            let cells: [Cell] = entries.map { e in
                guard let e else { return .missing }
                let same = e.digest == reference
                if e.imported { return same ? .imported : .importedDiffers }
                return same ? .same : .differs
            }
            var shared: [String] = []
            let prodDigests = Set(zip(columns, entries).compactMap { c, e in c.isProduction && e?.mayBeSecret == true ? e?.digest : nil })
            for (c, e) in zip(columns, entries) where !c.isProduction {
                if let d = e?.digest, prodDigests.contains(d) { shared.append(c.environment) }
            }
            return Row(location: loc, cells: cells, sharedWithProduction: shared)
        }
    }

    /// What the overview can narrow to.
    public enum Filter: String, CaseIterable, Sendable {
        case all, differences, missing, flagged
        public func keeps(_ row: Row) -> Bool {
            switch self {
            case .all: return true
            case .differences: return row.hasDifference || row.hasMissing
            case .missing: return row.hasMissing
            case .flagged: return row.isFlagged
            }
        }
    }

    /// Two environments for `diff`: keys only in A, only in B, differing, and identical across a
    /// production / non-production pair. `ignoring` keys are left out (expected to differ).
    public struct Diff: Equatable, Sendable {
        public var onlyInA: [Location] = []
        public var onlyInB: [Location] = []
        public var differing: [Location] = []
        public var sharedAcrossProduction: [Location] = []
        public var isEqual: Bool { onlyInA.isEmpty && onlyInB.isEmpty && differing.isEmpty && sharedAcrossProduction.isEmpty }
    }

    public static func diff(_ a: Column, _ b: Column, ignoring: Set<String> = []) -> Diff {
        var d = Diff()
        for row in rows([a, b]) where !ignoring.contains(row.location.key) {
            switch (row.cells[0], row.cells[1]) {
            case (.missing, _): d.onlyInB.append(row.location)
            case (_, .missing): d.onlyInA.append(row.location)
            case (_, .differs), (_, .importedDiffers): d.differing.append(row.location)
            default: if row.isFlagged { d.sharedAcrossProduction.append(row.location) }
            }
        }
        return d
    }
}
