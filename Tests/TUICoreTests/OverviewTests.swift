import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// The overview (`o`) driven like the app drives it: one request for all environments, the
/// comparison's rows, filters, the column cursor and the jump to a secret.
final class OverviewTests: XCTestCase {
    typealias C = EnvironmentComparison

    static func entry(_ d: String, imported: Bool = false, secret: Bool = true) -> C.Entry {
        C.Entry(digest: d, imported: imported, mayBeSecret: secret)
    }

    /// dev / staging / prod of `/` with one of each case.
    static let columns: [C.Column] = {
        func loc(_ k: String, _ p: String = "/") -> C.Location { C.Location(path: p, key: k) }
        return [
            C.Column(environment: "dev", isProduction: false, entries: [
                loc("APP_ENV"): entry("d1"), loc("LOG_LEVEL"): entry("l", secret: false), loc("SESSION_SECRET"): entry("s"),
                loc("ONLY_DEV"): entry("o"), loc("STRIPE_SECRET_KEY", "/stripe"): entry("k1")]),
            C.Column(environment: "staging", isProduction: false, entries: [
                loc("APP_ENV"): entry("d2"), loc("LOG_LEVEL"): entry("l", secret: false), loc("SESSION_SECRET"): entry("s2"),
                loc("STRIPE_SECRET_KEY", "/stripe"): entry("k2")]),
            C.Column(environment: "prod", isProduction: true, entries: [
                loc("APP_ENV"): entry("d3"), loc("LOG_LEVEL"): entry("l", secret: false), loc("SESSION_SECRET"): entry("s"),
                loc("STRIPE_SECRET_KEY", "/stripe"): entry("k3", imported: true)]),
        ]
    }()

    /// The loaded demo state with the overview open and answered.
    static func opened(width: Int = 80, height: Int = 24, columns: [C.Column] = columns) -> AppState {
        var s = Fixtures.loadedState(width: width, height: height)
        let e = Fixtures.press(&s, .char("o"))
        if let id = Fixtures.id(e, { if case .overview = $0 { return true }; return false }) {
            Fixtures.send(&s, .answered(id, .overview(.success(columns))))
        }
        return s
    }

    var overview: (AppState) -> OverviewState? = { s in if case .overview(let o)? = s.overlay { return o }; return nil }

    func testOpeningAsksOnceForEveryEnvironmentAndReadsNoValueIntoTheState() {
        var s = Fixtures.loadedState()
        let e = Fixtures.press(&s, .char("o"))
        XCTAssertEqual(e.asked, [.overview(OverviewRequest(projectId: "p-store", path: "/", recursive: false,
                                                          environments: ["dev", "staging", "prod"]))])
        XCTAssertTrue(e[0].readsSecretValue, "the runner reads values for this view (and reduces them to digests)")
        XCTAssertTrue(Fixtures.screen(s).joined().contains("comparing 3 environments…"))
        Fixtures.reply(&s, .overview, .overview(.success(Self.columns)))
        let o = overview(s)
        XCTAssertEqual(o?.rows?.count, 5)
        XCTAssertFalse(String(describing: s).contains("d1"), "digests are not kept: only the comparison's cells")
    }

