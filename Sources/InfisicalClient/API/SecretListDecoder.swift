import Foundation
import InfisicalModels

/// The lean reader of `GET /api/v4/secrets` bodies: one pass over the response bytes straight into
/// `Secret` rows, with no intermediate JSON tree and no repaired copy of the body. A 10k list was
/// ~170 ms of CPU through `JSONDecoder` (+ `TolerantJSON`); this is the client's hot path.
///
/// It reads exactly what the Codable path (`TolerantJSON.decode(SecretList.self, …)`) reads, which
/// the differential tests hold it to:
/// - unknown fields are skipped (but still validated), field order does not matter, the first of
///   duplicate keys wins (JSONDecoder's rule);
/// - invalid UTF-8 and unpaired surrogate escapes become U+FFFD (TolerantJSON's repair), pairs
///   combine, every JSON escape is decoded; raw control characters in strings are refused;
/// - an entry of the wrong shape is left out and named in `skipped` (by `secretKey` when it is a
///   string, else `#index`); anything malformed in the document itself, or in `imports`, refuses
///   the whole body (the caller turns that into the same "malformed response" error as before).
public enum SecretListDecoder {
    public struct Malformed: Error, Equatable {
        /// Byte offset where reading stopped (for tests; never shown with body text).
        public var offset: Int
    }

    /// Nesting deeper than this is refused rather than recursed into (a hostile body cannot
    /// exhaust the stack).
    static let maxDepth = 512

    /// What a caller keeps of each entry. Either way every field is read and checked the same,
    /// so the same entries are kept and skipped.
    public enum Fields: Sendable {
        case all
        /// An export's needs: `secretKey`, `secretValue`, `secretValueHidden`, `secretPath`,
        /// `version`, `tags`, `actor`, `skipMultilineEncoding` and `secretReminderRepeatDays`;
        /// the other strings (ids, environment, type, comment, note, dates) come back empty
        /// instead of being built (a 10k export: 4 fewer strings a row).
        case keysAndValues
    }

    public static func decode(_ data: Data, fields: Fields = .all) throws -> SecretList {
        try data.withUnsafeBytes { raw in
            var p = Parser(raw.bindMemory(to: UInt8.self))
            p.fields = fields
            return try p.document()
        }
    }

    /// A field's state while an object is read (the first of duplicate keys is kept).
    enum Slot<T> {
        case absent, null, value(T), wrongType
        /// An optional field: nil when absent or null; throws `Bad` for a wrong type.
        func optional() throws -> T? {
            switch self {
            case .absent, .null: return nil
            case .value(let v): return v
            case .wrongType: throw Bad()
            }
        }
        func required() throws -> T {
            if case .value(let v) = self { return v }
            throw Bad()
        }
    }

    /// A value of the wrong shape inside one entry (the entry is skipped, the document goes on).
    struct Bad: Error {}

    enum SecretField {
        case id, workspace, environment, version, type, secretKey, secretValue, secretValueHidden, secretComment,
             secretPath, tags, secretReminderRepeatDays, secretReminderNote, skipMultilineEncoding, actor,
             createdAt, updatedAt, other
    }

    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0
        var fields = Fields.all
        /// The last entry's project id and times: most entries repeat the project id, and a secret
        /// never changed has its update time equal to its creation time. An equal text reuses the
        /// string (10k rows: one project id string, not 10k).
        var recentWorkspace: String?, recentCreated: String?, recentUpdated: String?
        /// Reused for strings that hold escapes.
        var scratch: [UInt8] = []

        init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

        // MARK: document

