/// Where the call-sheet's drawing starts, worked out from the parties at and above the selection only (never by
/// adding up the lines of every party above it): the selection stays on screen, as low as it needs to be, and the
/// top line is always a party's name, never its numbers without it.
enum CallSheetScroll {
    /// Nil: draw from the top, the key personnel lines first. Otherwise the first party to draw (the personnel lines
    /// are scrolled off). `lines` gives a party's line count; it is asked only about the parties near `selected`.
    static func firstParty(selected: Int, count: Int, personnel: Int, height: Int, lines: (Int) -> Int) -> Int? {
        guard (0..<count).contains(selected) else { return nil }
        // The selected party and as many of those above it as fit with it.
        var first = selected
        var span = lines(selected)
        while first > 0 && span < height {
            let wider = span + lines(first - 1)
            if wider > height { break }
            span = wider
            first -= 1
        }
        return first == 0 && (personnel == 0 || personnel + span <= height) ? nil : first
    }
}