    func testRowsCellsAndTheFlag() {
        let s = Self.opened(width: 200, height: 50)
        let text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("dev 5") && text.contains("staging 4") && text.contains("prod 4"), text)
        let session = Fixtures.screen(s).first { $0.contains("SESSION_SECRET") } ?? ""
        XCTAssertTrue(session.contains("●") && session.contains("≠") && session.contains("⚠"), session)
        let log = Fixtures.screen(s).first { $0.contains("LOG_LEVEL") } ?? ""
        XCTAssertFalse(log.contains("⚠"), "a setting shared by prod is not a leaked secret: \(log)")
        let stripe = Fixtures.screen(s).first { $0.contains("stripe/STRIPE_SECRET_KEY") } ?? ""
        XCTAssertTrue(stripe.contains("↳≠"), stripe)
        let onlyDev = Fixtures.screen(s).first { $0.contains("ONLY_DEV") } ?? ""
        XCTAssertEqual(onlyDev.filter { $0 == "–" }.count, 2, onlyDev)
    }

    func testFiltersKeepTheSelectionAndTheFlaggedFilterShowsExactlyTheSharedSecret() {
        var s = Self.opened()
        Fixtures.press(&s, .char("!"))
        XCTAssertEqual(overview(s)?.filter, .flagged)
        XCTAssertEqual(overview(s)?.visible.count, 1)
        XCTAssertEqual(overview(s)?.selectedRow?.location.key, "SESSION_SECRET")
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("only flagged") && screen.contains("same value in production and dev"), screen)
        Fixtures.press(&s, .char("m"))
        XCTAssertEqual(overview(s)?.visible.count, 1, "only ONLY_DEV is missing somewhere")
        XCTAssertEqual(overview(s)?.selectedRow?.location.key, "ONLY_DEV")
        Fixtures.press(&s, .char("A"))
        XCTAssertEqual(overview(s)?.visible.count, 5)
        Fixtures.press(&s, .char("d"))
        XCTAssertFalse(overview(s)?.visible.contains { overview(s)!.rows![$0].location.key == "LOG_LEVEL" } ?? true)
    }

    func testEnterOpensTheSecretInTheSelectedEnvironmentAndFolder() {
        var s = Self.opened()
        Fixtures.press(&s, .char("G"), .right, .right)            // stripe/STRIPE_SECRET_KEY, prod column
        XCTAssertEqual(overview(s)?.selectedRow?.location.key, "STRIPE_SECRET_KEY")
        XCTAssertEqual(overview(s)?.column, 2)
        let e = Fixtures.press(&s, .enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.browse.environment?.slug, "prod")
        XCTAssertEqual(s.browse.path, "/stripe")
        XCTAssertEqual(s.browse.focus, .secrets)
        Fixtures.answer(&s, e)
        XCTAssertEqual(s.browse.selectedSecret?.key, "STRIPE_SECRET_KEY", "the key is selected once the list arrives")
        // A missing cell opens nothing.
        var t = Self.opened()
        Fixtures.press(&t, .char("g"), .down)                     // ONLY_DEV (sorted: APP_ENV, LOG_LEVEL, ONLY_DEV…)
        while overview(t)?.selectedRow?.location.key != "ONLY_DEV" { Fixtures.press(&t, .down) }
        Fixtures.press(&t, .right)
        XCTAssertEqual(Fixtures.press(&t, .enter), [])
        XCTAssertNotNil(t.overlay)
    }

    func testEscClosesAndALateAnswerIsDropped() {
        var s = Fixtures.loadedState()
        let e = Fixtures.press(&s, .char("o"))
        Fixtures.press(&s, .escape)
        XCTAssertNil(s.overlay)
        Fixtures.send(&s, .answered(Fixtures.id(e) { _ in true }!, .overview(.success(Self.columns))))
        XCTAssertNil(s.overlay, "the answer does not reopen it")
        XCTAssertFalse(s.isLoading)
    }

    func testAFailureIsShownInTheOverview() {
        var s = Fixtures.loadedState()
        Fixtures.press(&s, .char("o"))
        Fixtures.reply(&s, .overview, .overview(.failure(InfisicalError(.permissionDenied, "your role cannot read values in prod"))))
        XCTAssertTrue(Fixtures.screen(s).joined().contains("✗ your role cannot read values in prod"))
    }

    func testRecursiveToggleAsksAgain() {
        var s = Self.opened()
        let e = Fixtures.press(&s, .ctrl("r"))
        XCTAssertEqual(e.asked.count, 1)
        if case .overview(let r)? = e.asked.first { XCTAssertTrue(r.recursive) } else { XCTFail("\(e)") }
        XCTAssertNil(overview(s)?.rows, "loading again")
    }
}

extension OverviewTests {
    /// Copy missing keys into an environment: a preview of keys and environments (no value), y
    /// asks the app, the results are named and the comparison runs again. Production is refused.
    func testSyncCopiesTheMissingKeyIntoTheSelectedEnvironment() {
        var s = Self.opened()
        while overview(s)?.selectedRow?.location.key != "ONLY_DEV" { Fixtures.press(&s, .down) }
        Fixtures.press(&s, .char(" "))                                // mark ONLY_DEV
        XCTAssertEqual(overview(s)?.marked.map(\.key), ["ONLY_DEV"])
        Fixtures.press(&s, .right)                                    // staging column
        XCTAssertEqual(Fixtures.press(&s, .char("c")), [], "a preview first, nothing sent")
        XCTAssertEqual(overview(s)?.syncPreview, [SyncItem(path: "/", key: "ONLY_DEV", from: "dev", to: "staging")])
        let screen = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(screen.contains("Copy 1 key (values are not shown)") && screen.contains("ONLY_DEV   dev → staging"), screen)
        let e = Fixtures.press(&s, .char("y"))
        XCTAssertEqual(e.asked, [.sync(projectId: "p-store", items: [SyncItem(path: "/", key: "ONLY_DEV", from: "dev", to: "staging")])])
        let after = Fixtures.reply(&s, .sync, .synced([SyncResult(item: SyncItem(path: "/", key: "ONLY_DEV", from: "dev", to: "staging"),
                                                                 wrote: true, message: "created v1")]))
        XCTAssertEqual(after.asked.count, 1, "the comparison runs again")
        XCTAssertTrue(Fixtures.screen(s).joined().contains("✓ copied 1 into staging"))
        XCTAssertTrue(overview(s)?.marked.isEmpty == true)
    }

