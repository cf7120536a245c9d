import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The audit screen and the detail view's activity, driven like the app drives the core.
final class AuditScreenTests: XCTestCase {
    let t0 = Fixtures.t0

    static func iso(_ d: Date) -> String {
        AuditTime.formatLocal(d, utcOffset: 0).replacingOccurrences(of: " ", with: "T") + ".000Z"
    }

    func entry(_ id: String, minutesAgo: Double, actor: String = "demo-developer", actorId: String = "id-dev",
               type: String = "get-secret", env: String = "prod", path: String = "/stripe", key: String? = "STRIPE_SECRET_KEY",
               source: String = "cli", extra: [String: JSONValue] = [:]) -> AuditLogEntry {
        var meta: [String: JSONValue] = ["environment": .string(env), "secretPath": .string(path)]
        if let key { meta["secretKey"] = .string(key) }
        for (k, v) in extra { meta[k] = v }
        return AuditLogEntry(id: id, ipAddress: "203.0.113.7", userAgent: source, userAgentType: source,
                             createdAt: Self.iso(t0.addingTimeInterval(-minutesAgo * 60)), projectId: "p-store",
                             projectName: "opticworks-store", event: .init(type: type, metadata: .object(meta)),
                             actor: .init(type: "identity", metadata: .object(["identityId": .string(actorId), "name": .string(actor)])))
    }

    func page(_ n: Int, from: Int = 0) -> [AuditLogEntry] {
        (from..<(from + n)).map { entry("e\($0)", minutesAgo: Double($0 + 1)) }
    }

    func pageRequests(_ effects: [Effect]) -> [(RequestID, AuditRequest)] {
        effects.compactMap { if case .request(let id, .audit(.loadPage(let r))) = $0 { return (id, r) }; return nil }
    }

    /// Opens the audit screen and answers its first page.
    func opened(_ first: [AuditLogEntry]? = nil, width: Int = 80, height: Int = 24) -> AppState {
        var s = Fixtures.loadedState(width: width, height: height)
        let reqs = pageRequests(Fixtures.press(&s, .char("a")))
        XCTAssertEqual(reqs.count, 1)
        if let (id, _) = reqs.first {
            Fixtures.send(&s, .answered(id, .audit(.page(.success(first ?? page(100))))))
        }
        return s
    }

    func testOpenAsksForTheLast24HoursOfTheOpenProjectNewestFirst() {
        var s = Fixtures.loadedState()
        let reqs = pageRequests(Fixtures.press(&s, .char("a")))
        XCTAssertEqual(s.screen, .audit)
        XCTAssertEqual(reqs.count, 1)
        let r = reqs[0].1
        XCTAssertEqual(r.projectId, "p-store")
        XCTAssertEqual(r.start, t0.addingTimeInterval(-86400))
        XCTAssertEqual(r.end, t0)
        XCTAssertEqual(r.offset, 0)
        XCTAssertEqual(r.limit, AuditState.pageSize)
        XCTAssertNil(r.actor); XCTAssertNil(r.environment); XCTAssertEqual(r.eventTypes, [])
        XCTAssertTrue(s.requests.isInFlight(.auditPage))
        XCTAssertTrue(Fixtures.screen(s).joined(separator: "\n").contains("loading audit events"))
    }

    func testPresetsComputeTheirStartFromNow() {
        var s = opened()
        for (k, secs) in [("1", 3600.0), ("3", 7 * 86400.0), ("4", 30 * 86400.0), ("2", 86400.0)] {
            let reqs = pageRequests(Fixtures.press(&s, .char(Character(k))))
            XCTAssertEqual(reqs.count, 1, k)
            XCTAssertEqual(reqs.first?.1.start, t0.addingTimeInterval(-secs), k)
            XCTAssertEqual(s.audit.rows.count, 0, "a new range starts a new listing")
        }
        XCTAssertTrue(Fixtures.screen(s)[1].contains("last 24 h"))
    }

