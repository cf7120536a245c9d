import Foundation
import TestSupport
import XCTest

/// Runs `scripts/sdk_conformance.py` with the official Python SDK (infisicalsdk==1.0.18, in the
/// package's `.venv`) against this class's dev server. A missing venv is a FAILURE, not a skip:
/// CI creates it (`scripts/setup-venv`).
final class SDKConformanceTests: DevServerTestCase {
    /// Package root, from this file's path: <root>/Tests/DevServerTests/SDKConformanceTests.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testOfficialPythonSDKAgainstTheDevServer() throws {
        let root = Self.packageRoot
        let python = ProcessInfo.processInfo.environment["INFISICAL_SDK_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            ?? root.appendingPathComponent(".venv/bin/python").path
        let script = root.appendingPathComponent("scripts/sdk_conformance.py").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return XCTFail("""
                no Python venv at \(python). Create it with `scripts/setup-venv` \
                (or: cd \(root.path) && python3 -m venv .venv && .venv/bin/pip install infisicalsdk==1.0.18), \
                or point INFISICAL_SDK_PYTHON at a python that has infisicalsdk==1.0.18.
                """)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: script), "missing \(script)")

        let out = server.dir.appendingPathComponent("sdk-\(UUID().uuidString).out").path
        // The script reads credentials from the ready file (never argv).
        let env = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "NO_PROXY": "127.0.0.1,localhost"]
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let pid = Spawn.start(python, [script, "--ready-file", server.readyPath], env: env, stdout: fd, stderr: fd)
        close(fd)
        XCTAssertGreaterThan(pid, 0, "spawn \(python)")
        guard pid > 0 else { return }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(180)
        while waitpid(pid, &status, WNOHANG) != pid {
            if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); XCTFail("sdk_conformance.py timed out"); break }
            usleep(20_000)
        }
        let exitCode = Spawn.exitCode(status)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        print(output)
        XCTAssertEqual(exitCode, 0, "sdk_conformance.py failed:\n\(output)")
        XCTAssertTrue(output.contains(", 0 failed"), "summary line missing:\n\(output)")
        let passed = output.components(separatedBy: "\n").filter { $0.hasPrefix("PASS ") }.count
        XCTAssertGreaterThanOrEqual(passed, 40, "expected the full check list to run:\n\(output)")
    }
}
