import Foundation
import InfisicalModels

/// The audit listing's rows, held by page so memory stays bounded however far the user pages:
/// only the pages on screen and their neighbours are resident (the reducer says which, see
/// `AuditReducer.syncAuditPages`); the others are dropped and fetched again, with the same offset
/// and limit, when the cursor comes back. What is known of a dropped page (how many rows it
/// holds) stays, so the row count, the cursor and the footer do not move when pages come and go.
///
/// Index space: follow's rows first (newest on top; always resident, they are what arrived while
/// the user watched), then the pages' rows in the server's order. Page `p` is the server's
/// events `p * pageSize ..< (p + 1) * pageSize` of the listing's fixed window.
public struct AuditPages: Equatable, Sendable {
    public static let pageSize = 100
    /// Pages kept on either side of the ones under the screen and the cursor.
    public static let radius = 1

    /// A resident page: its rows for drawing and the full entries for the metadata view.
    struct Page: Equatable, Sendable {
        var rows: [AuditRow]
        var entries: [AuditLogEntry]

        init(_ entries: [AuditLogEntry], utcOffset: Int) {
            self.entries = entries
            rows = entries.map { AuditRow($0, utcOffset: utcOffset) }
        }
    }

    /// Follow's rows and their entries, newest first.
    public private(set) var followed: [AuditRow] = []
    private var followedEntries: [AuditLogEntry] = []
    private var followedIds: Set<String> = []
    /// Where each page loaded so far starts (an index among the pages' rows); a page's length is
    /// the gap to the next start. One Int a page: this is what stays of a dropped page.
    private var starts: [Int] = []
    /// Rows of every page loaded so far, resident or not.
    public private(set) var pagedRows = 0
    /// Server events the pages have covered: the next page's offset.
    public private(set) var nextOffset = 0
    private var resident: [Int: Page] = [:]
    /// Ids of the first page (a poll may repeat its newest events) and of the last page appended
    /// (the next page repeats them if the server's list shifted between the two requests).
    private var firstPageIds: Set<String> = []
    private var lastPageIds: Set<String> = []
    /// The newest event's time: follow asks for what came since.
    public private(set) var newestTime: Date?

    public init() {}

    public var count: Int { followed.count + pagedRows }
    public var isEmpty: Bool { count == 0 }
    /// Pages loaded so far, resident or not.
    public var pageCount: Int { starts.count }
    public var residentPages: [Int] { resident.keys.sorted() }
    public func isResident(page p: Int) -> Bool { resident[p] != nil }

    /// The request offset of page `p`.
    public static func offset(ofPage p: Int) -> Int { p * pageSize }

    public func length(ofPage p: Int) -> Int {
        guard starts.indices.contains(p) else { return 0 }
        return (p + 1 < starts.count ? starts[p + 1] : pagedRows) - starts[p]
    }

    /// The page holding listing row `index`; nil for follow's rows and past the end.
    public func page(containing index: Int) -> Int? {
        let i = index - followed.count
        guard i >= 0, i < pagedRows, !starts.isEmpty else { return nil }
        // The last page starting at or before i (an empty page shares its start with the next).
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The row at `index`, or nil when its page is not resident (drawn as "loading…").
    public subscript(index: Int) -> AuditRow? {
        guard index >= 0 else { return nil }
        if index < followed.count { return followed[index] }
        guard let (page, j) = locate(index) else { return nil }
        return j < page.rows.count ? page.rows[j] : nil
    }

    /// The full entry behind row `index` while its page is resident (the metadata view).
    public func entry(at index: Int) -> AuditLogEntry? {
        guard index >= 0 else { return nil }
        if index < followed.count { return followedEntries[index] }
        guard let (page, j) = locate(index) else { return nil }
        return j < page.entries.count ? page.entries[j] : nil
    }

    private func locate(_ index: Int) -> (Page, Int)? {
        guard let p = page(containing: index), let page = resident[p] else { return nil }
        return (page, index - followed.count - starts[p])
    }

    // MARK: changes

    /// The next page of the listing (asked at `nextOffset`). Returns the rows added.
    @discardableResult
    mutating func append(_ entries: [AuditLogEntry], utcOffset: Int) -> Int {
        nextOffset += entries.count
        guard !entries.isEmpty else { return 0 }
        let p = starts.count
        // The first page may repeat what a poll brought before it; a later one the page before.
        let repeated = p == 0 ? followedIds : lastPageIds
        let kept = repeated.isEmpty ? entries : entries.filter { !repeated.contains($0.id) }
        let page = Page(kept, utcOffset: utcOffset)
        starts.append(pagedRows)
        pagedRows += kept.count
        resident[p] = page
        lastPageIds = Set(entries.map(\.id))
        if p == 0 {
            firstPageIds = lastPageIds
            if newestTime == nil { newestTime = page.rows.first?.time }
        }
        return kept.count
    }

    /// A dropped page fetched again. It is fitted to the length it had, so the count and every
    /// index stay put: if the server's list moved meanwhile, rows the neighbours already show are
    /// left out and the rest is cut to the old length (rows it lacks then read as gone).
    mutating func refill(page p: Int, _ entries: [AuditLogEntry], utcOffset: Int) {
        guard starts.indices.contains(p), resident[p] == nil else { return }
        var shown = p == 0 ? followedIds : []
        for q in [p - 1, p + 1] { if let n = resident[q] { shown.formUnion(n.rows.map(\.id)) } }
        let kept = shown.isEmpty ? entries : entries.filter { !shown.contains($0.id) }
        resident[p] = Page(Array(kept.prefix(length(ofPage: p))), utcOffset: utcOffset)
    }

    /// Keeps the pages in `wanted` and drops the rest (their length stays known).
    mutating func keep(pages wanted: ClosedRange<Int>) {
        for p in resident.keys where !wanted.contains(p) { resident[p] = nil }
    }

    /// Follow's newer events (newest first) on top of the list. Returns the rows added.
    mutating func prepend(_ entries: [AuditLogEntry], utcOffset: Int) -> [AuditRow] {
        var fresh: [AuditLogEntry] = []
        for e in entries where !followedIds.contains(e.id) && !firstPageIds.contains(e.id) {
            followedIds.insert(e.id)
            fresh.append(e)
        }
        let rows = fresh.map { AuditRow($0, utcOffset: utcOffset) }
        followed.insert(contentsOf: rows, at: 0)
        followedEntries.insert(contentsOf: fresh, at: 0)
        if let t = rows.compactMap(\.time).max(), newestTime.map({ t > $0 }) ?? true { newestTime = t }
        return rows
    }
}
