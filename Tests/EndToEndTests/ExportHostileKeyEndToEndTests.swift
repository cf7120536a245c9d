import Foundation
import XCTest

/// The dashboard's copy-to-file meets a key that would run a command when the dotenv file is
/// sourced: the write is refused with the CLI's message (`DotenvKeyRule`), naming the key, and no
/// file appears. Written as a developer-role member could: through the CLI.
final class ExportHostileKeyEndToEndTests: XCTestCase {
    func testDotenvCopyToFileRefusesAKeyThatWouldRunACommand() throws {
        let h = try ExportHarness(role: "admin")
        var environment = ProcessInfo.processInfo.environment
        environment.merge(h.credentials) { $1 }
        let hostile = "$(touch${IFS}pwned)"
        let set = ProcessRunner.run(DemoApp.binary, ["secrets", "set", "\(hostile)=v", "--projectId", "opticworks-store",
                                                     "--env", "dev", "--path", "/stripe"], environment: environment)
        XCTAssertEqual(set.status, 0, set.output)
        let target = h.file(".env.local")
        try h.start(env: "dev", path: "/stripe", waitKey: "STRIPE_SECRET_KEY")
        h.tmux.send("Y")
        h.tmux.waitFor("Copy the view to a file")
        h.tmux.send("Enter")
        let screen = h.tmux.waitFor("refusing to write a dotenv file")
        XCTAssertFalse(screen.contains("✓ wrote"), screen)
        XCTAssertTrue(screen.contains("\"\(hostile)\""), "the key is named: \(screen)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "a dotenv file with the hostile key was written")
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.file("pwned")))
    }
}
