import Foundation
import InfisicalModels
import TestSupport
import XCTest
@testable import TUICore

/// The hostile corpus through the history overlay and the detail's "Changed" line: key, path,
/// actor names, comments, a revealed version value, a rollback preview and server errors carry
/// the payload; no cell may hold a control character, ESC or an invisible/bidi scalar.
final class HistoryHostileScreensTests: XCTestCase {
    typealias F = Fixtures

    static func screens(_ p: String, width w: Int, height h: Int) -> [(String, AppState)] {
        var out: [(String, AppState)] = []
        var secret = F.secret("K" + p, env: "staging", comment: "c" + p)
        secret.actor = SecretActor(actorId: "u" + p, actorType: "t" + p, name: "who" + p)
        var s = F.loadedState(width: w, height: h, lists: ["staging:/": SecretList(secrets: [secret])])
        F.answer(&s, F.press(&s, .char("2")), lists: ["staging:/": SecretList(secrets: [secret])])
        F.press(&s, .tab, .tab, .tab)
        out.append(("detail-changed", s))
        F.press(&s, .char("v"))
        let listing = HistoryListing(current: 2, versions: [
            HistoryVersion(version: 2, at: F.t0, actor: "a" + p, actorType: "user", comment: "c" + p),
            HistoryVersion(version: 1, at: nil, actor: "b" + p, actorType: "x" + p, comment: p),
        ], refused: true)
        F.reply(&s, .historyLoad, .history(.loaded(.success(listing), now: F.t0)))
        out.append(("history", s))
        var r = s
        F.press(&r, .char("r"))
        F.reply(&r, .historyReveal, .history(.revealed(.success("v" + p), now: F.t0)))
        out.append(("history-revealed", r))
        var b = s
        F.press(&b, .down, .char("b"))
        out.append(("history-rollback", b))
        F.press(&b, .char("y"))
        F.reply(&b, .historyRollback, .history(.rolledBack(.failure(InfisicalError(.server, "e" + p, hint: "h" + p)))))
        out.append(("history-rollback-failed", b))
        var ok = s
        F.press(&ok, .down, .char("b"), .char("y"))
        F.reply(&ok, .historyRollback, .history(.rolledBack(.success(.init(previous: 2, restored: 1, new: 3)))))
        out.append(("history-rolled-back", ok))
        var e = s
        F.press(&e, .char("R"))
        F.reply(&e, .historyLoad, .history(.loaded(.failure(InfisicalError(.permissionDenied, "m" + p, status: 403)), now: F.t0)))
        out.append(("history-error", e))
        return out
    }

    func testNoServerTextReachesTheTerminalFromTheHistoryScreens() {
        var checked = 0
        for (i, p) in HostileCorpus.payloads.enumerated() {
            for (w, h) in [(80, 24), (200, 50)] {
                for (name, state) in Self.screens(p, width: w, height: h) {
                    let grid = render(state, width: w, height: h, theme: .builtinDefault)
                    checked += 1
                    for y in 0..<h {
                        for x in 0..<w {
                            if let bad = grid[x, y].text.unicodeScalars.first(where: { UntrustedText.isUnsafe($0) }) {
                                XCTFail("payload #\(i) on \(name) at \(w)x\(h): U+\(String(bad.value, radix: 16)) in cell (\(x),\(y))")
                                return
                            }
                        }
                    }
                    XCTAssertFalse(grid.text.contains("\u{1b}"), "\(name) payload #\(i)")
                }
            }
        }
        XCTAssertEqual(checked, HostileCorpus.payloads.count * 2 * 7)
    }

    /// The drivers reach their screens and the marker is on them (else the check is empty).
    func testEveryDriverReachesItsScreen() {
        let screens = Self.screens("ZQZ", width: 200, height: 50)
        let expected: [String: (AppState) -> Bool] = [
            "detail-changed": { $0.browse.focus == .detail && $0.overlay == nil },
            "history": { $0.history?.listing?.versions.count == 2 },
            "history-revealed": { $0.history?.revealed?.value == "vZQZ" },
            "history-rollback": { $0.history?.rollback == RollbackPreview(current: 2, restore: 1) },
            "history-rollback-failed": { $0.history?.notice?.contains("eZQZ") == true },
            "history-error": { $0.history?.error?.contains("mZQZ") == true },
            "history-rolled-back": { $0.status.notice?.contains("KZQZ") == true && $0.history?.notice?.hasPrefix("✓") == true },
        ]
        XCTAssertEqual(screens.map(\.0).sorted(), expected.keys.sorted())
        for (name, state) in screens {
            XCTAssertTrue(expected[name]?(state) == true, "\(name) is not the screen it claims")
            XCTAssertTrue(render(state, width: 200, height: 50, theme: .builtinDefault).text.contains("ZQZ"), name)
        }
    }
}
