import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

/// Confirms a server named by a repository's `.infisical.json` (see `TrustedDomains`): until then
/// such a `domain` is refused, because a cloned repository could otherwise send the environment's
/// credentials to a server of its choosing.
struct TrustDomain: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(
        commandName: "trust-domain",
        abstract: "Trust a server named by a repository's .infisical.json (remembered in the config dir).",
        discussion: """
        A `domain` in .infisical.json is used only when it is the server given by --domain, \
        INFISICAL_DOMAIN/INFISICAL_API_URL or the stored session, Infisical Cloud, or trusted here. \
        The list lives in $XDG_CONFIG_HOME/infisical-tui/trusted-domains (mode 0600).
        """)

    @OptionGroup var output: OutputOptions
    @Argument(help: "The server URL, e.g. https://infisical.example.com") var url: String?
    @Flag(help: "Forget the server instead.") var remove = false
    @Flag(help: "List the trusted servers.") var list = false

    func validate() throws {
        if list && (url != nil || remove) { throw ValidationError("--list takes no URL") }
        if !list && url == nil { throw ValidationError("give the server URL (or --list)") }
    }

    func run() throws {
        let store = TrustedDomains(directory: TrustedDomains.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        if list {
            let all = try store.list()
            if all.isEmpty { CLIOutput.note("no trusted servers (\(store.filePath))") }
            for d in all { CLIOutput.line(CLIOutput.safe(d)) }
            return
        }
        let domain = try ConfigResolver.normalizeDomain(url ?? "")
        let shown = CLIOutput.safe(domain.absoluteString)
        if remove {
            CLIOutput.line(try store.remove(domain) ? "no longer trusting \(shown)" : "\(shown) was not trusted")
            return
        }
        CLIOutput.line(try store.add(domain) ? "trusting \(shown) when a .infisical.json names it" : "\(shown) is already trusted")
        if domain.scheme == "http", let host = domain.host, !Loopback.isLoopbackHost(host) {
            CLIOutput.note("warning: \(shown) is plain http://: credentials sent there are not encrypted")
        }
    }
}
