import Foundation

extension Theme {
    /// A built-in theme by name (`default`, `light`, `high-contrast`, `monochrome`).
    public static func builtin(named name: String) -> Theme? {
        guard let json = builtinJSON[name] else { return nil }
        return try? decode(from: Data(json.utf8), defaultName: name)
    }

    /// The dark default; every other theme falls back to it for names it leaves out.
    public static let builtinDefault: Theme = {
        // The embedded JSON is generated and tested; a literal fallback keeps this total anyway.
        (try? decode(from: Data((builtinJSON["default"] ?? "").utf8), defaultName: "default"))
            ?? Theme(name: "default", styles: [:])
    }()

    static let builtinMonochrome: Theme = builtin(named: "monochrome") ?? Theme(name: "monochrome", styles: [:])
}
