import Foundation

/// A cancel switch a caller hands to a blocking request. libcurl polls it from its progress
/// callback (about once per second, and on every data chunk), and retry waits poll it too.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }
}

extension Optional where Wrapped == Cancellation {
    var isCancelled: Bool { self?.isCancelled ?? false }
}

/// Sleeps in short slices so a cancelled wait ends promptly. Throws `.cancelled`.
func cancellableSleep(_ seconds: TimeInterval, cancel: Cancellation?) throws {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if cancel.isCancelled { throw cancelledError() }
        let left = end.timeIntervalSinceNow
        Thread.sleep(forTimeInterval: min(0.05, max(0, left)))
    }
    if cancel.isCancelled { throw cancelledError() }
}