    func testSyncNeverTargetsProductionOrAKeyThatIsThere() {
        var s = Self.opened()
        while overview(s)?.selectedRow?.location.key != "ONLY_DEV" { Fixtures.press(&s, .down) }
        Fixtures.press(&s, .right, .right)                            // prod column
        XCTAssertEqual(Fixtures.press(&s, .char("c")), [])
        XCTAssertNil(overview(s)?.syncPreview)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("cannot copy into prod: production is read-only in the TUI"))
        Fixtures.press(&s, .char("g"), .left)                         // APP_ENV, staging: present
        Fixtures.press(&s, .char("c"))
        XCTAssertNil(overview(s)?.syncPreview)
        XCTAssertTrue(Fixtures.screen(s).joined().contains("nothing to copy"))
    }
}

extension OverviewTests {
    /// `s`: one new value in every non-production environment that has the key, typed masked,
    /// written per environment; production is never among them.
    func testANewValueForEveryNonProductionEnvironment() {
        var s = Self.opened()
        while overview(s)?.selectedRow?.location.key != "SESSION_SECRET" { Fixtures.press(&s, .down) }
        Fixtures.press(&s, .char("s"))
        XCTAssertEqual(overview(s)?.rotation?.environments, ["dev", "staging"])
        Fixtures.type(&s, "n3w-s3ss10n")
        var text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("Writes it in dev, staging (never production)") && text.contains("••••••••"), text)
        XCTAssertFalse(text.contains("n3w-s3ss10n"), "masked while typing")
        Fixtures.press(&s, .ctrl("r"))
        XCTAssertTrue(Fixtures.screen(s).joined().contains("n3w-s3ss10n"), "^R shows what was typed")
        let e = Fixtures.press(&s, .enter)
        XCTAssertEqual(e.asked, [.setEverywhere(projectId: "p-store", path: "/", key: "SESSION_SECRET", value: "n3w-s3ss10n",
                                                environments: ["dev", "staging"])])
        XCTAssertNil(overview(s)?.rotation, "the form (and the value) is gone")
        Fixtures.reply(&s, .sync, .synced(["dev", "staging"].map {
            SyncResult(item: SyncItem(path: "/", key: "SESSION_SECRET", from: "", to: $0), wrote: true, message: "v2")
        }))
        text = Fixtures.screen(s).joined(separator: "\n")
        XCTAssertTrue(text.contains("✓ new value of SESSION_SECRET written in dev, staging"), text)
        XCTAssertFalse(String(describing: s).contains("n3w-s3ss10n"), "nothing keeps the value after the write")
    }
}

extension OverviewTests {
    /// A viewer's `s` says why it cannot write, in the editor's words, and opens nothing.
    func testAViewerIsToldWhyANewValueCannotBeWritten() {
        var s = Self.opened()
        let e = Fixtures.press(&s, .escape, .char("R"))
        Fixtures.send(&s, .answered(Fixtures.id(e) { if case .role = $0 { return true }; return false }!,
                                    .role(.success(ProjectRole(slug: "viewer")))))
        Fixtures.send(&s, .answered(Fixtures.id(Fixtures.press(&s, .char("o"))) { _ in true }!, .overview(.success(Self.columns))))
        while overview(s)?.selectedRow?.location.key != "SESSION_SECRET" { Fixtures.press(&s, .down) }
        Fixtures.press(&s, .char("s"))
        XCTAssertNil(overview(s)?.rotation)
        XCTAssertEqual(overview(s)?.notice, "cannot write in dev: viewer role: read only")
    }
}
