import DeskCore
import DeskConfig

/// Today's slots for the selected practice: time, status (in words), patient, source and a downtime marker.
public enum SlotGridPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let view = state.view
        let name = view.practice?.name ?? "no practice"
        let title = "Slot grid \(canvas.glyphs.separator) \(name) \(canvas.glyphs.separator) \(view.day.longDescription)"
        let inner = PaneFrame.draw(.slots, title: title, state: state, into: &canvas, at: rect)
        guard view.practice != nil else {
            canvas.write("No practices yet. Import a directory:", x: inner.x + 1, y: inner.y + 1, role: .muted, limit: inner.width - 1)
            canvas.write("  downtime-desk import directory FILE.csv", x: inner.x + 1, y: inner.y + 2, role: .muted, limit: inner.width - 1)
            canvas.write("or try: downtime-desk --demo", x: inner.x + 1, y: inner.y + 3, role: .muted, limit: inner.width - 1)
            return
        }
        let free = view.slots.filter { $0.status == .free }.count
        let sourceWidth = 8, statusWidth = 9
        let nameWidth = max(8, inner.width - 6 - statusWidth - 1 - sourceWidth - 4)
        let header = "Time  " + TextWidth.fit("Status", to: statusWidth) + " " + TextWidth.fit("Patient", to: nameWidth)
            + " " + TextWidth.fit("Source", to: sourceWidth) + " DT"
        canvas.write(header, x: inner.x, y: inner.y, role: .paneTitle, limit: inner.width)
        if view.slots.isEmpty {
            canvas.write("No slots on \(view.day.longDescription) (no template for a \(view.day.weekdayName)).",
                         x: inner.x + 1, y: inner.y + 2, role: .muted, limit: inner.width - 1)
        }
        let visible = inner.height - 2
        let selected = state.selected(.slots)
        let offset = PaneFrame.scrollOffset(selected: selected, count: view.slots.count, visible: visible)
        for (row, index) in (offset..<min(view.slots.count, offset + visible)).enumerated() {
            let slot = view.slots[index]
            let y = inner.y + 1 + row
            let patient = slot.patientText
            let source = slot.shownBooking?.source.description ?? ""
            let line = "\(slot.slot.start) " + TextWidth.fit(slot.status.label, to: statusWidth) + " "
                + TextWidth.fit(patient, to: nameWidth) + " " + TextWidth.fit(source, to: sourceWidth)
                + (slot.isDowntime ? " DT" : "   ")
            canvas.write(TextWidth.fit(line, to: inner.width), x: inner.x, y: y, role: role(for: slot.status), limit: inner.width)
            if slot.isDowntime { canvas.paint(Rect(x: inner.x + TextWidth.of(line) - 2, y: y, width: 2, height: 1), role: .slotDowntime) }
            if index == selected && state.focus == .slots { canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
        let summary = "\(view.slots.count) slots, \(free) free"
        canvas.write(summary, x: inner.x, y: inner.maxY - 1, role: .muted, limit: inner.width)
    }

    static func role(for status: SlotRow.Status) -> Role {
        switch status {
        case .free: return .slotFree
        case .booked: return .slotBooked
        case .arrived: return .slotArrived
        case .completed: return .slotCompleted
        case .didNotAttend: return .slotDNA
        case .cancelled: return .slotFree
        case .blocked: return .slotBlocked
        case .conflict: return .slotConflict
        }
    }
}