    func testFiltersCombineIntoTheServerQueryAndResolveTheActorToItsId() {
        var s = opened([entry("x1", minutesAgo: 1), entry("x2", minutesAgo: 2, actor: "demo-admin", actorId: "id-admin")])
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "demo-dev"); Fixtures.press(&s, .tab)
        Fixtures.type(&s, "get-secret,update-secret"); Fixtures.press(&s, .tab)
        Fixtures.type(&s, "prod"); Fixtures.press(&s, .tab)
        Fixtures.type(&s, "STRIPE_SECRET_KEY")
        let reqs = pageRequests(Fixtures.press(&s, .enter))
        XCTAssertNil(s.overlay)
        XCTAssertEqual(reqs.count, 1)
        let r = reqs[0].1
        XCTAssertEqual(r.actor, "id-dev")
        XCTAssertEqual(r.actorType, "identity")
        XCTAssertEqual(r.eventTypes, ["get-secret", "update-secret"])
        XCTAssertEqual(r.environment, "prod")
        XCTAssertEqual(r.secretKey, "STRIPE_SECRET_KEY")
        XCTAssertEqual(r.start, t0.addingTimeInterval(-86400), "filters keep the range")
        XCTAssertTrue(Fixtures.screen(s)[1].contains("actor=demo-dev"))
        // x clears them all.
        let cleared = pageRequests(Fixtures.press(&s, .char("x")))
        XCTAssertEqual(cleared.first?.1.actor, nil)
        XCTAssertEqual(cleared.first?.1.environment, nil)
    }

    func testFilterFormRejectsUnknownActorsEnvironmentsAndBadDates() {
        var s = opened([entry("x1", minutesAgo: 1), entry("x2", minutesAgo: 2, actor: "demo-admin", actorId: "id-admin")])
        Fixtures.press(&s, .char("/"))
        Fixtures.type(&s, "nobody")
        XCTAssertTrue(pageRequests(Fixtures.press(&s, .enter)).isEmpty)
        guard case .auditFilters(let f)? = s.overlay else { return XCTFail("form closed") }
        XCTAssertTrue(f.error?.contains("no loaded event has an actor 'nobody'") == true, f.error ?? "")
        // "demo" matches two actors: ambiguous.
        Fixtures.press(&s, .ctrl("u")); Fixtures.type(&s, "demo")
        Fixtures.press(&s, .enter)
        guard case .auditFilters(let f2)? = s.overlay else { return XCTFail("form closed") }
        XCTAssertTrue(f2.error?.contains("several actors") == true, f2.error ?? "")
        Fixtures.press(&s, .ctrl("u"))
        // Unknown environment.
        Fixtures.press(&s, .tab, .tab); Fixtures.type(&s, "qa")
        Fixtures.press(&s, .enter)
        guard case .auditFilters(let f3)? = s.overlay else { return XCTFail("form closed") }
        XCTAssertTrue(f3.error?.contains("'qa' is not an environment") == true, f3.error ?? "")
        Fixtures.press(&s, .ctrl("u"))
        // Bad dates, then To before From, then a valid local range (utcOffset honoured).
        s.session.utcOffset = 3600
        Fixtures.press(&s, .tab, .tab); Fixtures.type(&s, "2025-13-01")
        Fixtures.press(&s, .enter)
        guard case .auditFilters(let f4)? = s.overlay else { return XCTFail("form closed") }
        XCTAssertTrue(f4.error?.contains("is not a valid YYYY-MM-DD[ HH:MM] time") == true, f4.error ?? "")
        XCTAssertTrue(Fixtures.screen(s).joined(separator: "\n").contains("is not a valid YYYY-MM-DD[ HH:MM] time"))
        Fixtures.press(&s, .ctrl("u")); Fixtures.type(&s, "2025-11-20 10:00"); Fixtures.press(&s, .tab)
        Fixtures.type(&s, "2025-11-19")
        Fixtures.press(&s, .enter)
        guard case .auditFilters(let f5)? = s.overlay else { return XCTFail("form closed") }
        XCTAssertEqual(f5.error, "To must be after From")
        Fixtures.press(&s, .ctrl("u")); Fixtures.type(&s, "2025-11-21")
        let reqs = pageRequests(Fixtures.press(&s, .enter))
        XCTAssertNil(s.overlay)
        // 2025-11-20 10:00 at UTC+1 = 09:00 UTC; a date alone as To means the end of that day.
        XCTAssertEqual(reqs.first?.1.start, AuditTime.parseISO("2025-11-20T09:00:00.000Z"))
        XCTAssertEqual(reqs.first?.1.end?.timeIntervalSince1970 ?? 0,
                       AuditTime.parseISO("2025-11-21T23:00:00.000Z")!.timeIntervalSince1970 - 0.001, accuracy: 0.0001)
        XCTAssertTrue(Fixtures.screen(s)[1].contains("2025-11-20 10:00 →"), Fixtures.screen(s)[1])
    }

    func testPagingAsksForTheNextOffsetOnceAndStopsAtAShortPage() {
        var s = opened()
        XCTAssertEqual(s.audit.rows.count, 100)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("100 loaded · more…"))
        // j near the top: no page yet.
        XCTAssertTrue(pageRequests(Fixtures.press(&s, .char("j"))).isEmpty)
        // Near the end: exactly one request, even when pressing on.
        let first = pageRequests(Fixtures.press(&s, .char("G")))
        XCTAssertEqual(first.map(\.1.offset), [100])
        XCTAssertTrue(pageRequests(Fixtures.press(&s, .char("k"), .char("j"))).isEmpty, "one page in flight at a time")
        // A stale answer (an older request's id) changes nothing.
        Fixtures.send(&s, .answered(RequestID(first[0].0.raw - 1), .audit(.page(.success(page(5, from: 500))))))
        XCTAssertEqual(s.audit.rows.count, 100)
        // A duplicate row (the server shifted) is dropped; a short page ends the listing.
        let effects = Fixtures.send(&s, .answered(first[0].0, .audit(.page(.success([entry("e99", minutesAgo: 100)] + page(29, from: 100))))))
        XCTAssertTrue(pageRequests(effects).isEmpty)
        XCTAssertEqual(s.audit.rows.count, 129)
        XCTAssertTrue(s.audit.reachedEnd)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("129 loaded · end"))
        XCTAssertFalse(s.requests.isInFlight(.auditPage))
    }

    func testGKeepsLoadingPagesToTheEnd() {
        var s = opened()
        var reqs = pageRequests(Fixtures.press(&s, .end))
        for i in 1...3 {
            XCTAssertEqual(reqs.map(\.1.offset), [i * 100])
            reqs = pageRequests(Fixtures.send(&s, .answered(reqs[0].0, .audit(.page(.success(page(100, from: i * 100)))))))
            XCTAssertEqual(s.audit.cursor.selected, s.audit.rows.count - 1, "stays on the last row")
        }
        reqs = pageRequests(Fixtures.send(&s, .answered(reqs[0].0, .audit(.page(.success(page(3, from: 400)))))))
        XCTAssertTrue(reqs.isEmpty)
        XCTAssertEqual(s.audit.rows.count, 403)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("403/403 loaded · end"))
    }

    func polls(_ effects: [Effect]) -> [(RequestID, AuditRequest)] {
        effects.compactMap { if case .request(let id, .audit(.poll(let r))) = $0 { return (id, r) }; return nil }
    }

    func testFollowPollsWhenDueOneAtATimeAndHighlightsNewRows() {
        var s = opened(page(10))
        var p = polls(Fixtures.press(&s, .char("f")))
        XCTAssertEqual(p.count, 1)
        XCTAssertEqual(p[0].1.start, AuditTime.parseISO(s.audit.rows.entry(at: 0)!.createdAt), "since the newest row")
        XCTAssertNil(p[0].1.end)
        // In flight: ticks ask nothing more.
        XCTAssertTrue(polls(Fixtures.send(&s, .tick(now: t0.addingTimeInterval(10)))).isEmpty)
        Fixtures.send(&s, .answered(p[0].0, .audit(.polled(.success([entry("n1", minutesAgo: 0), entry("n2", minutesAgo: 0.5), entry("e0", minutesAgo: 1)])))))
        XCTAssertEqual((0..<3).map { s.audit.rows[$0]?.id }, ["n1", "n2", "e0"])
        XCTAssertEqual(s.audit.newIds, ["n1", "n2"])
        // Not due yet (polled at t0+0), then due.
        XCTAssertTrue(polls(Fixtures.send(&s, .tick(now: t0.addingTimeInterval(1)))).isEmpty)
        p = polls(Fixtures.send(&s, .tick(now: t0.addingTimeInterval(3.5))))
        XCTAssertEqual(p.count, 1)
        // The new rows are drawn in the audit.new style; the selected one in the selection style.
        let g = render(s, width: 80, height: 24, theme: .builtinDefault)
        XCTAssertEqual(g[2, 3].style, Theme.builtinDefault.style(StyleName.auditNew))
        XCTAssertEqual(g[2, 4].style, Theme.builtinDefault.style(StyleName.auditNew))
        XCTAssertEqual(s.audit.selectedRow?.id, "e0", "the cursor stays on the event it was on")
        XCTAssertEqual(g[2, 5].style, Theme.builtinDefault.style(StyleName.listSelected))
        XCTAssertTrue(g.text.contains("following (2 new)"))
        // Moving clears the highlight; leaving stops following and drops the poll in flight.
        Fixtures.press(&s, .char("j"))
        XCTAssertTrue(s.audit.newIds.isEmpty)
        Fixtures.press(&s, .escape)
        XCTAssertEqual(s.screen, .browse)
        XCTAssertFalse(s.audit.following)
        let before = s.audit.rows.count
        Fixtures.send(&s, .answered(p[0].0, .audit(.polled(.success([entry("late", minutesAgo: 0)])))))
        XCTAssertEqual(s.audit.rows.count, before)
        XCTAssertTrue(polls(Fixtures.send(&s, .tick(now: t0.addingTimeInterval(60)))).isEmpty)
    }

    func testEnterShowsTheEventsMetadataNeverAValue() {
        var s = opened([entry("m1", minutesAgo: 5, extra: ["secretVersion": .number(4), "secretValue": .string("hunter2")])])
        Fixtures.press(&s, .enter)
        XCTAssertEqual(s.audit.detailIndex, 0)
        let text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("\"secretKey\": \"STRIPE_SECRET_KEY\""), text)
        XCTAssertTrue(text.contains("\"secretVersion\": 4"), text)
        XCTAssertTrue(text.contains("203.0.113.7"), "the IP is in the details at 80 columns")
        XCTAssertFalse(text.contains("hunter2"))
        let lines = AuditDetailContent.lines(s.audit, utcOffset: s.session.utcOffset).map(\.text)
        XCTAssertTrue(lines.contains("  \"identityId\": \"id-dev\","), lines.joined(separator: "\n"))
        // Scrolls within bounds; Esc goes back to the list (not to browse).
        Fixtures.press(&s, .char("G"))
        XCTAssertEqual(s.audit.detailScroll, AuditDetailContent.maxScroll(s.audit, utcOffset: s.session.utcOffset, layout: Layout(width: s.width, height: s.height)))
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.audit.detailIndex)
        XCTAssertEqual(s.screen, .audit)
    }

    func testQGoesBackInsteadOfQuitting() {
        var s = opened()
        let effects = Fixtures.press(&s, .char("q"))
        XCTAssertEqual(s.screen, .browse)
        XCTAssertFalse(s.quitting)
        XCTAssertFalse(effects.contains(.quit))
    }

    func exports(_ effects: [Effect]) -> [AuditEffect] {
        effects.compactMap { if case .request(_, .audit(let a)) = $0 { if case .export = a { return a } }; return nil }
    }

    func testExportPromptRefusesLinksAsksBeforeOverwritingAndWarnsOnUnignoredPaths() {
        var s = opened()
        Fixtures.press(&s, .char("y"))
        guard case .auditExport(let e)? = s.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(e.path.text, "audit-opticworks-store-20251124.csv")
        Fixtures.press(&s, .tab)
        guard case .auditExport(let e2)? = s.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(e2.format, .json)
        XCTAssertEqual(e2.path.text, "audit-opticworks-store-20251124.json")
        Fixtures.press(&s, .tab)
        let inspect = Fixtures.press(&s, .enter)
        XCTAssertEqual(inspect.asked, [.audit(.inspectExportTarget(path: "audit-opticworks-store-20251124.csv"))])
        // A symlink is refused with the reason; nothing is written.
        var effects = Fixtures.reply(&s, .auditExportTarget, .audit(.exportTarget(FileTargetInfo(path: "/w/a.csv", exists: true, isSymlink: true))))
        XCTAssertTrue(exports(effects).isEmpty)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("is a symbolic link"))
        // An existing, unignored file: asks; n goes back, y writes with overwrite.
        Fixtures.press(&s, .enter)
        effects = Fixtures.reply(&s, .auditExportTarget, .audit(.exportTarget(FileTargetInfo(path: "/w/a.csv", exists: true, gitUnignored: true))))
        XCTAssertTrue(exports(effects).isEmpty)
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("overwrite it?") && screen.contains("not ignored"), screen)
        Fixtures.press(&s, .char("n"))
        guard case .auditExport(let back)? = s.overlay else { return XCTFail("no prompt") }
        XCTAssertFalse(back.confirming)
        Fixtures.press(&s, .enter)
        Fixtures.reply(&s, .auditExportTarget, .audit(.exportTarget(FileTargetInfo(path: "/w/a.csv", exists: true))))
        effects = Fixtures.press(&s, .char("y"))
        guard case .export(let req, let path, let format, let overwrite, let cap)? = exports(effects).first else { return XCTFail("no export") }
        XCTAssertEqual(path, "/w/a.csv"); XCTAssertEqual(format, .csv); XCTAssertTrue(overwrite)
        XCTAssertEqual(cap, AuditState.exportCap)
        XCTAssertEqual(req.start, t0.addingTimeInterval(-86400))
        XCTAssertNil(s.overlay)
        XCTAssertTrue(s.requests.isInFlight(.auditExport))
        Fixtures.reply(&s, .auditExport, .audit(.exported(.success(AuditExportResult(count: 42, capped: false)))))
        XCTAssertEqual(s.status.notice, "wrote 42 events to /w/a.csv")
        XCTAssertTrue(Fixtures.screen(s)[23].contains("wrote 42 events"))
        // A fresh path writes at once, without overwrite; a .json name means JSON.
        Fixtures.press(&s, .char("y"), .enter)
        effects = Fixtures.reply(&s, .auditExportTarget, .audit(.exportTarget(FileTargetInfo(path: "/w/new.json"))))
        guard case .export(_, _, let f2, let o2, _)? = exports(effects).first else { return XCTFail("no export") }
        XCTAssertEqual(f2, .json); XCTAssertFalse(o2)
    }

    func testLocalTimesUseTheOffsetAndTheIsoParserIsExact() {
        let e = entry("t", minutesAgo: 0)
        XCTAssertEqual(AuditRow(e, utcOffset: 0).timeText, "2025-11-24 00:00:00")
        XCTAssertEqual(AuditRow(e, utcOffset: -5 * 3600).timeText, "2025-11-23 19:00:00")
        XCTAssertEqual(AuditTime.parseISO("2025-03-11T08:01:09.554Z")?.timeIntervalSince1970 ?? 0, 1_741_680_069.554, accuracy: 0.0005)
        XCTAssertEqual(AuditTime.parseISO("2025-03-11T09:01:09+01:00"), AuditTime.parseISO("2025-03-11T08:01:09Z"))
        XCTAssertNil(AuditTime.parseISO("2025-02-30T00:00:00Z"))
        XCTAssertEqual(AuditTime.parseLocal("2024-02-29 23:59", utcOffset: 7200), AuditTime.parseISO("2024-02-29T21:59:00Z"))
        XCTAssertNil(AuditTime.parseLocal("2024-02-29 24:00", utcOffset: 0))
        XCTAssertNil(AuditTime.parseLocal("29.02.2024", utcOffset: 0))
        XCTAssertEqual(Renderer.auditTimeText("2025-11-24 00:00:07", width: 11), "11-24 00:00")
    }

    func testServerTextIsSanitizedBeforeDrawing() {
        var hostile = entry("h", minutesAgo: 1, actor: "evil\u{1b}[2J\u{7}", type: "get-secret\r\n", key: "K\u{1b}]0;x\u{7}")
        hostile.ipAddress = "1.2.3.4\u{9b}31m"
        let s = opened([hostile], width: 120, height: 30)
        let row = s.audit.rows[0]!
        for t in [row.actor, row.event, row.pathKey, row.ip] {
            XCTAssertFalse(t.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }, t)
        }
        var d = s
        Fixtures.press(&d, .enter)
        for g in [render(s, width: 120, height: 30, theme: .builtinDefault), render(d, width: 120, height: 30, theme: .builtinDefault)] {
            for y in 0..<g.height { for x in 0..<g.width {
                XCTAssertFalse(g[x, y].text.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
            } }
        }
    }

    func testColumnsAt80And120() {
        let s = opened([entry("c", minutesAgo: 120, source: "InfisicalPythonSDK")])
        let lines = Fixtures.screen(s)
        XCTAssertTrue(lines[2].contains("TIME") && lines[2].contains("ACTOR") && lines[2].contains("PATH/KEY") && lines[2].contains("SOURCE"))
        XCTAssertTrue(lines[3].contains("11-23 22:00") && lines[3].contains("demo-developer") && lines[3].contains("python-sdk"), lines[3])
        let wide = opened([entry("c", minutesAgo: 120)], width: 120, height: 40)
        let w = Fixtures.screen(wide)
        XCTAssertTrue(w[2].contains("IP"))
        XCTAssertTrue(w[3].contains("2025-11-23 22:00:00") && w[3].contains("/stripe/STRIPE_SECRET_KEY") && w[3].contains("203.0.113.7"), w[3])
    }

    // MARK: detail view activity

    func activityRequests(_ effects: [Effect]) -> [(RequestID, AuditRequest)] {
        effects.compactMap { if case .request(let id, .audit(.loadActivity(let r))) = $0 { return (id, r) }; return nil }
    }

    func testDetailActivityLoadsOnFocusNotOnEveryMoveAndAgainAfterAReload() {
        var s = Fixtures.loadedState(width: 160, height: 48)
        s.browse.focus = .secrets
        XCTAssertTrue(activityRequests(Fixtures.press(&s, .char("j"), .char("j"), .char("k"))).isEmpty, "j/k in the list ask nothing")
        let key = s.browse.selectedSecret!.key
        var reqs = activityRequests(Fixtures.press(&s, .enter))
        XCTAssertEqual(s.browse.focus, .detail)
        XCTAssertEqual(reqs.count, 1)
        let r = reqs[0].1
        XCTAssertEqual(r.secretKey, key); XCTAssertEqual(r.environment, "dev"); XCTAssertEqual(r.secretPath, "/")
        XCTAssertEqual(r.eventTypes, ["get-secret", "create-secret", "update-secret", "delete-secret"])
        XCTAssertEqual(r.limit, 5)
        // Scrolling the detail asks nothing more.
        XCTAssertTrue(activityRequests(Fixtures.press(&s, .char("j"), .char("k"))).isEmpty)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("loading…"))
        Fixtures.send(&s, .answered(reqs[0].0, .audit(.activity(.success([
            entry("a1", minutesAgo: 120, type: "update-secret", key: key), entry("a2", minutesAgo: 3000, actor: "demo-viewer", key: key)])))))
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Activity 2h ago · demo-developer ·"), screen)
        let lines = DetailContent.activityLines(s, row: s.browse.selectedSecret!, valueWidth: 80)
        XCTAssertEqual(lines.map(\.text), ["2h ago · demo-developer · update-secret · cli", "2d ago · demo-viewer · get-secret · cli"])
        // The secrets list reloads (e.g. after a save): the activity loads again.
        let reload = Fixtures.press(&s, .char("R"))
        reqs = activityRequests(Fixtures.send(&s, .answered(Fixtures.id(reload) { if case .secrets = $0 { return true }; return false }!,
                                                           .secrets(.success(Fixtures.rootList()), now: t0.addingTimeInterval(30)))))
        XCTAssertEqual(reqs.count, 1)
        // An answer to the old request is dropped.
        Fixtures.send(&s, .answered(RequestID(reqs[0].0.raw - 1), .audit(.activity(.success([])))))
        XCTAssertNil(s.audit.activity?.rows)
        Fixtures.send(&s, .answered(reqs[0].0, .audit(.activity(.failure(InfisicalError(.permissionDenied, "not allowed"))))))
        XCTAssertTrue(Fixtures.screen(s).joined().contains("✗ not allowed"))
    }
}

