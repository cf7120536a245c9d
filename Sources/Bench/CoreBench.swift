import Foundation
import InfisicalModels
import TUICore

/// Frame and keystroke costs of the pure core: a project with `rows` secrets, rendered at two sizes.
enum CoreBench {
    static func state(rows: Int, width: Int, height: Int) -> AppState {
        let envs = [Environment(id: "e1", name: "Development", slug: "dev"),
                    Environment(id: "e2", name: "Staging", slug: "staging"),
                    Environment(id: "e3", name: "Production", slug: "prod")]
        let projects = (0..<4).map { Project(id: "p\($0)", name: "project-\($0)", slug: "project-\($0)", environments: envs) }
        var s = AppState(StartupOptions(serverLabel: "http://127.0.0.1:1", identityName: "bench", width: width, height: height))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var effects: [Effect]
        (s, effects) = reduce(s, .started(now: now))
        if case .request(let id, .projects)? = effects.first { (s, _) = reduce(s, .answered(id, .projects(.success(projects)))) }
        s.browse.openProjectId = "p0"
        var rowsList: [SecretRow] = []
        rowsList.reserveCapacity(rows)
        for i in 0..<rows {
            let key = "SERVICE_" + String(100_000 + i).dropFirst() + "_API_KEY"
            let comment = i % 3 == 0 ? "rotated by ops — 東京 🚀" : ""
            let tags: [String] = i % 5 == 0 ? ["billing"] : []
            let updated = now.addingTimeInterval(-Double(i % 400) * 86_400)
            rowsList.append(SecretRow(id: "s\(i)", key: key, environment: "dev", path: "/bulk", version: 1 + i % 7,
                                      comment: comment, tags: tags, updatedAt: updated))
        }
        s.browse.secrets = rowsList
        s.browse.loadedAt = now
        s.browse.focus = .secrets
        return s
    }

    static func run() -> [Measurement] {
        var results: [Measurement] = []
        let theme = Theme.builtinDefault
        for (w, h) in [(80, 24), (160, 48), (250, 80)] {
            let s = state(rows: 10_000, width: w, height: h)
            results.append(Measurement.run("frame render \(w)x\(h), 10k secrets", iterations: 300) {
                _ = render(s, width: w, height: h, theme: theme)
            })
        }
        var s = state(rows: 10_000, width: 160, height: 48)
        results.append(Measurement.run("keystroke Down (reduce + render 160x48)", iterations: 500) {
            let (next, _) = reduce(s, .input(.key(.down)))
            s = next
            _ = render(s, width: 160, height: 48, theme: theme)
        })
        var f = state(rows: 10_000, width: 160, height: 48)
        (f, _) = reduce(f, .input(.key(.char("/"))))
        var typed = 0
        let letters: [Character] = ["s", "e", "r", "v", "1", "2"]
        results.append(Measurement.run("filter keystroke over 10k keys (reduce + render)", iterations: 300) {
            let key: Key = typed % 2 == 0 ? .char(letters[(typed / 2) % letters.count]) : .backspace
            typed += 1
            let (next, _) = reduce(f, .input(.key(key)))
            f = next
            _ = render(f, width: 160, height: 48, theme: theme)
        })
        return results
    }
}
