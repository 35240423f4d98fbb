import Foundation
import DeskCore
import DeskConfig
@testable import DeskUI

let london = TimeZone(identifier: "Europe/London")!
let fixedNow = Instant.parse("2026-11-21T10:05:00Z", zone: london)!
let today = LocalDate(iso: "2026-11-21")!

/// The overlays' letters, as the default keymap binds them; every test keymap has them, as a user's inheriting one
/// does.
let overlayKeys: [BindingScope: [Key: String]] = [
    .overlay(.incident): [.char("n"): "incident-note", .char("s"): "incident-severity", .char("c"): "close-incident"],
    .overlay(.runbook): [.enter: "tick-step", .space: "tick-step", .char("x"): "tick-step"],
    .overlay(.confirm): [.char("y"): "yes", .char("Y"): "yes"],
    .overlay(.draft): [.char("y"): "restore-draft", .char("Y"): "restore-draft", .enter: "restore-draft",
                       .char("n"): "discard-draft", .char("N"): "discard-draft", .char("d"): "discard-draft",
                       .char("D"): "discard-draft"],
]

extension Keymap {
    static func withOverlayKeys(name: String, bindings: [BindingScope: [Key: String]]) -> Keymap {
        Keymap(name: name, bindings: overlayKeys.merging(bindings) { $1 })
    }
}

let testKeymap = Keymap.withOverlayKeys(name: "test", bindings: [
    .global: [.char("q"): "quit", .char("?"): "help", .escape: "cancel", .tab: "focus-next", .backTab: "focus-prev",
              .up: "move-up", .down: "move-down", .pageDown: "page-down", .end: "last", .char("]"): "next-practice"],
])

/// A small world: one practice with four slots, a conflict, and two parties to call.
func sampleView() throws -> DeskView {
    let practice = Organisation(name: "Marsh Lane Dental", kind: .practice, phones: [try PhoneNumber(parsing: "01632 960101")])
    let ed = Organisation(name: "Northgate ED", kind: .ed)
    let slots = (0..<4).map { i in
        Slot(practiceID: practice.id, day: today, start: TimeOfDay(minutes: 9 * 60 + 30 * i)!, minutes: 30)
    }
    func booking(_ name: String, slot: Int, minutesAgo: Int, seen: Bool, source: BookingSource = .nhs111) throws -> Booking {
        Booking(practiceID: practice.id, slotID: slots[slot].id, day: today, start: slots[slot].start,
                patient: Patient(name: name, phone: try PhoneNumber(parsing: "07700 900500")), source: source,
                createdAt: fixedNow.addingTimeInterval(Double(-60 * minutesAgo)), createdBy: "t",
                seenAt: seen ? fixedNow : nil)
    }
    let ann = try booking("Ann Demo", slot: 0, minutesAgo: 90, seen: true, source: .phone)
    let bob = try booking("Bob Demo", slot: 2, minutesAgo: 20, seen: false)
    let cat = try booking("Cat Demo", slot: 2, minutesAgo: 5, seen: false)
    let rows = [SlotRow(slot: slots[0], bookings: [ann]), SlotRow(slot: slots[1], bookings: []),
                SlotRow(slot: slots[2], bookings: [bob, cat]), SlotRow(slot: slots[3], bookings: [])]
    let contact = Contact(organisationID: ed.id, name: "Amara Example", phones: [try PhoneNumber(parsing: "01632 960031")])
    return DeskView(practices: [practice], practice: practice, day: today, slots: rows, incoming: [cat, bob, ann],
                    callSheet: [CallSheetRow.build(organisation: practice, contacts: []),
                                CallSheetRow.build(organisation: ed, contacts: [contact])])
}

func sampleState(width: Int = 80, height: Int = 24) throws -> AppState {
    AppState(view: try sampleView(), width: width, height: height, now: fixedNow, zone: london,
             actor: Actor(user: "ann", terminal: "pts/1", site: "Marsh Lane Dental", role: .practice),
             keymap: testKeymap, isDemo: false)
}

/// The canvas rows within a rectangle, as text, trailing spaces trimmed.
func text(_ canvas: Canvas, _ rect: Rect) -> String {
    (rect.y..<rect.maxY).map { y in
        var line = ""
        for x in rect.x..<rect.maxX where !canvas[x, y].isContinuation { line.append(canvas[x, y].character) }
        while line.last == " " { line.removeLast() }
        return line
    }.joined(separator: "\n")
}
