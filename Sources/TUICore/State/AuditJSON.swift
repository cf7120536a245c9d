import InfisicalModels

/// Pretty JSON for the metadata view (sorted keys, two-space indent), sanitized line by line.
public enum AuditJSON {
    public static func lines(_ v: JSONValue?, indent: String = "") -> [String] {
        guard let v else { return ["null"] }
        var out: [String] = []
        write(v, indent: indent, prefix: "", suffix: "", into: &out)
        return out.map { Sanitizer.sanitize($0) }
    }

    static func scalar(_ v: JSONValue) -> String? {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number: return v.stringValue ?? "0"
        case .string(let s): return quote(s)
        default: return nil
        }
    }

    static func quote(_ s: String) -> String { JSONValue.quoted(s) }

    static func write(_ v: JSONValue, indent: String, prefix: String, suffix: String, into out: inout [String]) {
        if let s = scalar(v) { out.append(indent + prefix + s + suffix); return }
        switch v {
        case .array(let a):
            if a.isEmpty { out.append(indent + prefix + "[]" + suffix); return }
            out.append(indent + prefix + "[")
            for (i, x) in a.enumerated() { write(x, indent: indent + "  ", prefix: "", suffix: i < a.count - 1 ? "," : "", into: &out) }
            out.append(indent + "]" + suffix)
        case .object(let o):
            if o.isEmpty { out.append(indent + prefix + "{}" + suffix); return }
            out.append(indent + prefix + "{")
            let keys = o.keys.sorted()
            for (i, k) in keys.enumerated() {
                write(o[k] ?? .null, indent: indent + "  ", prefix: quote(k) + ": ", suffix: i < keys.count - 1 ? "," : "", into: &out)
            }
            out.append(indent + "}" + suffix)
        default: break
        }
    }
}
