/// The history overlay's geometry: it covers the body like the overview.
extension Layout {
    public var historyBox: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }
    /// Version rows: the box's inner height less the header and four footer lines (two for the
    /// refusal or a notice, which wrap on narrow terminals rather than lose their end; the
    /// selected version; the keys).
    public var historyVisibleRows: Int { max(1, historyBox.inner.height - 5) }
}