extension AuditScreenTests {
    func testExportCarriesTheFiltersAndReportsTheCap() {
        var s = opened([entry("x1", minutesAgo: 1)])
        Fixtures.press(&s, .char("/"))
        Fixtures.press(&s, .tab); Fixtures.type(&s, "get-secret"); Fixtures.press(&s, .tab); Fixtures.type(&s, "prod")
        Fixtures.press(&s, .enter)
        Fixtures.press(&s, .char("y"), .enter)
        let effects = Fixtures.reply(&s, .auditExportTarget, .audit(.exportTarget(FileTargetInfo(path: "/w/who.csv"))))
        guard case .audit(.export(let req, _, _, let overwrite, _))? = effects.asked.first else { return XCTFail("no export: \(effects)") }
        XCTAssertEqual(req.eventTypes, ["get-secret"]); XCTAssertEqual(req.environment, "prod")
        XCTAssertEqual(req.offset, 0); XCTAssertFalse(overwrite)
        Fixtures.reply(&s, .auditExport, .audit(.exported(.success(AuditExportResult(count: AuditState.exportCap, capped: true)))))
        XCTAssertEqual(s.status.notice, "wrote 100000 events to /w/who.csv (capped at 100000; narrow the range)")
        // A failed write is an error on the status line, not a notice.
        Fixtures.press(&s, .char("y"), .enter)
        Fixtures.reply(&s, .auditExportTarget, .audit(.exportTarget(FileTargetInfo(path: "/w/who2.csv"))))
        Fixtures.reply(&s, .auditExport, .audit(.exported(.failure(InfisicalError(.io, "cannot write /w/who2.csv")))))
        XCTAssertNil(s.status.notice)
        XCTAssertEqual(s.status.lastError?.message, "cannot write /w/who2.csv")
        XCTAssertFalse(s.requests.isInFlight(.auditExport))
    }

    func testShrinkingTheTerminalKeepsTheSelectedEventVisible() {
        var s = opened(width: 80, height: 40)
        Fixtures.press(&s, .char("G"))
        let selected = s.audit.cursor.selected
        Fixtures.send(&s, .input(.resize(width: 80, height: 24)))
        let visible = 24 - 5
        XCTAssertEqual(s.audit.cursor.selected, selected)
        XCTAssertTrue(s.audit.cursor.scroll <= selected && selected < s.audit.cursor.scroll + visible, "\(s.audit.cursor)")
    }
}
