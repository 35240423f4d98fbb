import DeskCore
import DeskConfig

/// In place of the slot grid on NHS 111, ED, host and commissioner terminals: which practice can see a patient
/// today, with the number to give them.
public enum CapacityPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let rows = state.view.capacity ?? []
        // The day matters more than the words saying what the board is.
        let (day, dot) = (state.view.day.longDescription, canvas.glyphs.separator)
        let title = PaneFrame.fitting(["Capacity board \(dot) free urgent slots \(dot) \(day)",
                                       "Capacity board \(dot) \(day)", "Free slots \(dot) \(day)"],
                                      .slots, state: state, width: rect.width)
        let inner = PaneFrame.draw(.slots, title: title, state: state, into: &canvas, at: rect)
        if rows.isEmpty {
            canvas.write("No practices in the directory.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        let withRoom = rows.filter { !$0.freeUrgent.isEmpty }.count
        let counted = "\(withRoom) of \(rows.count) practices"
        let heads = ["\(counted) have a free urgent slot. Give the patient the practice's number.",
                     "\(counted) have a free urgent slot.", "\(counted) have room."]
        canvas.write(TextWidth.firstFitting(heads, width: inner.width), x: inner.x, y: inner.y, role: .paneTitle,
                     limit: inner.width)
        let selected = state.selected(.slots)
        let visible = inner.height - 1
        let offset = PaneFrame.scrollOffset(selected: selected, count: rows.count, visible: visible)
        let columns = Columns(rows: rows, width: inner.width)
        for (drawn, index) in (offset..<min(rows.count, offset + visible)).enumerated() {
            let row = rows[index]
            let y = inner.y + 1 + drawn
            canvas.write(columns.line(row), x: inner.x, y: y, role: row.freeUrgent.isEmpty ? .muted : .slotFree,
                         limit: inner.width)
            if index == selected && state.focus == .slots {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
    }

    /// The board's columns for a pane width. A practice's name is what the caller reads out, and two practices must
    /// never look alike, so the free-slot words are shortened first: the name keeps the room it needs to be told
    /// apart, then the room to be whole. The number stays whole: it is what the patient is given.
    struct Columns {
        let phoneWidth: Int
        let nameWidth: Int
        let detail: Int

        init(rows: [CapacityRow], width: Int) {
            let names = rows.map(\.practice.name)
            let longest = names.map { TextWidth.of($0) }.max() ?? 0
            // Told apart, and long enough to read out.
            let wanted = max(TextWidth.distinguishing(names), min(longest, 12))
            let phones = rows.map { TextWidth.of(Columns.phone($0)) }.max() ?? 0
            phoneWidth = phones
            func room(_ detail: Int) -> Int {
                width - phones - 2 - (rows.map { TextWidth.of(Columns.free($0, detail: detail)) }.max() ?? 0)
            }
            // The bare count is the last resort: only when the names could not be told apart otherwise.
            let chosen = (0..<Columns.detailLevels - 1).first { room($0) >= longest }
                ?? (0..<Columns.detailLevels).first { room($0) >= wanted } ?? Columns.detailLevels - 1
            detail = chosen
            nameWidth = max(4, min(longest, room(chosen)))
        }

        static func phone(_ row: CapacityRow) -> String { row.practice.phones.first?.description ?? "no phone" }

        func line(_ row: CapacityRow) -> String {
            return TextWidth.fit(row.practice.name, to: nameWidth) + " "
                + TextWidth.fit(Columns.phone(row), to: phoneWidth)
                + " " + Columns.free(row, detail: detail)
        }

        static let detailLevels = 4

        /// What is free, from the whole sentence (0) to the bare count (3).
        static func free(_ row: CapacityRow, detail: Int) -> String {
            guard let first = row.freeUrgent.first else {
                return row.offTemplate > 0 && detail < 3 ? "FULL · \(row.offTemplate) OFF-TEMPLATE" : "FULL"
            }
            let count = row.freeUrgent.count
            switch detail {
            case 0:
                let stray = row.offTemplate > 0 ? " · \(row.offTemplate) OFF-TEMPLATE" : ""
                return "\(count) free from \(first)" + stray
            case 1: return "\(count) free from \(first)"
            case 2: return "\(count) free"
            default: return "\(count)"
            }
        }
    }
}
