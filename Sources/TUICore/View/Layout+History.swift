/// The history overlay's geometry: it covers the body like the overview.
extension Layout {
    public var historyBox: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }
    /// Version rows: the box's inner height less the header and three footer lines
    /// (refusal or notice, the selected version, the keys).
    public var historyVisibleRows: Int { max(1, historyBox.inner.height - 4) }
}
