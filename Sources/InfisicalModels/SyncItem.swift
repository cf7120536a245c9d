import Foundation

/// One key to copy (value and comment) from one environment to another, in one folder: what the
/// overview's sync asks for and what `SecretCopy` (the client) does, one type for both.
public struct SyncItem: Equatable, Sendable {
    public var path: String
    public var key: String
    public var from: String
    public var to: String
    public init(path: String, key: String, from: String, to: String) {
        self.path = path; self.key = key; self.from = from; self.to = to
    }
}
