import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// The three main screens at 80×24, whole, written out here as a person would see them: a practice during an
/// outage, the host with the round half acknowledged, a commissioner on the call-sheet.
@Suite struct WholeScreenTests {
    static let keymap = Keymap.withOverlayKeys(name: "t", bindings: [
        .global: [.char("A"): "acknowledge", .char("D"): "declare-outage", .char("R"): "restore-outage",
                  .tab: "focus-next", .escape: "cancel", .char("?"): "help", .char("q"): "quit"],
        .pane(.callsheet): [.enter: "log-call"],
    ])

    /// Marsh Lane's day during an outage of the Dental RMS since 09:35; the round was sent at 09:40.
    static func duringAnOutage(as actor: Actor) throws -> AppState {
        var state = try sampleState()
        state.actor = actor
        state.view.ownSite = actor.site
        state.keymap = keymap
        let outage = Outage(system: "Dental RMS", since: fixedNow.addingTimeInterval(-1800),
                            declaredAt: fixedNow.addingTimeInterval(-1500), declaredBy: "oncall")
        let notice = Notice(outageID: outage.id, kind: .outage, createdAt: fixedNow.addingTimeInterval(-1500),
                            deadline: fixedNow.addingTimeInterval(-300), reference: "DD-7F3A2C")
        state.view.activeOutage = outage
        state.view.latestOutage = outage
        state.view.round = NoticeRound(notice: notice, outage: outage,
                                       parties: state.view.callSheet.map(\.organisation), acknowledgments: [], calls: [])
        if actor.role != .practice {
            // What the store gives a terminal that is not a practice: the capacity board instead of a grid.
            state.view.capacity = [CapacityRow.build(practice: state.view.practice!, rows: state.view.slots,
                                                     notBefore: TimeOfDay(fixedNow, in: london))]
        }
        // Each role opens on its own arrangement, its main pane focused (as the desk does at start).
        state.arrangement = .standard(for: actor.role)
        state.focus = state.arrangement.main
        return state
    }

    static let host = Actor(user: "oncall", terminal: "pts/2", site: "Referral Systems Hosting", role: .host)
    static let commissioner = Actor(user: "marcus", terminal: "pts/3", site: "Coastal Commissioning",
                                    role: .commissioner)

    func screen(_ state: AppState) -> String {
        let canvas = Screen.render(state)
        return (0..<state.height).map { canvas.line($0) }.joined(separator: "\n")
    }

