import DeskCore
import DeskConfig

/// Shown instead of the panes when the terminal is below the minimum; it clips to any size, even 1×1.
public enum TooSmallScreen {
    public static func render(width: Int, height: Int, into canvas: inout Canvas) {
        canvas.fill(Rect(x: 0, y: 0, width: width, height: height), role: .ui)
        let lines = ["terminal too small: need \(Layout.minimumWidth)×\(Layout.minimumHeight), have \(width)×\(height)",
                     "enlarge the window; q quits"]
        let top = max(0, height / 2 - 1)
        for (index, line) in lines.enumerated() {
            canvas.write(line, x: max(0, (width - TextWidth.of(line)) / 2), y: top + index, role: index == 0 ? .error : .ui)
        }
    }
}
