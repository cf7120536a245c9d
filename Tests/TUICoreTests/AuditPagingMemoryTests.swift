import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The audit listing keeps only the pages near the cursor (AuditPages.swift): paging through a
/// long listing stays bounded, going back fetches exactly the dropped page, late answers for
/// pages no longer wanted are dropped, and the metadata view still has the whole entry.
final class AuditPagingMemoryTests: XCTestCase {
    let t0 = Fixtures.t0

    /// A synthetic listing of `total` events, newest first, answering any offset/limit like the
    /// server would (the request's window is fixed, so the same offset always brings the same events).
    struct Listing {
        var total: Int
        let t0: Date
        /// Every page request answered, in order: (slot it was in flight in, request).
        var served: [(RequestSlot, AuditRequest)] = []

        func entry(_ i: Int) -> AuditLogEntry {
            let meta: JSONValue = .object(["environment": .string("prod"), "secretPath": .string("/svc/\(i % 17)"),
                                           "secretKey": .string("KEY_\(i)"), "secretVersion": .number(Double(i % 9))])
            return AuditLogEntry(id: "ev\(i)", ipAddress: "203.0.113.\(i % 250)", userAgent: "cli/\(i)", userAgentType: "cli",
                                 createdAt: AuditScreenTests.iso(t0.addingTimeInterval(-Double(i) - 1)), projectId: "p-store",
                                 projectName: "opticworks-store", event: .init(type: "get-secret", metadata: meta),
                                 actor: .init(type: "identity", metadata: .object(["identityId": .string("id-\(i % 5)"),
                                                                                   "name": .string("robot-\(i % 5)")])))
        }

        func answer(_ r: AuditRequest) -> [AuditLogEntry] {
            let lo = min(r.offset, total), hi = min(r.offset + r.limit, total)
            return (lo..<hi).map(entry)
        }
    }

    func pageRequests(_ effects: [Effect]) -> [(RequestID, AuditRequest)] {
        effects.compactMap { if case .request(let id, .audit(.loadPage(let r))) = $0 { return (id, r) }; return nil }
    }

    /// Answers page requests (and the ones they lead to) until none is left.
    @discardableResult
    func serve(_ s: inout AppState, _ listing: inout Listing, _ effects: [Effect], check: (AppState) -> Void = { _ in }) -> Int {
        var queue = pageRequests(effects), answered = 0
        while !queue.isEmpty {
            let (id, r) = queue.removeFirst()
            let slot: RequestSlot = s.requests.id(of: .auditRefetch) == id ? .auditRefetch : .auditPage
            listing.served.append((slot, r))
            queue += pageRequests(Fixtures.send(&s, .answered(id, .audit(.page(.success(listing.answer(r)))))))
            answered += 1
            check(s)
        }
        return answered
    }

    /// The audit screen opened at 80×24 (19 rows visible) and its first page answered.
    func opened(_ listing: inout Listing, height: Int = 24) -> AppState {
        var s = Fixtures.loadedState(width: 80, height: height)
        serve(&s, &listing, Fixtures.press(&s, .char("a")))
        return s
    }

    /// Pages on screen at 19 visible rows: at most 2 (a screen straddles one page boundary),
    /// plus the radius on either side.
    let bound = 2 + 2 * AuditPages.radius

    func testPagingToTheEndOf100kEventsKeepsABoundedNumberOfPagesResident() {
        var listing = Listing(total: 100_037, t0: t0)
        var s = opened(&listing)
        var peak = 0
        let answered = serve(&s, &listing, Fixtures.press(&s, .end)) { st in
            peak = max(peak, st.audit.rows.residentPages.count)
            XCTAssertEqual(st.audit.cursor.selected, st.audit.rows.count - 1, "G stays on the last row")
        }
        XCTAssertEqual(answered, 1000, "pages 1…1000 asked once each")
        XCTAssertEqual(s.audit.rows.count, 100_037)
        XCTAssertTrue(s.audit.reachedEnd)
        XCTAssertLessThanOrEqual(peak, bound)
        XCTAssertEqual(s.audit.rows.residentPages, [999, 1000])
        XCTAssertTrue(Fixtures.screen(s).joined().contains("100037/100037 loaded · end"), Fixtures.screen(s).joined(separator: "\n"))
        XCTAssertEqual(s.audit.rows[100_036]?.pathKey, "/svc/\(100_036 % 17)/KEY_100036")
        // Back up a screen at a time to the top: every visible row is there once its page is
        // answered, and the resident pages stay bounded all the way.
        var steps = 0
        while s.audit.cursor.selected > 0 {
            serve(&s, &listing, Fixtures.press(&s, .pageUp)) { peak = max(peak, $0.audit.rows.residentPages.count) }
            let c = s.audit.cursor
            for i in c.scroll..<min(s.audit.rows.count, c.scroll + 19) {
                XCTAssertEqual(s.audit.rows[i]?.id, "ev\(i)", "row \(i) after paging up")
                if s.audit.rows[i] == nil { return }
            }
            steps += 1
        }
        XCTAssertGreaterThan(steps, 5000)
        XCTAssertLessThanOrEqual(peak, bound)
        XCTAssertEqual(s.audit.rows.residentPages, [0, 1])
        XCTAssertEqual(s.audit.rows.count, 100_037, "the count never moved")
        // Every page was fetched again exactly once on the way up (1001 pages, the last two resident).
        let refetched = listing.served.filter { $0.0 == .auditRefetch }.map { $0.1.offset / 100 }
        XCTAssertEqual(refetched, Array((0...998).reversed()))
    }

