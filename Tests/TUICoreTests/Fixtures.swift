import Foundation
import InfisicalModels
@testable import TUICore

/// Demo-ish data shaped like the OpticWorks seed, and helpers to drive the reducer like the app
/// does (actions in, effects out) without any terminal or network.
enum Fixtures {
    /// 2025-11-24 00:00 UTC — the tests' "now".
    static let t0 = Date(timeIntervalSince1970: 1_763_942_400)

    static let envs = [Environment(id: "e-dev", name: "Development", slug: "dev"),
                       Environment(id: "e-stg", name: "Staging", slug: "staging"),
                       Environment(id: "e-prod", name: "Production", slug: "prod")]

    static let projects: [Project] = [
        Project(id: "p-store", name: "opticworks-store", slug: "opticworks-store", environments: envs),
        Project(id: "p-hw", name: "hardwareos", slug: "hardwareos", environments: envs),
        Project(id: "p-presence", name: "presence-engine", slug: "presence-engine", environments: envs),
        Project(id: "p-infra", name: "infrastructure", slug: "infrastructure", environments: envs),
    ]

    static func iso(daysAgo: Double) -> String {
        let d = t0.addingTimeInterval(-daysAgo * 86400)
        return DateText.format(d).replacingOccurrences(of: " ", with: "T") + ":00.000Z"
    }

    /// A secret as a metadata-only list returns it.
    static func secret(_ key: String, env: String = "dev", path: String = "/", version: Int = 1, daysAgo: Double = 3,
                       comment: String = "", tags: [String] = []) -> Secret {
        Secret(id: "id-\(env)-\(path)-\(key)", workspace: "p-store", environment: env, version: version,
               secretKey: key, secretValue: Secret.hiddenPlaceholder, secretValueHidden: true, secretComment: comment,
               secretPath: path, tags: tags.map { Tag(slug: $0, name: $0) },
               createdAt: iso(daysAgo: daysAgo + 30), updatedAt: iso(daysAgo: daysAgo))
    }

    static let folders = ["database", "easypost", "internal", "redis", "stripe"]
    /// The folder tree `answer` serves: `/internal` holds two levels more (a tree to walk).
    static let folderTree: [String: [String]] = ["/": folders, "/internal": ["ops", "tools"], "/internal/tools": ["ci"]]

    static func rootList(env: String = "dev") -> SecretList {
        SecretList(secrets: [
            secret("APP_ENV", env: env, version: 2, daysAgo: 3, comment: "which environment the app thinks it is"),
            secret("LOG_LEVEL", env: env, daysAgo: 12, tags: ["ops"]),
            secret("SESSION_SECRET", env: env, version: 7, daysAgo: 200, comment: "rotate quarterly"),
            secret("NEXT_PUBLIC_SITE_URL", env: env, daysAgo: 40),
        ])
    }

    static func stripeList(env: String = "dev") -> SecretList {
        SecretList(secrets: [
            secret("STRIPE_SECRET_KEY", env: env, path: "/stripe", version: 4, daysAgo: 95, comment: "sk_ key for the store"),
            secret("STRIPE_WEBHOOK_SECRET", env: env, path: "/stripe", version: 2, daysAgo: 10),
        ])
    }

    static func folderObjects(_ names: [String]) -> [Folder] { names.map { Folder(id: "f-" + $0, name: $0) } }

    /// Runs one action and returns the effects, updating `state` in place.
    @discardableResult
    static func send(_ state: inout AppState, _ action: Action) -> [Effect] {
        let (next, effects) = reduce(state, action)
        state = next
        return effects
    }

    @discardableResult
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        var all: [Effect] = []
        for k in keys { all += send(&state, .input(.key(k))) }
        return all
    }

    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        var all: [Effect] = []
        for c in text { all += send(&state, .input(.key(.char(c)))) }
        return all
    }

    /// The requests among `effects`, with their ids.
    static func requests(_ effects: [Effect]) -> [(id: RequestID, request: Request)] {
        effects.compactMap { if case .request(let id, let r) = $0 { return (id, r) }; return nil }
    }

    /// The id of the first request in `effects` that `match` picks (nil when there is none).
    static func id(_ effects: [Effect], _ match: (Request) -> Bool) -> RequestID? {
        requests(effects).first { match($0.request) }?.id
    }

    /// Answers every load effect the way the dev server would for the demo data.
    static func answer(_ state: inout AppState, _ effects: [Effect], lists: [String: SecretList] = [:]) {
        var queue = effects
        while !queue.isEmpty {
            guard case .request(let id, let r) = queue.removeFirst() else { continue }
            switch r {
            case .projects: queue += send(&state, .answered(id, .projects(.success(projects))))
            case .folders(_, _, let path):
                let names = folderTree[path] ?? []
                queue += send(&state, .answered(id, .folders(.success(folderObjects(names)))))
            case .secrets(_, let env, let path, let rec):
                var list = lists["\(env):\(path)"] ?? (path == "/stripe" ? stripeList(env: env) : path == "/" ? rootList(env: env) : SecretList(secrets: []))
                if rec && path == "/" { list.secrets += stripeList(env: env).secrets }
                queue += send(&state, .answered(id, .secrets(.success(list), now: state.now)))
            case .role:
                queue += send(&state, .answered(id, .role(.success(ProjectRole(slug: "member")))))
            default: break
            }
        }
    }

    /// A started app with projects, the first project open in `dev` at `/`, all loads answered.
    static func loadedState(width: Int = 80, height: Int = 24, lists: [String: SecretList] = [:]) -> AppState {
        var s = AppState(StartupOptions(serverLabel: "127.0.0.1:8080", identityName: "demo-developer",
                                        width: width, height: height))
        let effects = send(&s, .started(now: t0))
        answer(&s, effects, lists: lists)
        return s
    }

    /// Renders and returns the screen as text lines (trailing spaces trimmed).
    static func screen(_ s: AppState, theme: Theme = .builtinDefault) -> [String] {
        render(s, width: s.width, height: s.height, theme: theme).text.components(separatedBy: "\n")
    }
}

extension Grid {
    /// The column where `text` starts on row `y` (cells, so wide characters count as 2), or nil.
    func column(of text: String, row y: Int) -> Int? {
        let first = text.first.map(String.init) ?? ""
        for x in 0..<width where self[x, y].text == first {
            if self.text(x: x, y: y, count: Glyphs.width(text)) == text { return x }
        }
        return nil
    }

    /// The row whose text contains `needle`.
    func row(containing needle: String) -> Int? {
        (0..<height).first { line($0).contains(needle) }
    }
}

extension Effect {
    /// The request this effect starts, without its id (ids are the tracker's business).
    var asked: Request? { if case .request(_, let r) = self { return r }; return nil }
}

extension Array where Element == Effect {
    /// The requests among these effects, in order, without ids.
    var asked: [Request] { compactMap(\.asked) }
}

extension Fixtures {
    /// Answers the request in flight in `slot` (as the runner would), or an unknown id if none is.
    @discardableResult
    static func reply(_ state: inout AppState, _ slot: RequestSlot, _ answer: Answer) -> [Effect] {
        send(&state, .answered(state.requests.id(of: slot) ?? RequestID(-1), answer))
    }
}

extension RequestID {
    /// Stands for "some id" in expected effect lists (see `anonymized`).
    static let any = RequestID(0)
}

extension Array where Element == Effect {
    /// The effects with every request id replaced by `.any`, to compare requests and local effects
    /// in order without depending on id numbering.
    var anonymized: [Effect] {
        map { if case .request(_, let r) = $0 { return .request(.any, r) }; return $0 }
    }
}
