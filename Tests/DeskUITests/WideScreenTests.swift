import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

// Each role's layout at 200×60, pane by pane, written out as a person would see it. A run of empty rows inside a
// pane is written "(N empty rows)". The constants sit at the left margin so the widest pane (110 columns) fits.

private let practiceSlots200 = """
┌─ ▶ 1 Slot grid · Marsh Lane Dental · Sat 21 Nov 2026 ──────────────────────────────────────────────────────┐
│Time  Status    Patient                                                                          Source   DT│
│09:00 booked    Ann Demo                                                                         Phone      │
│09:30 free                                                                                                  │
│10:00 CONFLICT  Bob Demo + Cat Demo                                                              NHS 111    │
│10:30 free                                                                                                  │
(47 empty rows)
│4 slots, 2 free                                                                                             │
└────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let practiceIncoming200 = """
┌─ 2 Incoming bookings (2 new) ──────────────────────────────────────────────────────────┐
│NEW 10:00 NHS 111 10:00 Cat Demo                                                     due│
│NEW 09:45 NHS 111 10:00 Bob Demo                                                     due│
│    08:35 Phone   09:00 Ann Demo                                                    late│
(22 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let practiceCallsheet200 = """
┌─ 3 Call-sheet · outage notice · 1 to call ─────────────────────────────────────────────┐
│OVERDUE 5m Northgate ED                                                   Emergency Dept│
│  01632 960031  Amara Example                                                           │
(24 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let nhs111Slots200 = """
┌─ ▶ 1 Capacity board · free urgent slots · Sat 21 Nov 2026 ─────────────────────────────────────────────────┐
│1 of 1 practices have a free urgent slot. Give the patient the practice's number.                           │
│Marsh Lane Dental 01632 960101 1 free from 10:30                                                            │
(51 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let nhs111Incoming200 = """
┌─ 2 Latest bookings · every practice ───────────────────────────────────────────────────┐
│10:00 NHS 111 10:00 Marsh Lane Dental                                                due│
│09:45 NHS 111 10:00 Marsh Lane Dental                                                due│
│08:35 Phone   09:00 Marsh Lane Dental                                               late│
(22 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let nhs111Callsheet200 = """
┌─ 3 Call-sheet · outage notice · 2 to call ─────────────────────────────────────────────┐
│OVERDUE 5m Northgate ED                                                   Emergency Dept│
│  01632 960031  Amara Example                                                           │
│OVERDUE 5m Marsh Lane Dental                                                    Practice│
│  01632 960101  main                                                                    │
(22 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let hostCallsheet200 = """
┌─ ▶ 3 Call-sheet · outage notice · 2 to call ───────────────────────────────────────────────────────────────┐
│OVERDUE 5m Northgate ED                                                                       Emergency Dept│
│  01632 960031  Amara Example                                                                               │
│OVERDUE 5m Marsh Lane Dental                                                                        Practice│
│  01632 960101  main                                                                                        │
(49 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let hostSlots200 = """
┌─ 1 Capacity board · free urgent slots · Sat 21 Nov 2026 ───────────────────────────────┐
│1 of 1 practices have a free urgent slot. Give the patient the practice's number.       │
│Marsh Lane Dental 01632 960101 1 free from 10:30                                        │
(23 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let hostIncoming200 = """
┌─ 2 Latest bookings · every practice ───────────────────────────────────────────────────┐
│10:00 NHS 111 10:00 Marsh Lane Dental                                                due│
│09:45 NHS 111 10:00 Marsh Lane Dental                                                due│
│08:35 Phone   09:00 Marsh Lane Dental                                               late│
(23 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let commissionerCallsheet200 = """
┌─ ▶ 3 Call-sheet · outage notice · 2 to call ───────────────────────────────────────────────────────────────┐
│OVERDUE 5m Northgate ED                                                                       Emergency Dept│
│  01632 960031  Amara Example                                                                               │
│OVERDUE 5m Marsh Lane Dental                                                                        Practice│
│  01632 960101  main                                                                                        │
(49 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let commissionerSlots200 = """
┌─ 1 Capacity board · free urgent slots · Sat 21 Nov 2026 ───────────────────────────────┐
│1 of 1 practices have a free urgent slot. Give the patient the practice's number.       │
│Marsh Lane Dental 01632 960101 1 free from 10:30                                        │
(23 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

private let commissionerIncoming200 = """
┌─ 2 Latest bookings · every practice ───────────────────────────────────────────────────┐
│10:00 NHS 111 10:00 Marsh Lane Dental                                                due│
│09:45 NHS 111 10:00 Marsh Lane Dental                                                due│
│08:35 Phone   09:00 Marsh Lane Dental                                               late│
(23 empty rows)
└────────────────────────────────────────────────────────────────────────────────────────┘
"""

/// Each role's layout on a big terminal: the main pane full height on the left, the other two on the right.
@Suite struct WideScreenTests {
    static func screen(as actor: Actor) throws -> (Canvas, Layout) {
        var state = try WholeScreenTests.duringAnOutage(as: actor)
        state.width = 200; state.height = 60
        return (Screen.render(state), try #require(Screen.layout(for: state)))
    }

    /// A pane's text with each run of empty rows written as "(N empty rows)".
    static func written(_ canvas: Canvas, _ rect: Rect) -> String {
        var out: [String] = [], empty = 0
        func flush() {
            if empty > 0 { out.append("(\(empty) empty row\(empty == 1 ? "" : "s"))") }
            empty = 0
        }
        for line in text(canvas, rect).split(separator: "\n", omittingEmptySubsequences: false) {
            let inside = line.dropFirst().dropLast()
            if line.hasPrefix("│"), line.hasSuffix("│"), inside.allSatisfy({ $0 == " " }) { empty += 1; continue }
            flush()
            out.append(String(line))
        }
        flush()
        return out.joined(separator: "\n")
    }

    /// Each role, its main pane, and its screen's three panes (main first) as written above.
    struct Case: Sendable, CustomTestStringConvertible {
        let actor: Actor
        let panes: [(PaneID, String)]
        var testDescription: String { actor.role.rawValue }
    }

    static let cases = [
        Case(actor: Actor(user: "ann", terminal: "pts/1", site: "Marsh Lane Dental", role: .practice),
             panes: [(.slots, practiceSlots200), (.incoming, practiceIncoming200), (.callsheet, practiceCallsheet200)]),
        Case(actor: Actor(user: "nia", terminal: "pts/6", site: "Shoreline 111", role: .nhs111),
             panes: [(.slots, nhs111Slots200), (.incoming, nhs111Incoming200), (.callsheet, nhs111Callsheet200)]),
        Case(actor: WholeScreenTests.host,
             panes: [(.callsheet, hostCallsheet200), (.slots, hostSlots200), (.incoming, hostIncoming200)]),
        Case(actor: WholeScreenTests.commissioner,
             panes: [(.callsheet, commissionerCallsheet200), (.slots, commissionerSlots200),
                     (.incoming, commissionerIncoming200)]),
    ]

    @Test(arguments: cases)
    func eachRolesScreenAt200x60(_ role: Case) throws {
        let (canvas, layout) = try Self.screen(as: role.actor)
        #expect(layout.rect(for: role.panes[0].0) == Rect(x: 0, y: 4, width: 110, height: 55), "the main pane")
        for (pane, expected) in role.panes { #expect(Self.written(canvas, layout.rect(for: pane)) == expected) }
        #expect(canvas.line(0).hasPrefix(" ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:35 (30m)")
                && canvas.line(0).hasSuffix("Sat 21 Nov 10:05"))
        let site = " \(role.actor.user) @ \(role.actor.site) (\(role.actor.role.rawValue))"
        #expect(canvas.line(59).hasPrefix(site) && canvas.line(59).hasSuffix("Tab next pane · ? help · q quit"))
    }
}
