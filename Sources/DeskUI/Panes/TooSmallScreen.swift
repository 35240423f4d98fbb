import DeskCore
import DeskConfig

/// Shown instead of the panes when the terminal is below the minimum; it clips to any size, even 1×1.
/// An active outage still heads it, so a small window never hides that the central system is down.
public enum TooSmallScreen {
    public static func render(_ state: AppState, into canvas: inout Canvas) {
        let (width, height) = (state.width, state.height)
        canvas.fill(Rect(x: 0, y: 0, width: width, height: height), role: .ui)
        var firstFree = 0
        if let outage = state.view.activeOutage {
            let w = canvas.glyphs.warning
            canvas.fill(Rect(x: 0, y: 0, width: width, height: min(1, height)), role: .bannerOutage)
            canvas.write(" \(w) OUTAGE: \(outage.system) DOWN since \(Clock.time(outage.since, state.zone))",
                         x: 0, y: 0, role: .bannerOutage, limit: width)
            firstFree = 1
        }
        let lines = ["terminal too small: need \(Layout.minimumWidth)×\(Layout.minimumHeight), have \(width)×\(height)",
                     "enlarge the window; q quits"]
        let top = max(firstFree, height / 2 - 1)
        for (index, line) in lines.enumerated() {
            canvas.write(line, x: max(0, (width - TextWidth.of(line)) / 2), y: top + index, role: index == 0 ? .error : .ui)
        }
    }
}
