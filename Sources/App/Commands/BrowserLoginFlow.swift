import CSupport
import Foundation
import InfisicalClient
import InfisicalModels

/// The browser half of a person's login, shared by `login` and `--demo --login`: a one-shot
/// loopback listener, the `{domain}/login?callback_port=N` address printed (and opened when a
/// browser can be), and after 5 s on a terminal a paste prompt on the same loop; Ctrl-C ends it
/// cleanly (terminal mode restored, nothing stored).
enum BrowserLoginFlow {
    static func run(api: InfisicalAPI, domain: URL, timeout: TimeInterval, note: String? = nil) throws -> UserCredentials {
        _ = cs_install_signal_pipe()   // before the URL is shown: Ctrl-C from then on ends the wait cleanly
        let listener = try LoginCallbackListener(domain: domain)
        let url = listener.loginURL(domain: domain)
        CLIOutput.note("To sign in, open this address in your browser:\n\n    \(url)\n" + (note.map { "\n" + $0 + "\n" } ?? ""))
        openBrowser(url)
        let cancel = Cancellation()
        let started = Date()
        let paster = PasteReader(enabled: isatty(0) == 1)
        defer { paster.finish() }
        return try listener.waitForCredentials(timeout: timeout, cancel: cancel) {
            if cs_terminate_pending() != 0 { cancel.cancel(); throw InfisicalError(.cancelled, "login cancelled") }
            if Date().timeIntervalSince(started) >= 5, let line = try paster.poll() {
                do { return try verifiedPaste(line, api: api) } catch let e as InfisicalError {
                    CLIOutput.note("error: \(e.message)"); paster.prompt(); return nil
                }
            }
            return nil
        }
    }

    /// A pasted token (base64 of the credentials JSON), accepted only once the server says it is valid.
    static func verifiedPaste(_ text: String, api: InfisicalAPI) throws -> UserCredentials {
        let c = try UserCredentials.fromPaste(text)
        do { try api.checkAuth(token: c.accessToken) } catch let e as InfisicalError where e.status == 401 || e.status == 403 {
            throw InfisicalError(.unauthorized, "the server refused the pasted token (\(e.message))", hint: "sign in again in the browser and copy the new token")
        }
        return c
    }

    /// `$BROWSER` (its first command), else `xdg-open` when a display is set; nothing otherwise
    /// (the printed address is enough). The URL holds only the callback port.
    static func openBrowser(_ url: String) {
        let env = ProcessInfo.processInfo.environment
        let path = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        func find(_ name: String) -> String? {
            if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
            return path.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        var opener: String?
        if let b = env["BROWSER"]?.split(separator: ":").first.map(String.init), !b.isEmpty, !b.contains(" ") { opener = find(b) }
        if opener == nil, env["DISPLAY"] != nil || env["WAYLAND_DISPLAY"] != nil { opener = find("xdg-open") }
        guard let opener else { return }
        _ = try? ChildProcess(path: opener, arguments: [url])
    }
}
