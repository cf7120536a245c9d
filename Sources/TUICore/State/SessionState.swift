import Foundation
import InfisicalModels

/// Who is signed in where, and the preferences the app started with. Set at start-up; only the
/// roles (learned per project) and the theme change later.
public struct SessionState: Equatable, Sendable {
    public var serverLabel: String
    public var identityName: String
    /// The member's role per project id, as the server reported it.
    public var roles: [String: ProjectRole] = [:]
    public var remaskAfter: TimeInterval
    public var themeName: String
    /// Seconds east of UTC for local times (audit log); the shell supplies it, the core stays pure.
    public var utcOffset: Int
    /// Credentials go over plain http to a remote host: the status line says so all the time.
    public var insecureTransport: Bool
    /// Rotation overrides from config.json; `AppState.rotationPolicy` applies them to the open project.
    public var rotation: RotationConfig
    /// Ask for the organization's name at start (a person's token: machine identities have no such route).
    public var asksOrganization: Bool
    /// The organization's name as the server sent it (untrusted text), once known.
    public var organizationName: String?
    /// Start-up preselection (flags, env, `.infisical.json`, last view); consumed once used.
    public var preferredProject: String?
    public var preferredEnvironment: String?
    public var preferredPath: String?

    init(_ o: StartupOptions) {
        serverLabel = o.serverLabel; identityName = o.identityName
        preferredProject = o.preferredProject; preferredEnvironment = o.preferredEnvironment
        preferredPath = o.preferredPath.map(BrowseState.normalize(path:))
        remaskAfter = o.remaskAfter; themeName = o.themeName; utcOffset = o.utcOffset
        insecureTransport = o.insecureTransport; rotation = o.rotation
        asksOrganization = o.asksOrganization
    }
}

/// The status line's own state: one success notice or one error, and the spinner.
public struct StatusState: Equatable, Sendable {
    /// A one-line success message (cleared by the next key).
    public var notice: String?
    public var lastError: InfisicalError?
    public var spinnerFrame = 0
    public init() {}
}
