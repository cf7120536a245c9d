import Foundation

/// The route table. Literal paths are registered before parameterized siblings.
enum Routes {
    static func all(_ ctx: ServerContext) -> Router {
        var r = Router()
        AuthRoutes.register(&r, ctx)
        UserAuthRoutes.register(&r, ctx)
        LoginPage.register(&r, ctx)
        ProjectRoutes.register(&r, ctx)
        AuditRoutes.register(&r, ctx)
        SecretReadRoutes.register(&r, ctx)
        SecretWriteRoutes.register(&r, ctx)
        SecretVersionRoutes.register(&r, ctx)
        FolderRoutes.register(&r, ctx)
        return r
    }
}
