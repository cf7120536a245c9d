import Foundation
import InfisicalModels

/// Which audit pages stay resident, and fetching dropped ones again (AuditPages.swift). Runs after
/// every cursor change and every page answer, so memory follows the cursor: the pages under the
/// screen and the cursor, `AuditPages.radius` either side, whatever the listing's length.
extension AuditReducer {
    /// The pages the screen needs now.
    var wantedPages: ClosedRange<Int>? {
        let rows = audit.rows
        guard rows.pageCount > 0 else { return nil }
        let c = audit.cursor
        let first = min(c.scroll, c.selected), last = max(c.scroll + auditVisibleRows - 1, c.selected)
        // Follow's rows sit above page 0; past the end is the last page.
        func page(_ i: Int) -> Int { rows.page(containing: i) ?? (i < rows.followed.count ? 0 : rows.pageCount - 1) }
        let r = AuditPages.radius
        return max(0, page(first) - r)...min(rows.pageCount - 1, page(last) + r)
    }

    /// Drops pages out of reach and asks for the nearest wanted page that is missing, one at a
    /// time. A fetch for a page no longer wanted is dropped, so its late answer is too.
    mutating func syncAuditPages() {
        guard let wanted = wantedPages else { return }
        audit.rows.keep(pages: wanted)
        if inFlight.contains(.auditRefetch) {
            if let p = audit.refetchingPage, wanted.contains(p) { return }
            drop(.auditRefetch)
        }
        audit.refetchingPage = nil
        let at = audit.rows.page(containing: audit.cursor.selected) ?? wanted.lowerBound
        let missing = wanted.filter { !audit.rows.isResident(page: $0) && $0 != audit.failedPage?.page }
        guard let p = missing.min(by: { abs($0 - at) < abs($1 - at) }),
              let req = auditRequest(start: audit.windowStart, end: audit.windowEnd, offset: AuditPages.offset(ofPage: p),
                                     limit: AuditState.pageSize)
        else { return }
        audit.refetchingPage = p
        ask(.auditRefetch, .audit(.loadPage(req)))
    }

    /// A dropped page came back: kept if still wanted, then the next missing one is asked for.
    mutating func refilled(page p: Int, _ entries: [AuditLogEntry]) {
        audit.refetchingPage = nil
        if wantedPages?.contains(p) == true {
            learnActors(entries)
            audit.rows.refill(page: p, entries, utcOffset: ctx.utcOffset)
        }
        syncAuditPages()
    }

    /// Its rows say why; it is asked again when the user moves (not in a loop).
    mutating func refillFailed(page p: Int, _ e: InfisicalError) {
        audit.refetchingPage = nil
        guard e.kind != .cancelled else { return }
        audit.failedPage = AuditPageFailure(page: p, message: e.message)
        outcomes.append(.error(e))
        syncAuditPages()
    }
}
