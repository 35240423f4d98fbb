import Foundation
import DeskCore
import DeskConfig

/// The outage banner across the top: quiet in normal times, three loud lines during an outage.
public enum BannerPane: PaneRenderer {
    public static func lines(for state: AppState) -> Int { state.view.activeOutage == nil ? 1 : 3 }

    /// At most `lines` lines of the wrapped text; the last one is cut with "…" if more would follow.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        let all = TextWidth.wrap(text, width: width)
        guard all.count > lines else { return all }
        return Array(all.prefix(lines - 1)) + [TextWidth.truncate(all[(lines - 1)...].joined(separator: " "), to: width)]
    }

    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        // No year on the clock: at 80 columns every character of the banner counts.
        let clock = "\(LocalDate(state.now, in: state.zone).longDescription.dropLast(5)) \(Clock.time(state.now, state.zone))"
        if let outage = state.view.activeOutage {
            canvas.fill(rect, role: .bannerOutage)
            let since = state.now.timeIntervalSince(outage.since)
            let w = canvas.glyphs.warning
            canvas.write(" \(w) OUTAGE \(w)  \(outage.system) is DOWN since \(Clock.time(outage.since, state.zone)) (\(Clock.duration(since)))",
                         x: rect.x, y: rect.y, role: .bannerOutage, limit: rect.width - TextWidth.of(clock) - 2)
            canvas.write(clock, x: rect.maxX - TextWidth.of(clock) - 1, y: rect.y, role: .bannerOutage)
            // What to do instead matters more than anything else here: it wraps over both lines rather than being cut.
            let advice = "Instead: \(outage.instructions)" + (outage.reason.isEmpty ? "" : " Reason: \(outage.reason)")
            for (index, line) in wrap(advice, width: rect.width - 2, lines: 2).enumerated() {
                canvas.write(" " + line, x: rect.x, y: rect.y + 1 + index, role: .bannerOutage, limit: rect.width)
            }
            return
        }
        if state.view.backEntryRemaining > 0 {
            // Restored, but the paper record is not yet in the central system: stays visible until it is.
            canvas.fill(rect, role: .bannerRestored)
            let count = state.view.backEntryRemaining
            canvas.write(" RESTORED · \(count) downtime booking\(count == 1 ? "" : "s") still to back-enter into the central system",
                         x: rect.x, y: rect.y, role: .bannerRestored, limit: rect.width - TextWidth.of(clock) - 2)
            canvas.write(clock, x: rect.maxX - TextWidth.of(clock) - 1, y: rect.y, role: .bannerRestored)
            return
        }
        canvas.fill(rect, role: .bannerNormal)
        var left = " Downtime Desk \(canvas.glyphs.separator) central system UP, no outage declared"
        if state.isDemo { left += "  [DEMO]" }
        canvas.write(left, x: rect.x, y: rect.y, role: .bannerNormal, limit: rect.width - TextWidth.of(clock) - 2)
        if state.isDemo, let range = left.range(of: "[DEMO]") {
            let x = TextWidth.of(String(left[..<range.lowerBound]))
            canvas.write("[DEMO]", x: rect.x + x, y: rect.y, role: .bannerDemo, limit: rect.width - TextWidth.of(clock) - 2 - x)
        }
        canvas.write(clock, x: rect.maxX - TextWidth.of(clock) - 1, y: rect.y, role: .bannerNormal)
    }
}
