import Foundation

/// The demo-data file format (`Resources/demo-seed.json`). Times are offsets from "now" at seeding
/// time (`…DaysAgo`), so the data always looks fresh (and rotation-due secrets always look old).
struct SeedFile: Decodable, Sendable {
    struct Org: Decodable, Sendable { var name: String; var slug: String }
    struct Env: Decodable, Sendable { var slug: String; var name: String }
    struct Identity: Decodable, Sendable { var name: String; var role: String }
    /// A person. With a `password` the user can log in (`POST /api/v3/auth/login`, the `/login` page);
    /// `role` (viewer/developer/admin) is their role in every project of the organization; `mfa: "email"`
    /// turns on email MFA with the fixed demo code `mfaCode`; `organizations` adds other organizations.
    struct User: Decodable, Sendable {
        var email: String
        var name: String
        var password: String?
        var role: String?
        var orgRole: String?
        var mfa: String?
        var mfaCode: String?
        var organizations: [String]?
    }
    struct Tag: Decodable, Sendable { var slug: String; var name: String; var color: String? }
    struct Import: Decodable, Sendable { var env: String; var path: String; var fromEnv: String; var fromPath: String }
    struct Secret: Decodable, Sendable {
        var path: String?
        var key: String
        var comment: String?
        var tags: [String]?
        var values: [String: String]
        /// Older values per env, oldest first; each becomes a version before the current one.
        var history: [String: [String]]?
        var createdDaysAgo: Double?
        var updatedDaysAgo: Double?
        /// Per-env override of updatedDaysAgo.
        var updatedDaysAgoByEnv: [String: Double]?
        /// Email of a seed user or name of an identity who last changed it.
        var updatedBy: String?
        var reminderRepeatDays: Int?
        var reminderNote: String?
    }
    struct Project: Decodable, Sendable {
        var slug: String
        var name: String
        var description: String?
        var createdDaysAgo: Double?
        var tags: [Tag]?
        var folders: [String]?
        var imports: [Import]?
        var secrets: [Secret]
    }
    struct AuditActor: Decodable, Sendable {
        var type: String          // "user" | "identity"
        var email: String?        // user
        var name: String?         // identity (or user display name)
        var userAgents: [String]
        var ip: String?
        var weight: Int?
        var writes: Bool?         // may this actor appear on write events
        /// Acts only in `story` events, never in the random trail: an actor whose every event is known
        /// (the person who left, for `exposure`). Leaving the trail untouched keeps it identical.
        var storyOnly: Bool?
    }
    struct Audit: Decodable, Sendable {
        var days: Int
        var eventsPerDay: Int
        var randomSeed: UInt64?
        /// Extra events since last midnight UTC, so the default audit view ("today") is never empty.
        var todayEvents: Int?
        var actors: [AuditActor]
        /// Fixed events on top of the random trail, so demo questions ("who read
        /// STRIPE_SECRET_KEY in prod this week?") have a known answer.
        var story: [StoryEvent]?
    }
    struct StoryEvent: Decodable, Sendable {
        var actor: String         // an actor's email or name from `actors`
        var event: String         // get-secret, update-secret, …
        var project: String       // project slug
        var environment: String
        var path: String
        /// The secret read or written; absent for `get-secrets` (a folder listed with its values).
        var key: String?
        var hoursAgo: Double
        var userAgent: String?
    }

    var organization: Org
    /// Further organizations (no projects), for users who belong to several.
    var otherOrganizations: [Org]?
    var environments: [Env]
    var identities: [Identity]
    var users: [User]?
    var projects: [Project]
    var audit: Audit?
}
