import Foundation

/// Turns two presses on the same cell in quick succession into a double-click. ncurses could do
/// this itself, but only by delaying every single click by its mouse interval (we keep it at 0 so a
/// click selects at once); here the first press is delivered immediately and the second one is
/// reported as the double-click.
public struct DoubleClickDetector {
    public static let interval: TimeInterval = 0.4
    private var last: (x: Int, y: Int, at: TimeInterval)?
    public init() {}

    /// True when this press completes a double-click (it then does not start another one).
    public mutating func isDouble(x: Int, y: Int, at t: TimeInterval) -> Bool {
        if let l = last, l.x == x, l.y == y, t - l.at >= 0, t - l.at <= Self.interval {
            last = nil
            return true
        }
        last = (x, y, t)
        return false
    }
}
