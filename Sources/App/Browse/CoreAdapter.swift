import Foundation
import TUICore

/// The two calls into the pure core, in one place: the loop never touches state any other way.
enum CoreAdapter {
    static func reduce(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
        TUICore.reduce(state, action)
    }

    static func render(_ state: AppState, width: Int, height: Int, theme: Theme) -> Grid {
        TUICore.render(state, width: width, height: height, theme: theme)
    }
}
