import Foundation
import XCTest

/// Moving in a list the way a careful user does: look, press one key, look again.
///
/// Why not "read the row index once, send N×Down, Enter": the app's frames reach tmux in many
/// small writes (ncurses flushes at each cursor jump), so one capture can mix two frames, e.g.
/// the new environment's title above the previous environment's folder rows. Arrows sent on the
/// strength of such a screen land while the real list is still loading and move nothing; the
/// rest then stop on the wrong folder. So every decision here is made on a *settled* screen
/// (same bytes twice in a row, no spinner), and each arrow is checked to have moved the highlight.
extension TmuxSession {
    /// A styled capture that holds `predicate`, shows no spinner, and did not change between two
    /// captures `interval` apart. Nil when `deadline` passes first.
    func settledScreen(until deadline: Date, interval: TimeInterval = 0.1,
                       where predicate: (StyledScreen) -> Bool) -> StyledScreen? {
        var last: StyledScreen?
        while Date() < deadline {
            let now = StyledScreen(captureWithStyles())
            if now == last, !now.isLoading, predicate(now) { return now }
            last = now
            usleep(UInt32(interval * 1_000_000))
        }
        return nil
    }

    /// Puts the highlight of list pane `pane` on the row `name` with single arrow presses, each
    /// checked on screen, then presses `key` (Enter; `Right` expands a folder in the tree).
    /// `context` must be on screen too (e.g. the secrets title naming the environment), so rows of
    /// a view we are leaving are never acted on. Fails the test (with the last screen) if it
    /// cannot get there in time.
    @discardableResult
    func openListRow(_ name: String, in pane: String, context: String, key: String = "Enter", timeout: TimeInterval = 40,
                     file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        func ready(_ s: StyledScreen) -> Bool {
            let rows = s.listRows(of: pane)
            return s.text.contains(context) && rows.contains { $0.name == name } && rows.filter(\.highlighted).count == 1
        }
        while let screen = settledScreen(until: deadline, where: ready) {
            let rows = screen.listRows(of: pane)
            guard let at = rows.firstIndex(where: \.highlighted), let target = rows.firstIndex(where: { $0.name == name }) else { break }
            if at == target {
                send(key)
                return true
            }
            send(target > at ? "Down" : "Up")
            // Wait for the highlight to leave `at`. If it never does (the key met an empty or
            // reloading list), the next round looks again and presses again.
            _ = settledScreen(until: min(deadline, Date().addingTimeInterval(5))) { s in
                ready(s) && s.listRows(of: pane).firstIndex(where: \.highlighted) != at
            }
        }
        let screen = StyledScreen(captureWithStyles())
        XCTFail("could not select '\(name)' in \(pane) (rows: \(screen.listRows(of: pane))); screen was:\n\(screen.text)",
                file: file, line: line)
        return false
    }
}
