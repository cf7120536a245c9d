extension ProjectRole {
    /// Why a caller with this role may not write secrets at all, or nil: developers (member) and
    /// above may. An unknown or custom role is allowed and the server decides (its 403 is shown).
    /// The TUI's `EditPermission` and the CLI's rollback both ask this.
    public static func writeDenial(_ role: ProjectRole?) -> String? {
        switch role?.slug {
        case "viewer": return "viewer role: read only"
        case "no-access": return "no access to this project"
        default: return nil        // member (developer), admin, owner, custom, unknown
        }
    }
}
