/// Incremental filters. Visible indices are recomputed when the filter or the data changes — never
/// per frame — so rendering 10k rows only touches the rows on screen.
extension Reducer {
    mutating func recomputeProjects(keepingId id: String?) {
        let f = state.browse.projectFilter.lowercased()
        state.browse.visibleProjects = state.browse.projects.indices.filter { i in
            f.isEmpty || state.browse.projects[i].name.lowercased().contains(f) || state.browse.projects[i].slug.lowercased().contains(f)
        }
        let i = id.flatMap { id in state.browse.visibleProjects.firstIndex { state.browse.projects[$0].id == id } } ?? 0
        setCursor(.projects, to: i)
    }

    mutating func recomputeSecrets(keeping row: SecretRow?, narrowing: Bool = false) {
        let f = Array(state.browse.secretFilter.lowercased().utf8)
        let here = state.browse.path, everywhere = state.browse.filterRecursive || !state.browse.secretsRecursive
        let rows = state.browse.secrets
        let overdueOnly = state.browse.overdueOnly, policy = state.rotationPolicy, now = state.now
        // Typing one more character can only narrow the result: search the current hits only.
        let candidates: [Int] = narrowing ? state.browse.visibleSecrets : Array(rows.indices)
        var out: [Int] = []
        out.reserveCapacity(candidates.count)
        for i in candidates {
            let r = rows[i]
            if !everywhere && r.path != here && r.importedFrom == nil { continue }
            if !f.isEmpty && !Reducer.contains(r.keyLower, f) { continue }
            if overdueOnly && AppState.rotationStatus(r, policy: policy, now: now)?.state != .overdue { continue }
            out.append(i)
        }
        state.browse.visibleSecrets = out
        let keep = row.flatMap { k in out.firstIndex { rows[$0].key == k.key && rows[$0].path == k.path } } ?? 0
        setCursor(.secrets, to: keep)
    }

    /// Byte-level substring search on UTF-8 (both sides already lower-cased): far cheaper than
    /// `String.contains` when run over 10k keys per keystroke.
    static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        var hay = haystack
        return hay.withUTF8 { h in
            let n = needle.count
            guard n > 0 else { return true }
            guard h.count >= n else { return false }
            let first = needle[0]
            var i = 0
            while i <= h.count - n {
                if h[i] == first {
                    var j = 1
                    while j < n && h[i + j] == needle[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    mutating func startFilter() {
        if state.browse.focus == .projects {
            state.browse.filterEditing = .projects
        } else {
            state.browse.filterEditing = .secrets
            state.browse.focus = .secrets
        }
    }

    mutating func editFilter(_ edit: (inout String) -> Void) {
        switch state.browse.filterEditing {
        case .projects:
            let keep = state.browse.selectedProject?.id
            edit(&state.browse.projectFilter)
            recomputeProjects(keepingId: keep)
        case .secrets:
            let keep = state.browse.selectedSecret, before = state.browse.secretFilter
            edit(&state.browse.secretFilter)
            recomputeSecrets(keeping: keep, narrowing: state.browse.secretFilter.hasPrefix(before) && !before.isEmpty)
        case nil: break
        }
    }

    /// Esc: clears the text of the filter being typed (or of the focused list) and stops editing.
    mutating func clearFilter(_ target: FilterTarget?) {
        state.browse.filterEditing = nil
        switch target {
        case .projects:
            state.browse.projectFilter = ""
            recomputeProjects(keepingId: state.browse.selectedProject?.id)
        case .secrets:
            state.browse.secretFilter = ""
            recomputeSecrets(keeping: state.browse.selectedSecret)
        case nil: break
        }
    }

    /// `!`: overdue rows only. Works with the key filter and Ctrl-R (across sub-folders); Esc clears it.
    mutating func toggleOverdueOnly() {
        state.browse.overdueOnly.toggle()
        recomputeSecrets(keeping: state.browse.selectedSecret)
    }

    mutating func toggleRecursive() {
        state.browse.filterRecursive.toggle()
        if state.browse.filterRecursive && !state.browse.secretsRecursive { loadSecrets(recursive: true) }
        recomputeSecrets(keeping: state.browse.selectedSecret)
    }
}
