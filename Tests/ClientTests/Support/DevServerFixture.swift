import Foundation
import TestSupport
import XCTest

/// One `infisical-dev-server` per test (see `DevServerProcess`), killed in `stop()`.
/// Skips the test when the binary has not been built.
final class DevServerFixture {
    typealias Identity = DevServerReady.Identity
    let process: DevServerProcess
    var dir: URL { process.dir }
    var ready: DevServerReady { process.ready }
    var url: String { process.url }

    init(extraArgs: [String] = []) throws {
        let bin = BuiltBinary.devServer
        guard FileManager.default.isExecutableFile(atPath: bin) else { throw XCTSkip("dev server binary missing at \(bin)") }
        process = try DevServerProcess(args: extraArgs, readyTimeout: 30)
    }

    func identity(_ role: String) -> Identity { ready.identity(withRole: role)! }

    func stop() { process.stop() }
}
