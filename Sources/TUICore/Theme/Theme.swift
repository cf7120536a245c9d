import Foundation
import InfisicalModels

/// A theme: semantic style names (see `StyleName`) → resolved `TextStyle`s. The core only parses
/// data; the app finds files (`Themes/`, the XDG config dir, `--theme NAME|FILE`).
public struct Theme: Equatable, Sendable {
    public var name: String
    /// Styles the file defined. Names it left out fall back to the built-in default theme.
    public var styles: [String: TextStyle]
    /// Style names in the file that the renderer does not use (likely typos), for a warning.
    public var unknownStyleNames: [String]

    public init(name: String, styles: [String: TextStyle], unknownStyleNames: [String] = []) {
        self.name = name; self.styles = styles; self.unknownStyleNames = unknownStyleNames
    }

    /// The style for a semantic name: the theme's own, else the built-in default's, else plain.
    public func style(_ name: String) -> TextStyle {
        styles[name] ?? Theme.builtinDefault.styles[name] ?? .plain
    }

    /// Parses a theme file: `{"name": "…", "styles": {"tab.active": {"fg": "black", "bg": "cyan",
    /// "bold": true}, …}}`. Throws `ThemeError` naming the style and field that is wrong.
    public static func decode(from data: Data, defaultName: String = "custom") throws -> Theme {
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw ThemeError("theme file is not valid JSON (\(Self.describe(error)))")
        }
        guard case .object(let top) = root else { throw ThemeError("theme file must be a JSON object with \"styles\"") }
        var name = defaultName
        if let n = top["name"] {
            guard case .string(let s) = n, !s.isEmpty else { throw ThemeError("\"name\" must be a non-empty string") }
            name = s
        }
        guard let stylesValue = top["styles"] else { throw ThemeError("theme \"\(name)\": missing \"styles\" object") }
        guard case .object(let raw) = stylesValue else { throw ThemeError("theme \"\(name)\": \"styles\" must be an object") }
        var styles: [String: TextStyle] = [:]
        for (key, value) in raw {
            styles[key] = try parseStyle(value, theme: name, style: key)
        }
        let known = Set(StyleName.all)
        let unknown = raw.keys.filter { !known.contains($0) }.sorted()
        return Theme(name: name, styles: styles, unknownStyleNames: unknown)
    }

    static func parseStyle(_ v: JSONValue, theme: String, style: String) throws -> TextStyle {
        let at = "theme \"\(theme)\", style \"\(style)\""
        guard case .object(let o) = v else { throw ThemeError("\(at): must be an object like {\"fg\":\"cyan\",\"bold\":true}") }
        var t = TextStyle()
        for (field, value) in o {
            switch field {
            case "fg", "bg":
                let color: Color?
                switch value {
                case .string(let s): color = ColorName.parse(s)
                case .number(let n): color = n == n.rounded() ? ColorName.index(Int(n)) : nil
                default: color = nil
                }
                guard let color else {
                    throw ThemeError("\(at): \(field) \(Self.show(value)) is not a colour (use an ANSI name such as \"red\" or \"bright-blue\", \"default\", \"#rrggbb\", or 0–255)")
                }
                if field == "fg" { t.fg = color } else { t.bg = color }
            case "bold", "dim", "underline", "reverse", "italic":
                guard case .bool(let b) = value else { throw ThemeError("\(at): \(field) must be true or false") }
                switch field {
                case "bold": t.bold = b
                case "dim": t.dim = b
                case "underline": t.underline = b
                case "reverse": t.reverse = b
                default: t.italic = b
                }
            default:
                throw ThemeError("\(at): unknown field \"\(field)\" (expected fg, bg, bold, dim, underline, reverse, italic)")
            }
        }
        return t
    }

    static func show(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "\"\(Sanitizer.sanitize(s))\""
        case .number(let n): return n == n.rounded() ? String(Int64(n)) : String(n)
        case .bool(let b): return String(b)
        case .null: return "null"
        case .array: return "[…]"
        case .object: return "{…}"
        }
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let c) = error {
            if let u = c.underlyingError as NSError?, let d = u.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
            return c.debugDescription
        }
        return String(describing: error)
    }
}

/// A theme file problem, phrased for a person: which theme, which style, what is accepted.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
