import ArgumentParser
import Foundation
import InfisicalClient
import InfisicalModels

struct Projects: ParsableCommand, HasOutputOptions {
    static let configuration = CommandConfiguration(commandName: "projects", abstract: "List the projects you can see.")
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Print JSON (see docs/cli-json.md).") var json = false

    struct Row: Encodable { var id, name, slug: String; var type: String?; var environments: [Env]
        struct Env: Encodable { var slug, name: String; var production: Bool } }

    func run() throws {
        let (api, _) = try connection.connect()
        let projects = try api.listProjects()
        if json {
            CLIOutput.raw(try CLIOutput.json(projects.map { p in
                Row(id: p.id, name: p.name, slug: p.slug, type: p.type,
                    environments: p.environments.map { .init(slug: $0.slug, name: $0.name, production: $0.isProduction) })
            }))
            return
        }
        if projects.isEmpty { CLIOutput.note("no projects visible to this identity"); return }
        CLIOutput.raw(CLIOutput.table(["SLUG", "NAME", "ENVIRONMENTS", "ID"], projects.map { p in
            [CLIOutput.safe(p.slug), CLIOutput.safe(p.name), p.environments.map { CLIOutput.safe($0.slug) }.joined(separator: ","), CLIOutput.safe(p.id)]
        }))
    }
}
