import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Whoami: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show the server, identity and scope in use.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    struct Output: Encodable {
        var domain: String; var authMethod: String; var identityId: String?; var identityName: String?; var userId: String?
        var organization: String?; var tokenExpiresAt: Date?
        var project: String?; var projectSlug: String?; var environment: String; var environmentSource: String; var path: String
        var role: String?
    }

    func run() throws {
        let (api, scope) = try connection.connect()
        let who = try api.whoami()
        var slug: String? = nil, role: String? = nil, projectId: String? = scope.project
        if let p = scope.project, let project = try? api.project(idOrSlug: p) {
            slug = project.slug; projectId = project.id
            role = (try? api.role(projectId: project.id))??.displayName
        }
        let out = Output(domain: who.domain, authMethod: who.authMethod, identityId: who.identityId, identityName: who.identityName,
                         userId: who.userId, organization: who.organization, tokenExpiresAt: who.tokenExpiresAt,
                         project: projectId, projectSlug: slug, environment: scope.environment,
                         environmentSource: scope.environmentSource, path: scope.path, role: role)
        if json { CLIOutput.raw(try CLIOutput.json(out)); return }
        var lines: [(String, String)] = [("server", CLIOutput.safe(who.domain)), ("auth", CLIOutput.safe(who.authMethod))]
        if let n = who.identityName { lines.append(("identity", CLIOutput.safe(n))) }
        if let i = who.identityId { lines.append(("identity id", CLIOutput.safe(i))) }
        if let u = who.userId { lines.append(("user id", CLIOutput.safe(u))) }
        if let o = who.organization { lines.append(("organization", CLIOutput.safe(o))) }
        if let e = who.tokenExpiresAt { lines.append(("token expires", CLIOutput.localTime(iso8601Millis(e)))) }
        lines.append(("project", projectId.map { p in slug.map { "\(CLIOutput.safe($0)) (\(CLIOutput.safe(p)))" } ?? CLIOutput.safe(p) } ?? "(none)"))
        if let r = role { lines.append(("role", CLIOutput.safe(r))) }
        lines.append(("environment", "\(scope.environment)  [\(scope.environmentSource)]"))
        lines.append(("path", scope.path))
        CLIOutput.raw(CLIOutput.table(["", ""], lines.map { [$0.0 + ":", $0.1] }).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"))
    }
}
