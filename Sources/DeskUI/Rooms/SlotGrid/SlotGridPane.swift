import DeskCore
import DeskConfig

/// Today's slots for the selected practice: time, status (in words), patient, source and a downtime marker.
public enum SlotGridPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let view = state.view
        let name = view.practice?.name ?? "no practice"
        // Whose grid and which day matter more than the words "Slot grid"; the day most of all (the status line
        // names this terminal's practice), so when both do not fit the day comes first and the name is cut.
        let (dot, day) = (canvas.glyphs.separator, view.day)
        let shortDay = "\(day.weekdayName.prefix(3)) \(day.day) \(day.monthAbbreviation)"
        let title = PaneFrame.fitting(["Slot grid \(dot) \(name) \(dot) \(day.longDescription)",
                                       "\(name) \(dot) \(day.longDescription)", "\(name) \(dot) \(shortDay)",
                                       "\(shortDay) \(dot) \(name)"], .slots, state: state, width: rect.width)
        let inner = PaneFrame.draw(.slots, title: title, state: state, into: &canvas, at: rect)
        guard view.practice != nil else {
            canvas.write("No practices yet. Import a directory:", x: inner.x + 1, y: inner.y + 1, role: .muted, limit: inner.width - 1)
            canvas.write("  downtime-desk import directory FILE.csv", x: inner.x + 1, y: inner.y + 2, role: .muted, limit: inner.width - 1)
            canvas.write("or try: downtime-desk --demo", x: inner.x + 1, y: inner.y + 3, role: .muted, limit: inner.width - 1)
            return
        }
        let free = view.slots.filter { $0.status == .free }.count
        let slotCount = view.slots.filter { $0.status != .offTemplate }.count
        // OFF-TEMPLATE is the one status wider than the column, and it is not to be cut. In a narrow pane (a layout
        // that puts the grid on the right) the source column goes, so the patient's name keeps its room.
        let statusWidth = view.slots.contains { $0.status == .offTemplate } ? 12 : 9
        let sourceWidth = inner.width < 40 ? 0 : 8
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
        let lines = view.slots.indices.flatMap { index in
            rowLines(view.slots[index], width: inner.width, nameWidth: nameWidth, statusWidth: statusWidth,
                     sourceWidth: sourceWidth, name: { state.shownPatientName($0) })
                .map { (index, $0) }
        }
        let offset = lineOffset(lines.map(\.0), selected: selected, visible: visible)
        for (row, entry) in lines.dropFirst(offset).prefix(visible).enumerated() {
            let (index, line) = entry
            let slot = view.slots[index]
            let y = inner.y + 1 + row
            canvas.write(TextWidth.fit(line, to: inner.width), x: inner.x, y: y, role: role(for: slot.status), limit: inner.width)
            if line.hasSuffix(" DT") {
                canvas.paint(Rect(x: inner.x + TextWidth.of(line) - 2, y: y, width: 2, height: 1), role: .slotDowntime)
            }
            if index == selected && state.focus == .slots {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
        var summary = "\(slotCount) slots, \(free) free"
        // The selected row's downtime references, whole, so they can be copied onto paper.
        if view.slots.indices.contains(selected) {
            let references = view.slots[selected].bookings.filter { $0.status != .enteredInError }.compactMap(\.downtimeReference)
            let shown = "\(view.slots[selected].slot.start) " + references.joined(separator: ", ")
            if !references.isEmpty {
                summary = TextWidth.of(summary + " · " + shown) <= inner.width ? summary + " · " + shown : shown
            }
        }
        canvas.write(summary, x: inner.x, y: inner.maxY - 1, role: .muted, limit: inner.width)
    }

    /// A slot's lines: one, or for a conflict whose names do not fit side by side, one per booking, so each
    /// patient is named whole.
    static func rowLines(_ slot: SlotRow, width: Int, nameWidth: Int, statusWidth: Int, sourceWidth: Int,
                         name: (Booking) -> String = { $0.patient.name }) -> [String] {
        func line(_ time: String, _ status: String, _ patient: String, _ source: String, _ downtime: Bool,
                  names: Int = nameWidth, sources: Int = sourceWidth) -> String {
            time + " " + TextWidth.fit(status, to: statusWidth) + " " + TextWidth.fit(patient, to: names) + " "
                + TextWidth.fit(source, to: sources) + (downtime ? " DT" : "   ")
        }
        let start = slot.slot.start.description
        let patientText = slot.patientText(name: name)
        if slot.status == .conflict || slot.status == .offTemplate, TextWidth.of(patientText) > nameWidth {
            let holding = slot.bookings.filter { slot.status == .conflict ? $0.status.holdsSlot : $0.status.isVisibleOffTemplate }
            let names = holding.map { Sanitise.visible(name($0)) }
            // The names take the room they need from the source column, which is cut before any name is.
            let room = nameWidth + sourceWidth
            let conflictNameWidth = min(room, max(nameWidth, names.map(TextWidth.of).max() ?? 0))
            return holding.enumerated().map { position, booking in
                line(position == 0 ? start : String(repeating: " ", count: start.count),
                     position == 0 ? slot.status.label : "  + also",
                     names[position], sourceText(booking), booking.isDowntime,
                     names: conflictNameWidth, sources: max(0, room - conflictNameWidth))
            }
        }
        return [line(start, slot.status.label, patientText, slot.shownBooking.map(sourceText) ?? "",
                     slot.isDowntime)]
    }

    /// Where a booking came from; nothing for one another site made that this one may not read.
    static func sourceText(_ booking: Booking) -> String {
        booking.isHeldElsewhere ? "" : booking.source.description
    }

    /// The first line shown, keeping every line of the selected slot on screen.
    static func lineOffset(_ owners: [Int], selected: Int, visible: Int) -> Int {
        guard visible > 0, owners.count > visible, let first = owners.firstIndex(of: selected) else { return 0 }
        let last = owners.lastIndex(of: selected) ?? first
        let centred = max(0, min(first - visible / 2, owners.count - visible))
        return min(first, max(centred, last - visible + 1))
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
        case .conflict, .offTemplate: return .slotConflict
        }
    }
}
