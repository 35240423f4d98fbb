import DeskCore
import DeskConfig

/// In place of the slot grid on NHS 111, ED, host and commissioner terminals: which practice can see a patient
/// today, with the number to give them.
public enum CapacityPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let rows = state.view.capacity ?? []
        let title = "Capacity board \(canvas.glyphs.separator) free urgent slots \(canvas.glyphs.separator) \(state.view.day.longDescription)"
        let inner = PaneFrame.draw(.slots, title: title, state: state, into: &canvas, at: rect)
        if rows.isEmpty {
            canvas.write("No practices in the directory.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        let withRoom = rows.filter { !$0.freeUrgent.isEmpty }.count
        canvas.write("\(withRoom) of \(rows.count) practices have a free urgent slot. Give the patient the practice's number.",
                     x: inner.x, y: inner.y, role: .paneTitle, limit: inner.width)
        let selected = state.selected(.slots)
        let visible = inner.height - 1
        let offset = PaneFrame.scrollOffset(selected: selected, count: rows.count, visible: visible)
        for (line, index) in (offset..<min(rows.count, offset + visible)).enumerated() {
            let row = rows[index]
            let y = inner.y + 1 + line
            let phone = row.practice.phones.first?.description ?? "no phone"
            let free = (row.freeUrgent.isEmpty ? "FULL" : "\(row.freeUrgent.count) free from \(row.freeUrgent[0])")
                + (row.offTemplate > 0 ? " · \(row.offTemplate) OFF-TEMPLATE" : "")
            let nameWidth = max(10, inner.width - 14 - 20)
            let text = TextWidth.fit(row.practice.name, to: nameWidth) + " " + TextWidth.fit(phone, to: 13) + " " + free
            canvas.write(TextWidth.fit(text, to: inner.width), x: inner.x, y: y, role: row.freeUrgent.isEmpty ? .muted : .slotFree, limit: inner.width)
            if index == selected && state.focus == .slots { canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
    }
}