        mutating func document() throws -> SecretList {
            if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }   // a UTF-8 BOM
            ws()
            var secrets: Slot<(secrets: [Secret], skipped: [String])> = .absent
            var imports: Slot<[SecretImport]> = .absent
            let keysOK = try object { p, key in
                if Self.equals(key, "secrets") {
                    try p.read(&secrets) { p in
                        // `TolerantSecretArray` wants an array: null or another type refuses the body.
                        guard try p.peek() == UInt8(ascii: "[") else { throw p.malformed() }
                        return .value(try p.secretArray())
                    }
                } else if Self.equals(key, "imports") {
                    try p.read(&imports) { p in
                        if try p.peek() == UInt8(ascii: "n") { try p.null(); return .null }
                        guard try p.peek() == UInt8(ascii: "[") else { throw p.malformed() }
                        return .value(try p.importArray())
                    }
                } else {
                    try p.skipValue()
                }
            }
            ws()
            guard keysOK, i == b.count else { throw malformed() }
            guard case .value(let own) = secrets else { throw malformed() }
            let imp: [SecretImport]?
            switch imports {
            case .absent, .null: imp = nil
            case .value(let v): imp = v
            case .wrongType: throw malformed()
            }
            let skipped = own.skipped + (imp ?? []).flatMap { i in i.skipped.map { "\(i.environment):\(i.secretPath) \($0)" } }
            return SecretList(secrets: own.secrets, imports: imp, skipped: skipped)
        }

        /// `TolerantSecretArray`: what reads as a secret is kept, the rest is named.
        mutating func secretArray() throws -> (secrets: [Secret], skipped: [String]) {
            var secrets: [Secret] = [], skipped: [String] = []
            // Room for the rows up front: grown by doubling, a 10k list held 16k rows' worth of
            // memory plus the 8k it was copied from (a row is ~270 bytes).
            secrets.reserveCapacity(estimatedEntries())
            var index = 0
            try array { p in
                let (secret, key) = try p.secretEntry()
                if let secret { secrets.append(secret) } else { skipped.append(key ?? "#\(index)") }
                index += 1
            }
            return (secrets, skipped)
        }

        /// How many entries the rest of the body holds, about: the `"secretKey"` names ahead (imports'
        /// included), but never more than the body has room for (the smallest entry that reads is
        /// ~70 bytes), so a body made of that name cannot make us reserve more than it is worth.
        func estimatedEntries() -> Int {
            let name = Array(#""secretKey""#.utf8)
            guard let base = b.baseAddress else { return 0 }
            // memchr finds the name's `K` (vectorised); the bytes around it confirm the name.
            let k = 7   // name[k] == "K"
            var n = 0, j = i + k
            while j < b.count, let hit = memchr(base + j, Int32(name[k]), b.count - j) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
                if at + name.count <= b.count, memcmp(base + at, name, name.count) == 0 { n += 1 }
                j = at + k + 1
            }
            return min(n, (b.count - i) / 70)
        }

        /// `[SecretImport]`: unlike the entries, a wrong-shaped import refuses the body (as Codable does).
        mutating func importArray() throws -> [SecretImport] {
            var out: [SecretImport] = []
            try array { p in
                guard try p.peek() == UInt8(ascii: "{") else { throw p.malformed() }
                var path: Slot<String> = .absent, env: Slot<String> = .absent, folder: Slot<String> = .absent
                var secrets: Slot<(secrets: [Secret], skipped: [String])> = .absent
                let keysOK = try p.object { p, key in
                    if Self.equals(key, "secretPath") { try p.read(&path) { try $0.stringSlot() } }
                    else if Self.equals(key, "environment") { try p.read(&env) { try $0.stringSlot() } }
                    else if Self.equals(key, "folderId") { try p.read(&folder) { try $0.stringSlot() } }
                    else if Self.equals(key, "secrets") {
                        try p.read(&secrets) { p in
                            guard try p.peek() == UInt8(ascii: "[") else { throw p.malformed() }
                            return .value(try p.secretArray())
                        }
                    } else { try p.skipValue() }
                }
                do {
                    guard keysOK else { throw Bad() }
                    var imp = SecretImport(secretPath: try path.required(), environment: try env.required(),
                                           folderId: try folder.optional(), secrets: [])
                    let read = try secrets.required()
                    imp.secrets = read.secrets; imp.skipped = read.skipped
                    out.append(imp)
                } catch is Bad { throw p.malformed() }
            }
            return out
        }

        /// One list entry: the secret, or nil (and its key when readable) when it has the wrong shape.
        mutating func secretEntry() throws -> (Secret?, String?) {
            guard try peek() == UInt8(ascii: "{") else { try skipValue(); return (nil, nil) }
            var id: Slot<String> = .absent, workspace: Slot<String> = .absent, environment: Slot<String> = .absent
            var version: Slot<Int> = .absent, type: Slot<String> = .absent, key: Slot<String> = .absent
            var value: Slot<String> = .absent, hidden: Slot<Bool> = .absent, comment: Slot<String> = .absent
            var path: Slot<String> = .absent, tags: Slot<[Tag]> = .absent, reminderDays: Slot<Double> = .absent
            var reminderNote: Slot<String> = .absent, skipMultiline: Slot<Bool> = .absent
            var actor: Slot<SecretActor> = .absent, created: Slot<String> = .absent, updated: Slot<String> = .absent
            let keysOK = try object { p, k in
                switch Self.secretField(k) {
                case .id: try p.read(&id) { try $0.unkeptStringSlot() }
                case .workspace: try p.read(&workspace) { try $0.unkeptStringSlot(sharing: $0.recentWorkspace) }
                case .environment: try p.read(&environment) { try $0.unkeptStringSlot() }
                case .version: try p.read(&version) { try $0.intSlot() }
                case .type: try p.read(&type) { try $0.unkeptStringSlot() }
                case .secretKey: try p.read(&key) { try $0.stringSlot() }
                case .secretValue: try p.read(&value) { try $0.stringSlot() }
                case .secretValueHidden: try p.read(&hidden) { try $0.boolSlot() }
                case .secretComment: try p.read(&comment) { try $0.unkeptStringSlot() }
                case .secretPath: try p.read(&path) { try $0.stringSlot() }
                case .tags: try p.read(&tags) { try $0.tagsSlot() }
                case .secretReminderRepeatDays: try p.read(&reminderDays) { try $0.doubleSlot() }
                case .secretReminderNote: try p.read(&reminderNote) { try $0.unkeptStringSlot() }
                case .skipMultilineEncoding: try p.read(&skipMultiline) { try $0.boolSlot() }
                case .actor: try p.read(&actor) { try $0.actorSlot() }
                case .createdAt: try p.read(&created) { try $0.unkeptStringSlot(sharing: $0.recentCreated) }
                case .updatedAt: try p.read(&updated) { try $0.unkeptStringSlot(sharing: $0.recentUpdated) }
                case .other: try p.skipValue()
                }
            }
            // An unreadable key fails the whole object in the Codable path, its secretKey included.
            let readableKey: String? = { if keysOK, case .value(let k) = key { return k }; return nil }()
            do {
                guard keysOK else { throw Bad() }
                // The next entry's equal texts share these strings instead of making their own.
                if case .value(let w) = workspace { recentWorkspace = w }
                if case .value(let c) = created { recentCreated = c; recentUpdated = c }
                if case .value(let u) = updated { recentUpdated = u }
                let s = Secret(id: try id.required(), workspace: try workspace.optional(), environment: try environment.required(),
                               version: try version.required(), type: try type.optional(), secretKey: try key.required(),
                               secretValue: try value.required(), secretValueHidden: try hidden.optional(),
                               secretComment: try comment.optional(), secretPath: try path.optional(), tags: try tags.optional(),
                               secretReminderRepeatDays: try reminderDays.optional(),
                               secretReminderNote: try reminderNote.optional(), skipMultilineEncoding: try skipMultiline.optional(),
                               actor: try actor.optional(), createdAt: try created.optional(), updatedAt: try updated.optional())
                return (s, readableKey)
            } catch is Bad {
                return (nil, readableKey)
            }
        }

        mutating func tagsSlot() throws -> Slot<[Tag]> {
            switch try peek() {
            case UInt8(ascii: "n"): try null(); return .null
            case UInt8(ascii: "["): break
            default: try skipValue(); return .wrongType
            }
            var tags: [Tag] = [], bad = false
            try array { p in
                guard try p.peek() == UInt8(ascii: "{") else { try p.skipValue(); bad = true; return }
                var id: Slot<String> = .absent, slug: Slot<String> = .absent, name: Slot<String> = .absent, color: Slot<String> = .absent
                let keysOK = try p.object { p, k in
                    if Self.equals(k, "slug") { try p.read(&slug) { try $0.stringSlot() } }
                    else if Self.equals(k, "id") { try p.read(&id) { try $0.stringSlot() } }
                    else if Self.equals(k, "name") { try p.read(&name) { try $0.stringSlot() } }
                    else if Self.equals(k, "color") { try p.read(&color) { try $0.stringSlot() } }
                    else { try p.skipValue() }
                }
                do { guard keysOK else { throw Bad() }; tags.append(Tag(id: try id.optional(), slug: try slug.required(), name: try name.optional(), color: try color.optional())) }
                catch is Bad { bad = true }
            }
            return bad ? .wrongType : .value(tags)
        }

        mutating func actorSlot() throws -> Slot<SecretActor> {
            switch try peek() {
            case UInt8(ascii: "n"): try null(); return .null
            case UInt8(ascii: "{"): break
            default: try skipValue(); return .wrongType
            }
            var id: Slot<String> = .absent, type: Slot<String> = .absent, name: Slot<String> = .absent
            let keysOK = try object { p, k in
                if Self.equals(k, "actorId") { try p.read(&id) { try $0.stringSlot() } }
                else if Self.equals(k, "actorType") { try p.read(&type) { try $0.stringSlot() } }
                else if Self.equals(k, "name") { try p.read(&name) { try $0.stringSlot() } }
                else { try p.skipValue() }
            }
            do { guard keysOK else { throw Bad() }; return .value(SecretActor(actorId: try id.optional(), actorType: try type.optional(), name: try name.optional())) }
            catch is Bad { return .wrongType }
        }

        // MARK: typed values (a wrong type is skipped over, validated, and reported as such)

        /// The first of duplicate keys wins (as in Foundation's JSONDecoder); later ones are
        /// validated and dropped.
        mutating func read<T>(_ slot: inout Slot<T>, _ reader: (inout Parser) throws -> Slot<T>) throws {
            guard case .absent = slot else { try skipValue(); return }
            slot = try reader(&self)
        }

        mutating func stringSlot() throws -> Slot<String> {
            switch try peek() {
            case UInt8(ascii: "\""): return try string().map { .value($0) } ?? .wrongType
            case UInt8(ascii: "n"): try null(); return .null
            default: try skipValue(); return .wrongType
            }
        }

        /// `stringSlot` for a field the caller may not keep (`Fields`) or that entries repeat: with
        /// `.keysAndValues` a valid string reads as "" without being built; otherwise a text equal
        /// to `recent` is that string again. An invalid string is the wrong type either way.
        mutating func unkeptStringSlot(sharing recent: String? = nil) throws -> Slot<String> {
            guard try peek() == UInt8(ascii: "\"") else { return try stringSlot() }
            let start = i + 1
            let (end, escaped) = try stringEnd()
            let r = start..<end
            if case .keysAndValues = fields { return (escaped ? decode(r) != nil : !hasControl(r)) ? .value("") : .wrongType }
            // `recent` was read from valid text, so equal bytes are valid too.
            if !escaped, var recent, recent.withUTF8({ $0.elementsEqual(UnsafeBufferPointer(rebasing: b[r])) }) {
                return .value(recent)
            }
            return text(r, escaped: escaped).map { .value($0) } ?? .wrongType
        }

        mutating func boolSlot() throws -> Slot<Bool> {
            switch try peek() {
            case UInt8(ascii: "t"): try literal("true"); return .value(true)
            case UInt8(ascii: "f"): try literal("false"); return .value(false)
            case UInt8(ascii: "n"): try null(); return .null
            default: try skipValue(); return .wrongType
            }
        }

        mutating func intSlot() throws -> Slot<Int> {
            switch try peek() {
            case UInt8(ascii: "n"): try null(); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let r = try numberToken()
                guard let integral = Self.strictNumber(UnsafeBufferPointer(rebasing: b[r])) else { return .wrongType }
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
                if integral, let v = Int(text) { return .value(v) }
                // JSONDecoder takes `3.0` or `3e2` for an Int when the value is exactly integral.
                if !integral, let d = Double(text), let v = Int(exactly: d) { return .value(v) }
                return .wrongType
            default: try skipValue(); return .wrongType
            }
        }

        mutating func doubleSlot() throws -> Slot<Double> {
            switch try peek() {
            case UInt8(ascii: "n"): try null(); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let r = try numberToken()
                guard Self.strictNumber(UnsafeBufferPointer(rebasing: b[r])) != nil,
                      let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)), d.isFinite else {
                    return .wrongType
                }
                return .value(d)
            default: try skipValue(); return .wrongType
            }
        }

        // MARK: structure
        //
        // Like Foundation's JSON scanner, the structure is checked up front but a leaf (a string's
        // escapes, a number's digits) only when it is read: a bad leaf in an unknown field costs
        // nothing, in a field that is read it makes that entry the wrong shape. A trailing comma
        // before `]` or `}` and a UTF-8 BOM at the start are accepted, as that scanner does.

        /// Calls `member` for each key with the parser on that key's value. False when a key could
        /// not be read (a bad escape): such a member is skipped, and the object has the wrong shape.
        @discardableResult
        mutating func object(_ member: (inout Parser, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
            try expect(UInt8(ascii: "{"))
            depth += 1
            guard depth <= SecretListDecoder.maxDepth else { throw malformed() }
            var keysOK = true
            ws()
            if try peek() == UInt8(ascii: "}") { i += 1; depth -= 1; return true }
            while true {
                ws()
                guard try peek() == UInt8(ascii: "\"") else { throw malformed() }
                let ok = try withKey { p, k in
                    p.ws()
                    try p.expect(UInt8(ascii: ":"))
                    p.ws()
                    if let k { try member(&p, k) } else { try p.skipValue() }
                }
                if !ok { keysOK = false }
                ws()
                let c = try next()
                if c == UInt8(ascii: "}") { break }
                guard c == UInt8(ascii: ",") else { throw malformed(at: i - 1) }
                ws()
                if try peek() == UInt8(ascii: "}") { i += 1; break }
            }
            depth -= 1
            return keysOK
        }

        mutating func array(_ element: (inout Parser) throws -> Void) throws {
            try expect(UInt8(ascii: "["))
            depth += 1
            guard depth <= SecretListDecoder.maxDepth else { throw malformed() }
            ws()
            if try peek() == UInt8(ascii: "]") { i += 1; depth -= 1; return }
            while true {
                ws()
                try element(&self)
                ws()
                let c = try next()
                if c == UInt8(ascii: "]") { break }
                guard c == UInt8(ascii: ",") else { throw malformed(at: i - 1) }
                ws()
                if try peek() == UInt8(ascii: "]") { i += 1; break }
            }
            depth -= 1
        }

        /// Any JSON value, its structure checked, dropped.
        mutating func skipValue() throws {
            switch try peek() {
            case UInt8(ascii: "{"): try object { p, _ in try p.skipValue() }
            case UInt8(ascii: "["): try array { p in try p.skipValue() }
            case UInt8(ascii: "\""): _ = try stringEnd()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try null()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try numberToken()
            default: throw malformed()
            }
        }

        /// A number's extent as the scanner sees it: a sign or digit, then digits, `.`, `e`, `E`, `+`, `-`.
        mutating func numberToken() throws -> Range<Int> {
            let start = i
            i += 1
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                     UInt8(ascii: "+"), UInt8(ascii: "-"): i += 1
                default: return start..<i
                }
            }
            return start..<i
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: nil when `t` is not that, else
        /// whether it is integral (no fraction, no exponent).
        static func strictNumber(_ t: UnsafeBufferPointer<UInt8>) -> Bool? {
            var j = 0
            func digit(_ k: Int) -> Bool { k < t.count && t[k] >= UInt8(ascii: "0") && t[k] <= UInt8(ascii: "9") }
            if j < t.count && t[j] == UInt8(ascii: "-") { j += 1 }
            guard digit(j) else { return nil }
            if t[j] == UInt8(ascii: "0") { j += 1 } else { while digit(j) { j += 1 } }
            var integral = true
            if j < t.count && t[j] == UInt8(ascii: ".") {
                integral = false; j += 1
                guard digit(j) else { return nil }
                while digit(j) { j += 1 }
            }
            if j < t.count && (t[j] == UInt8(ascii: "e") || t[j] == UInt8(ascii: "E")) {
                integral = false; j += 1
                if j < t.count && (t[j] == UInt8(ascii: "+") || t[j] == UInt8(ascii: "-")) { j += 1 }
                guard digit(j) else { return nil }
                while digit(j) { j += 1 }
            }
            return j == t.count ? integral : nil
        }
    }
}
