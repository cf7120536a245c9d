import Foundation
import InfisicalModels
import XCTest
@testable import InfisicalClient

/// Issue 15: exports are written in chunks straight into the atomic writer. The chunked text is
/// byte for byte what one string would have been, and a failure half-way leaves nothing behind.
final class ExportStreamTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    static let entries: [ExportEntry] = (0..<5000).map { i in
        ExportEntry(key: String(format: "KEY_%05d", i), value: i % 7 == 0 ? "multi\nline 'q' \\ $x é😀" : "value-\(i)")
    }

    func testChunkedFileIsExactlyTheRenderedText() throws {
        for format in ExportFormat.allCases {
            let fetched = ExportPipeline.Fetched(entries: Self.entries, collisions: [], unreadable: [])
            let path = dir.appendingPathComponent("out.\(format.rawValue)").path
            let summary = try ExportPipeline.writeFile(fetched, format: format, to: path)
            let whole = try ExportFormatter.render(Self.entries, as: format)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(whole.text.utf8), "\(format)")
            XCTAssertEqual(summary.issues, whole.issues, "\(format)")
            var st = stat()
            XCTAssertEqual(stat(path, &st), 0)
            XCTAssertEqual(st.st_mode & 0o777, 0o600, "\(format): written 0600")
        }
    }

    func testChunksAreLargeAndLoseNothing() throws {
        var chunks: [String] = []
        let fetched = ExportPipeline.Fetched(entries: Self.entries, collisions: [], unreadable: [])
        _ = try ExportPipeline.stream(fetched, format: .dotenv) { chunks.append($0) }
        XCTAssertGreaterThan(chunks.count, 1, "a 5000-entry export is more than one chunk")
        for c in chunks.dropLast() { XCTAssertGreaterThanOrEqual(c.utf8.count, 64 << 10) }
        XCTAssertEqual(chunks.joined(), try ExportFormatter.render(Self.entries, as: .dotenv).text)
    }

    func testAFailureHalfWayLeavesNoFileAndNoTempFile() throws {
        let path = dir.appendingPathComponent("partial.env").path
        struct Boom: Error {}
        XCTAssertThrowsError(try AtomicFileWriter.write(to: path) { put in
            try Array("A=1\n".utf8).withUnsafeBytes { try put($0) }
            throw Boom()
        })
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "temp file removed")
    }

    func testARefusedDotenvKeyWritesNothing() throws {
        let path = dir.appendingPathComponent("refused.env").path
        try Data("OLD=1\n".utf8).write(to: URL(fileURLWithPath: path))
        let fetched = ExportPipeline.Fetched(entries: Self.entries + [ExportEntry(key: "not a name", value: "x")],
                                             collisions: [], unreadable: [])
        XCTAssertThrowsError(try ExportPipeline.writeFile(fetched, format: .dotenv, to: path))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "OLD=1\n", "the old file is untouched")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["refused.env"])
    }
}