    func testGoingBackRefetchesExactlyTheDroppedPageWithTheSameRequest() {
        var listing = Listing(total: 1_000, t0: t0)
        var s = opened(&listing)
        serve(&s, &listing, Fixtures.press(&s, .end))
        XCTAssertEqual(s.audit.rows.count, 1_000)
        XCTAssertEqual(s.audit.rows.residentPages, [8, 9])
        let firstAsk = listing.served.first { $0.1.offset == 300 }!.1

        // k within the last page: nothing is asked.
        XCTAssertTrue(pageRequests(Fixtures.press(&s, .char("k"), .char("k"))).isEmpty)
        // Into page 7: its neighbour 6 is fetched ahead, 9 is dropped.
        for _ in 0..<12 { serve(&s, &listing, Fixtures.press(&s, .pageUp)) }
        XCTAssertEqual(s.audit.cursor.selected, 997 - 12 * 19)
        XCTAssertEqual(s.audit.rows.residentPages, [6, 7, 8])
        XCTAssertEqual(listing.served.last?.1.offset, 600)

        // A jump far up (the cursor put there, then a move through the reducer).
        listing.served = []
        s.audit.cursor = ListCursor(selected: 340, scroll: 340)
        let effects = Fixtures.press(&s, .char("j"))
        let asked = pageRequests(effects)
        XCTAssertEqual(asked.map(\.1.offset), [300], "the cursor's page first, one at a time")
        XCTAssertEqual(asked.first?.1, firstAsk, "the same request the first load made")
        XCTAssertTrue(s.requests.isInFlight(.auditRefetch))
        // While it is in flight the rows say so; the count and the footer do not move.
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("loading…"), screen)
        XCTAssertTrue(screen.contains("342/1000 loaded"), screen)
        serve(&s, &listing, effects)
        XCTAssertEqual(listing.served.map(\.1.offset), [300, 200, 400])
        XCTAssertEqual(s.audit.rows.residentPages, [2, 3, 4])
        XCTAssertEqual(s.audit.selectedRow?.id, "ev341")
        XCTAssertFalse(Fixtures.screen(s).joined().contains("loading…"))
    }

    func testALateAnswerForAPageNoLongerWantedIsDropped() {
        var listing = Listing(total: 1_000, t0: t0)
        var s = opened(&listing)
        serve(&s, &listing, Fixtures.press(&s, .end))
        // g asks for page 0 again …
        let toTop = pageRequests(Fixtures.press(&s, .char("g")))
        XCTAssertEqual(toTop.map(\.1.offset), [0])
        // … but G goes back to the end before it answers: that fetch is dropped for the end's
        // page (dropped too while the cursor was at the top).
        XCTAssertEqual(pageRequests(Fixtures.press(&s, .end)).map(\.1.offset), [900])
        XCTAssertEqual(s.audit.refetchingPage, 9)
        let before = s.audit
        Fixtures.send(&s, .answered(toTop[0].0, .audit(.page(.success(listing.answer(toTop[0].1))))))
        XCTAssertEqual(s.audit, before, "the late answer changed nothing")
        XCTAssertFalse(s.audit.rows.isResident(page: 0))

        // A fetch superseded by a nearer one: only the current one is kept.
        let first = pageRequests(Fixtures.press(&s, .char("g")))
        XCTAssertEqual(first.map(\.1.offset), [0])
        s.audit.cursor = ListCursor(selected: 500, scroll: 495)
        let second = pageRequests(Fixtures.press(&s, .char("j")))
        XCTAssertEqual(second.map(\.1.offset), [500])
        Fixtures.send(&s, .answered(first[0].0, .audit(.page(.success(listing.answer(first[0].1))))))
        XCTAssertFalse(s.audit.rows.isResident(page: 0), "the superseded answer is dropped")
        serve(&s, &listing, [.request(second[0].0, .audit(.loadPage(second[0].1)))])
        XCTAssertEqual(s.audit.rows.residentPages, [3, 4, 5, 6], "the screen straddles pages 4 and 5")
    }

    func testTheMetadataViewShowsTheWholeEntryOfARowWhosePageWasDroppedAndFetchedAgain() {
        var listing = Listing(total: 2_000, t0: t0)
        var s = opened(&listing)
        serve(&s, &listing, Fixtures.press(&s, .end))
        XCTAssertFalse(s.audit.rows.isResident(page: 0))
        serve(&s, &listing, Fixtures.press(&s, .char("g"), .char("j"), .char("j")))
        XCTAssertEqual(s.audit.selectedRow?.id, "ev2")
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.audit.detailIndex, 2)
        let lines = AuditDetailContent.lines(s.audit, utcOffset: 0).map { $0.label + " " + $0.text }
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("Agent cli/2"), text)
        XCTAssertTrue(text.contains("Event id ev2"), text)
        XCTAssertTrue(text.contains("\"secretKey\": \"KEY_2\""), text)
        XCTAssertTrue(text.contains("\"secretVersion\": 2"), text)
        XCTAssertTrue(text.contains("\"identityId\": \"id-2\""), text)
        XCTAssertTrue(Fixtures.screen(s).joined(separator: "\n").contains("\"secretKey\": \"KEY_2\""))
    }

    func testFollowStillAsksSinceTheNewestEventWhenTheFirstPageIsDropped() {
        var listing = Listing(total: 1_000, t0: t0)
        var s = opened(&listing)
        serve(&s, &listing, Fixtures.press(&s, .end))
        XCTAssertFalse(s.audit.rows.isResident(page: 0))
        let polls = Fixtures.press(&s, .char("f")).compactMap { e -> AuditRequest? in
            if case .request(_, .audit(.poll(let r))) = e { return r }; return nil
        }
        XCTAssertEqual(polls.first?.start, AuditTime.parseISO(listing.entry(0).createdAt))
        // A poll repeating the newest event adds only the new one; the cursor stays on its event.
        let selected = s.audit.selectedRow?.id
        var newer = listing.entry(0); newer.id = "new1"; newer.createdAt = AuditScreenTests.iso(t0)
        Fixtures.reply(&s, .auditPoll, .audit(.polled(.success([newer, listing.entry(0)]))))
        XCTAssertEqual(s.audit.rows.count, 1_001)
        XCTAssertEqual(s.audit.selectedRow?.id, selected)
        XCTAssertEqual(s.audit.rows[0]?.id, "new1")
        XCTAssertEqual(s.audit.rows.residentPages, [8, 9])
    }

    func testAFailedRefetchSaysSoInItsRowsAndIsAskedAgainOnlyWhenTheUserMoves() {
        var listing = Listing(total: 1_000, t0: t0)
        var s = opened(&listing)
        serve(&s, &listing, Fixtures.press(&s, .end))
        let asked = pageRequests(Fixtures.press(&s, .char("g")))
        XCTAssertEqual(asked.map(\.1.offset), [0])
        let effects = Fixtures.send(&s, .answered(asked[0].0, .audit(.page(.failure(InfisicalError(.unreachable, "connection reset"))))))
        XCTAssertEqual(pageRequests(effects).map(\.1.offset), [100], "the neighbour is still asked, the failed page is not")
        XCTAssertTrue(Fixtures.screen(s)[3].contains("✗ connection reset (move to retry)"), Fixtures.screen(s)[3])
        XCTAssertEqual(s.audit.rows.count, 1_000)
        serve(&s, &listing, effects)
        XCTAssertEqual(pageRequests(Fixtures.press(&s, .char("j"))).map(\.1.offset), [0], "a move asks again")
    }

    func testRowsKeepOnlyTheirColumnsAndTheActorsIdAndType() {
        // The row type holds no entry: the metadata lives with its page only.
        let labels = Mirror(reflecting: AuditRow(Listing(total: 1, t0: t0).entry(0), utcOffset: 0)).children.compactMap(\.label)
        XCTAssertEqual(labels, ["id", "time", "timeText", "actor", "event", "environment", "pathKey", "source", "ip", "actorId", "actorType"])
    }

    func testARefetchedPageIsFittedToItsOldLengthWhenTheServersListMoved() {
        let listing = Listing(total: 300, t0: t0)
        var pages = AuditPages()
        for p in 0..<3 { pages.append((p * 100..<(p + 1) * 100).map(listing.entry), utcOffset: 0) }
        pages.keep(pages: 0...0)
        XCTAssertEqual(pages.residentPages, [0])
        XCTAssertEqual(pages.count, 300, "dropped pages keep their length")
        XCTAssertNil(pages[150])
        // An event came in with an old time: offset 100 now starts with one page 0 already shows.
        pages.refill(page: 1, (99..<199).map(listing.entry), utcOffset: 0)
        XCTAssertEqual(pages.count, 300)
        XCTAssertEqual(pages[100]?.id, "ev100", "the repeat is left out, every index stays put")
        XCTAssertEqual(pages[198]?.id, "ev198")
        XCTAssertNil(pages[199], "a row the page no longer has reads as gone, not as another event")
        XCTAssertEqual(pages.entry(at: 150)?.id, "ev150")
        // More rows than the page had (the list grew): cut to the old length.
        pages.keep(pages: 2...2)
        pages.refill(page: 2, (200..<300).map(listing.entry), utcOffset: 0)
        pages.keep(pages: 1...2)
        pages.refill(page: 1, (100..<200).map(listing.entry) + [listing.entry(0)], utcOffset: 0)
        XCTAssertEqual(pages[199]?.id, "ev199")
        XCTAssertEqual(pages.count, 300)
    }
}
