import Foundation
import TUICore
import XCTest

/// The README's key table is generated from the same binding table that drives dispatch and the
/// help overlay; this keeps the two from drifting apart.
final class ReadmeKeyTableTests: XCTestCase {
    func testReadmeKeyTableMatchesBindingTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = KeyBindings.markdown
        XCTAssertTrue(readme.contains(table),
                      "README.md's key table is out of date; replace it with:\n\(table)")
    }
}
