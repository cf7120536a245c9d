import Foundation

/// `GET /login?callback_port=N`: the browser half of `infisical login`, in plain HTML (no framework).
/// The form posts back here (password → organization when there are several → email MFA code); the
/// last page's small inline script POSTs `{"email","privateKey":"","JTWToken","RefreshToken"}` (sic,
/// as Infisical's web app does) as JSON to `http://127.0.0.1:N/`, the CLI's callback listener.
/// Every value put into a page is escaped; tokens travel only in the POST bodies and the final script.
enum LoginPage {
    static func register(_ r: inout Router, _ ctx: ServerContext) {
        let login = UserLogin(ctx: ctx)
        r.addReply("GET", "/login") { input in
            guard let port = callbackPort(input.query["callback_port"]) else { return page(badPort) }
            return page(passwordForm(port: port, email: "", error: nil))
        }
        r.addReply("POST", "/login") { input in
            let f = input.form
            guard let port = callbackPort(f["callback_port"]) else { return page(badPort) }
            let email = f["email"] ?? ""
            switch f["step"] ?? "password" {
            case "organization":
                return await select(login, input, port: port, email: email, token: f["token"] ?? "",
                                    organizationId: f["organizationId"] ?? "")
            case "mfa":
                do {
                    let t = try await login.verifyMfa(mfaToken: f["mfaToken"] ?? "", code: (f["code"] ?? "")
                        .trimmingCharacters(in: .whitespaces), method: "email", input: input)
                    return page(callback(port: port, email: email, tokens: t))
                } catch let e as APIError {
                    return page(mfaForm(port: port, email: email, mfaToken: f["mfaToken"] ?? "", error: message(e)))
                }
            default:
                do {
                    let (user, tokens) = try await login.password(email: email.trimmingCharacters(in: .whitespaces),
                                                                  password: f["password"] ?? "")
                    let orgs = try await login.organizations(userId: user.id)
                    if orgs.count == 1, let only = orgs.first {
                        return await select(login, input, port: port, email: user.email, token: tokens.access,
                                            organizationId: only.0.id)
                    }
                    return page(orgForm(port: port, email: user.email, token: tokens.access, orgs: orgs.map { $0.0 }))
                } catch let e as APIError {
                    return page(passwordForm(port: port, email: email, error: message(e)))
                }
            }
        }
    }

    static func select(_ login: UserLogin, _ input: RequestInput, port: Int, email: String, token: String,
                       organizationId: String) async -> Reply {
        do {
            switch try await login.selectOrganization(token: token, organizationId: organizationId, input: input) {
            case let .mfa(mfa, _): return page(mfaForm(port: port, email: email, mfaToken: mfa, error: nil))
            case let .tokens(t): return page(callback(port: port, email: email, tokens: t))
            }
        } catch let e as APIError {
            return page(passwordForm(port: port, email: email, error: message(e)))
        } catch {
            return page(passwordForm(port: port, email: email, error: "Something went wrong"))
        }
    }

    static func callbackPort(_ raw: String?) -> Int? {
        guard let raw, let n = Int(raw), (1...65535).contains(n) else { return nil }
        return n
    }

    static func message(_ e: APIError) -> String { e.message.stringValue ?? "Request failed (\(e.status))" }

    // MARK: pages

    static let badPort = "<h1>Missing callback port</h1><p>Open this page through <code>infisical-tui login</code>: it adds <code>?callback_port=</code>.</p>"

    static func page(_ body: String) -> Reply {
        Reply(html: """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Log in · infisical dev server</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
            label{display:block;margin:.6rem 0 .2rem}input,select{width:100%;padding:.4rem;box-sizing:border-box}
            button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}.hint{color:#555;font-size:.9rem}</style>
            </head><body>
            \(body)
            </body></html>
            """)
    }

    static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(esc(value))\">"
    }

    static func errorLine(_ error: String?) -> String {
        error.map { "<p class=\"error\" role=\"alert\">\(esc($0))</p>" } ?? ""
    }

    static func passwordForm(port: Int, email: String, error: String?) -> String {
        """
        <h1>Log in to the dev server</h1>
        \(errorLine(error))
        <form method="post" action="/login">
        \(hidden("callback_port", String(port)))\(hidden("step", "password"))
        <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="\(esc(email))" required autofocus>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Log in</button>
        </form>
        <p class="hint">Demo users are listed in the README (section "Demo users").</p>
        """
    }

    static func orgForm(port: Int, email: String, token: String, orgs: [OrgRow]) -> String {
        let options = orgs.map { "<option value=\"\(esc($0.id))\">\(esc($0.name))</option>" }.joined()
        return """
        <h1>Choose an organization</h1>
        <form method="post" action="/login">
        \(hidden("callback_port", String(port)))\(hidden("step", "organization"))\(hidden("email", email))\(hidden("token", token))
        <label for="organizationId">Organization</label><select id="organizationId" name="organizationId">\(options)</select>
        <button type="submit">Continue</button>
        </form>
        """
    }

    static func mfaForm(port: Int, email: String, mfaToken: String, error: String?) -> String {
        """
        <h1>Enter your MFA code</h1>
        \(errorLine(error))
        <p>A code was "emailed" to \(esc(email)). On the dev server it is the user's demo code (see the README).</p>
        <form method="post" action="/login">
        \(hidden("callback_port", String(port)))\(hidden("step", "mfa"))\(hidden("email", email))\(hidden("mfaToken", mfaToken))
        <label for="code">Code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus>
        <button type="submit">Verify</button>
        </form>
        """
    }

    /// The last page: hands the credentials to the CLI's loopback listener.
    static func callback(port: Int, email: String, tokens: UserLogin.Tokens) -> String {
        let payload = JSON.object([("email", .string(email)), ("privateKey", .string("")),
                                   ("JTWToken", .string(tokens.access)), ("RefreshToken", .string(tokens.refresh))])
        return """
        <h1>Logged in as \(esc(email))</h1>
        <p id="status">Sending the login to your terminal…</p>
        <script>
        (function () {
          var status = document.getElementById("status");
          fetch("http://127.0.0.1:\(port)/", {method: "POST", headers: {"Content-Type": "application/json"},
                body: JSON.stringify(\(scriptJSON(payload)))})
            .then(function (r) { status.textContent = r.ok ? "Done: you can close this tab and return to the terminal."
                                                            : "The terminal refused the login (HTTP " + r.status + ")."; })
            .catch(function (e) { status.textContent = "Could not reach the terminal on port \(port): " + e; });
        })();
        </script>
        """
    }

    static func esc(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// JSON safe inside a <script> element: no `<`, `>`, `&` or line separators left raw.
    static func scriptJSON(_ j: JSON) -> String {
        String(decoding: j.serialized(), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }
}
