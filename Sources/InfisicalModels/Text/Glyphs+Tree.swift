/// Tree glyphs, one column each: the folder pane draws its tree with them, and any other tree
/// (a CLI listing) should too, so every tree in the tool looks the same. There is no ASCII mode:
/// the terminal shell always runs in a UTF-8 locale (it falls back to C.UTF-8).
extension Glyphs {
    public enum Tree {
        /// An ancestor with more siblings below it, and one without.
        public static let pipe = "│ ", blank = "  "
        /// A child with siblings after it, and the last child.
        public static let branch = "├─", lastBranch = "└─"
        /// Closed (may hold folders), open, listed and empty, could not be listed.
        public static let closed = "▸", open = "▾", leaf = "─", failed = "✗"
        /// The item that is open in the view.
        public static let current = "●"
    }
}
