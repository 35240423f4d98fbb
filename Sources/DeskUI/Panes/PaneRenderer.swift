import DeskCore
import DeskConfig

/// The one operation every pane file ends in (tig's view_ops): draw yourself into this rectangle.
public protocol PaneRenderer {
    static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect)
}

/// The frame shared by the three list panes: border, title, focus marker, and a scrolled window of rows.
enum PaneFrame {
    /// Draws the border and title; returns the inner rectangle. The focused pane says so in text, not colour only.
    static func draw(_ pane: PaneID, title: String, state: AppState, into canvas: inout Canvas, at rect: Rect) -> Rect {
        let focused = state.focus == pane
        canvas.box(rect, role: focused ? .paneFocus : .paneBorder)
        let number = PaneID.allCases.firstIndex(of: pane)! + 1
        let marker = focused ? "▶ " : ""
        let label = " \(marker)\(number) \(title) "
        canvas.write(label, x: rect.x + 2, y: rect.y, role: focused ? .paneFocus : .paneTitle, limit: rect.width - 4)
        return rect.inset(by: 1)
    }

    /// The first of `titles` (richest first) that fits the pane's top border whole, else the last one.
    static func fitting(_ titles: [String], _ pane: PaneID, state: AppState, width: Int) -> String {
        // The border keeps its corner and one line; the space after the title may go.
        TextWidth.firstFitting(titles, width: width - 7 - (state.focus == pane ? 2 : 0))
    }

    /// The first row to show so that `selected` stays visible in `visible` rows.
    static func scrollOffset(selected: Int, count: Int, visible: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        return max(0, min(selected - visible / 2, count - visible))
    }
}

/// Local-time formatting done once per visible row only.
enum Clock {
    static func time(_ instant: Date, _ zone: TimeZone) -> String { TimeOfDay(instant, in: zone).description }

    static func duration(_ seconds: TimeInterval) -> String { Instant.elapsed(seconds) }
}

import Foundation