    @Test func aPracticeDuringAnOutage() throws {
        let state = try Self.duringAnOutage(as: Actor(user: "ann", terminal: "pts/1", site: "Marsh Lane Dental",
                                                      role: .practice))
        #expect(screen(state) == """
             ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:35 (30m)              Sat 21 Nov 10:05
             Outage notice DD-7F3A2C: acks 0/2 (2 overdue) · press A to ACKNOWLEDGE
             Instead: Stop direct booking through the central system. Give patients the
             practice phone number. Record every appointment locally.
            ┌─ ▶ 1 Marsh Lane Dental · Sat 21 Nov 2026─┐┌─ 2 Incoming bookings (2 new) ────┐
            │Time  Status    Patient        Source   DT││NEW NHS 111 10:00 Cat Demo     due│
            │09:00 booked    Ann Demo       Phone      ││NEW NHS 111 10:00 Bob Demo     due│
            │09:30 free                                ││    Phone   09:00 Ann Demo    late│
            │10:00 CONFLICT  Bob Demo       NHS 111    ││                                  │
            │        + also  Cat Demo       NHS 111    ││                                  │
            │10:30 free                                ││                                  │
            │                                          ││                                  │
            │                                          │└──────────────────────────────────┘
            │                                          │┌─ 3 Call-sheet · 1 to call ───────┐
            │                                          ││OVERDUE 5m Northga… Emergency Dept│
            │                                          ││  01632 960031  Amara Example     │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │4 slots, 2 free                           ││                                  │
            └──────────────────────────────────────────┘└──────────────────────────────────┘
             ann @ Marsh Lane Dental (practice)             Tab next pane · ? help · q quit
            """)
    }

    @Test func theHostWithTheRoundHalfAcknowledged() throws {
        var state = try Self.duringAnOutage(as: Self.host)
        let marsh = state.view.callSheet[0].organisation
        state.view.round!.acknowledgments[marsh.id] = Acknowledgment(noticeID: state.view.round!.notice.id,
                                                                     organisationID: marsh.id, via: .app,
                                                                     at: fixedNow.addingTimeInterval(-900), by: "ann")
        #expect(screen(state) == """
             ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:35 (30m)              Sat 21 Nov 10:05
             Outage notice DD-7F3A2C: acks 1/2 (1 overdue)
             Instead: Stop direct booking through the central system. Give patients the
             practice phone number. Record every appointment locally.
            ┌─ ▶ 3 Call-sheet · 1 to call ─────────────┐┌─ 1 Free slots · Sat 21 Nov 2026 ─┐
            │OVERDUE 5m Northgate ED     Emergency Dept││1 of 1 practices have room.       │
            │  01632 960031  Amara Example             ││Marsh Lane De… 01632 960101 1 free│
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          │└──────────────────────────────────┘
            │                                          │┌─ 2 Latest bookings ──────────────┐
            │                                          ││NHS 111 10:00 Marsh Lane Dental   │
            │                                          ││NHS 111 10:00 Marsh Lane Dental   │
            │                                          ││Phone   09:00 Marsh Lane Den… late│
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            └──────────────────────────────────────────┘└──────────────────────────────────┘
             oncall @ Referral Systems Hosting (host)       Tab next pane · ? help · q quit
            """)
    }

    @Test func aCommissionerOnTheCallSheet() throws {
        #expect(screen(try Self.duringAnOutage(as: Self.commissioner)) == """
             ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:35 (30m)              Sat 21 Nov 10:05
             Outage notice DD-7F3A2C: acks 0/2 (2 overdue)
             Instead: Stop direct booking through the central system. Give patients the
             practice phone number. Record every appointment locally.
            ┌─ ▶ 3 Call-sheet · 2 to call ─────────────┐┌─ 1 Free slots · Sat 21 Nov 2026 ─┐
            │OVERDUE 5m Northgate ED     Emergency Dept││1 of 1 practices have room.       │
            │  01632 960031  Amara Example             ││Marsh Lane De… 01632 960101 1 free│
            │OVERDUE 5m Marsh Lane Dental      Practice││                                  │
            │  01632 960101  main                      ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          │└──────────────────────────────────┘
            │                                          │┌─ 2 Latest bookings ──────────────┐
            │                                          ││NHS 111 10:00 Marsh Lane Dental   │
            │                                          ││NHS 111 10:00 Marsh Lane Dental   │
            │                                          ││Phone   09:00 Marsh Lane Den… late│
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            └──────────────────────────────────────────┘└──────────────────────────────────┘
             marcus @ Coastal Commissioning (commissioner)  Tab next pane · ? help · q quit
            """)
    }

    /// Should a grid ever reach a terminal that is not the practice's, it shows that slots are taken, not by whom.
    @Test func aGridShownAnywhereButItsPracticeNamesNoPatient() throws {
        var state = try Self.duringAnOutage(as: Self.host)
        state.view.capacity = nil
        #expect(screen(state) == """
             ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:35 (30m)              Sat 21 Nov 10:05
             Outage notice DD-7F3A2C: acks 0/2 (2 overdue)
             Instead: Stop direct booking through the central system. Give patients the
             practice phone number. Record every appointment locally.
            ┌─ ▶ 3 Call-sheet · 2 to call ─────────────┐┌─ 1 Sat 21 Nov · Marsh Lane Denta─┐
            │OVERDUE 5m Northgate ED     Emergency Dept││Time  Status    Patient         DT│
            │  01632 960031  Amara Example             ││09:00 booked    not shown         │
            │OVERDUE 5m Marsh Lane Dental      Practice││09:30 free                        │
            │  01632 960101  main                      ││10:00 CONFLICT  not shown         │
            │                                          ││        + also  not shown         │
            │                                          ││10:30 free                        │
            │                                          ││4 slots, 2 free                   │
            │                                          │└──────────────────────────────────┘
            │                                          │┌─ 2 Latest bookings ──────────────┐
            │                                          ││NHS 111 10:00 Marsh Lane Dental   │
            │                                          ││NHS 111 10:00 Marsh Lane Dental   │
            │                                          ││Phone   09:00 Marsh Lane Den… late│
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            │                                          ││                                  │
            └──────────────────────────────────────────┘└──────────────────────────────────┘
             oncall @ Referral Systems Hosting (host)       Tab next pane · ? help · q quit
            """)
    }

    /// Another practice's terminal that steps to this practice's grid (`]`) sees its slots, not its patients; the
    /// bookings NHS 111 made show to NHS 111.
    @Test func anotherPracticeOrNHS111SeesOnlyThePatientsItMayOf() throws {
        var vale = try Self.duringAnOutage(as: Actor(user: "vic", terminal: "pts/5", site: "Vale Dental Care",
                                                     role: .practice))
        let grid = Screen.render(vale)
        #expect(grid.line(6).hasPrefix("│09:00 booked    not shown      Phone"), "\(grid.line(6))")
        #expect(!grid.text.contains("Ann Demo") && !grid.text.contains("Bob Demo"))
        vale.actor = Actor(user: "nia", terminal: "pts/6", site: "Shoreline 111", role: .nhs111)
        vale.view.slots[2].bookings[0].createdSite = "Shoreline 111"
        let phoned = Screen.render(vale)
        #expect(phoned.text.contains("Bob Demo") && !phoned.text.contains("Cat Demo") && !phoned.text.contains("Ann Demo"))
    }
}
