import Foundation
import InfisicalModels
import XCTest
@testable import TUICore

/// Issue 14: a person's organization in the top bar, asked for once at start, shown beside the
/// project, made visible when hostile and cut by display width so the project stays.
final class OrganizationTopBarTests: XCTestCase {
    typealias F = Fixtures

    func started(asks: Bool, width: Int = 80) -> (AppState, [Effect]) {
        var options = StartupOptions(serverLabel: "127.0.0.1:8080", identityName: "signed in as a@b.c", width: width, height: 24)
        options.asksOrganization = asks
        var s = AppState(options)
        let effects = F.send(&s, .started(now: F.t0))
        return (s, effects)
    }

    func testAPersonsSessionAsksForTheOrganizationOnceAndAMachineIdentityDoesNot() {
        XCTAssertTrue(started(asks: true).1.asked.contains(.organization))
        XCTAssertFalse(started(asks: false).1.asked.contains(.organization))
        XCTAssertFalse(RequestSlot.organization.showsSpinner, "a background look-up does not spin")
    }

    func testTheNameAppearsBesideTheProject() {
        var (s, effects) = started(asks: true, width: 200)
        F.answer(&s, effects)
        let before = F.screen(s)[0]
        F.reply(&s, .organization, .organization(.success("Acme Corp")))
        let top = F.screen(s)[0]
        XCTAssertFalse(before.contains("Acme Corp"))
        XCTAssertTrue(top.contains(" Acme Corp · \(s.browse.openProject!.name)"), "beside the project: \(top)")
        // 80 columns: no room beside the project, so left of the role.
        var (narrow, e2) = started(asks: true, width: 80)
        F.answer(&narrow, e2)
        F.reply(&narrow, .organization, .organization(.success("Acme Corp")))
        let line = F.screen(narrow)[0]
        XCTAssertTrue(line.contains(narrow.browse.openProject!.name), line)
        XCTAssertTrue(line.contains("Acme Corp role: developer"), line)
    }

    func testAFailedLookupShowsNothingAndNoError() {
        var (s, effects) = started(asks: true)
        F.answer(&s, effects)
        F.reply(&s, .organization, .organization(.failure(InfisicalError(.permissionDenied, "nope"))))
        XCTAssertNil(s.session.organizationName)
        XCTAssertNil(s.status.lastError, "cosmetic: the status line stays clean")
    }

    func testAHostileOrLongNameIsMadeVisibleAndCutSoTheProjectStays() {
        for width in [80, 200] {
            var (s, effects) = started(asks: true, width: width)
            F.answer(&s, effects)
            let hostile = "Evil\u{1b}[31mCorp\u{202e}" + String(repeating: "界", count: 60)
            F.reply(&s, .organization, .organization(.success(hostile)))
            let grid = render(s, width: s.width, height: s.height, theme: .builtinDefault)
            let top = grid.line(0)
            XCTAssertFalse(top.contains("\u{1b}"), top)
            XCTAssertFalse(top.contains("\u{202e}"), top)
            XCTAssertTrue(top.contains("Evil^["), "ESC made visible: \(top)")
            XCTAssertTrue(top.contains("…"), "cut, not wrapped: \(top)")
            XCTAssertTrue(top.contains(s.browse.openProject!.name), "the project is never pushed out: \(top)")
            XCTAssertEqual(Glyphs.width(top), width, "exactly one row wide")
        }
    }

    func testTitleOrderOfImportance() {
        func t(_ org: String?, _ project: String?, _ w: Int) -> String {
            Renderer.title(app: " infisical", organization: org, project: project, width: w).0
        }
        XCTAssertEqual(t("Org", "proj", 40), " infisical · Org · proj")
        XCTAssertEqual(t("Org", "proj", 16), " Org · proj")
        XCTAssertEqual(t("Organisation", "project", 12), " project")
        XCTAssertFalse(Renderer.title(app: " infisical", organization: "Organisation", project: "project", width: 12).1)
        XCTAssertTrue(Renderer.title(app: " infisical", organization: "Org", project: "proj", width: 16).1)
        XCTAssertEqual(t("Organisation", "proj", 16), " Organis… · proj", "cut beside the project when nowhere else has room")
        XCTAssertFalse(Renderer.title(app: " infisical", organization: "Organisation", project: "proj", width: 16, roomElsewhere: 12).1,
                       "whole elsewhere rather than cut here")
        XCTAssertEqual(t(nil, "proj", 40), " infisical · proj")
        XCTAssertEqual(t("Org", nil, 40), " infisical · Org")
    }
}
