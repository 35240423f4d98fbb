import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// Each role's main pane gets the room; one key zooms the focused pane and puts the layout back.
@Suite struct RoleLayoutTests {
    @Test func eachRoleOpensOnItsOwnMainPane() {
        #expect(PaneArrangement.standard(for: .practice).main == .slots)
        #expect(PaneArrangement.standard(for: .nhs111).main == .slots)
        #expect(PaneArrangement.standard(for: .ed).main == .slots)
        #expect(PaneArrangement.standard(for: .commissioner).main == .callsheet)
        #expect(PaneArrangement.standard(for: .host).main == .callsheet)
    }

    @Test func theMainPaneTakesTheLeftColumnFullHeightAndTheOthersShareTheRight() throws {
        let layout = try #require(Layout(width: 200, height: 60, bannerLines: 1,
                                         arrangement: PaneArrangement(main: .callsheet, mainPercent: 60)))
        #expect(layout.callsheet == Rect(x: 0, y: 1, width: 120, height: 58))
        #expect(layout.slots == Rect(x: 120, y: 1, width: 80, height: 29))
        #expect(layout.incoming == Rect(x: 120, y: 30, width: 80, height: 29))
        let zoomed = try #require(Layout(width: 80, height: 24, bannerLines: 4, zoomed: .incoming))
        #expect(zoomed.panes == [.incoming: Rect(x: 0, y: 4, width: 80, height: 19)])
        #expect(zoomed.slots.width == 0, "the other panes are not drawn")
    }

    @Test func zoomFillsTheBodyWithTheFocusedPaneAndAgainPutsItBack() throws {
        var state = try sampleState()
        state.keymap = Keymap.withOverlayKeys(name: "z", bindings: [
            .global: [.char("z"): "zoom", .tab: "focus-next", .char("?"): "help", .char("q"): "quit"]])
        state.focus = .callsheet
        #expect(Reducer.reduce(&state, .key(.char("z"))).isEmpty)
        #expect(state.zoomed && state.message == "Call-sheet fills the screen; z puts the panes back.")
        let zoomed = Screen.render(state)
        #expect(zoomed.line(1).hasPrefix("┌─ ▶ 3 Call-sheet (2 parties) ───"), "\(zoomed.text)")
        #expect(zoomed.line(1).hasSuffix("┐") && zoomed.line(22).hasPrefix("└") && zoomed.line(22).hasSuffix("┘"))
        #expect(!zoomed.text.contains("Slot grid") && !zoomed.text.contains("Incoming"))
        #expect(zoomed.line(0).contains("central system UP"), "the banner stays")
        state.message = nil
        let back = Screen.render(state).line(23)
        #expect(back.hasSuffix("z all panes · ? help · q quit"), "the status line says how to go back: \(back)")
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(state.zoomed && Screen.render(state).line(1).contains("▶ 1 Slot grid · Marsh Lane Dental"),
                "the zoom follows the focus")
        _ = Reducer.reduce(&state, .key(.char("z")))
        #expect(!state.zoomed && Screen.render(state).text.contains("3 Call-sheet"))
    }

    @Test func theSettingsFileChoosesEachRolesMainPaneAndItsWidth() throws {
        let settings = try DeskSettings.parse(text: "[layout]\npractice = \"incoming\"\nmain_width = 60\n",
                                              file: "config.toml")
        #expect(settings.arrangement(for: .practice) == PaneArrangement(main: .incoming, mainPercent: 60))
        #expect(settings.arrangement(for: .commissioner) == PaneArrangement(main: .callsheet, mainPercent: 60))
        #expect(DeskSettings().arrangement(for: .host) == PaneArrangement(main: .callsheet))
        #expect(throws: ConfigError.self) {
            try DeskSettings.parse(text: "[layout]\nhost = \"grid\"\n", file: "c.toml")
        }
        do {
            _ = try DeskSettings.parse(text: "[layout]\nhost = \"grid\"\n", file: "c.toml")
        } catch {
            #expect("\(error)".contains("must name a pane: \"slots\""), "\(error)")
        }
        #expect(throws: ConfigError.self) {
            try DeskSettings.parse(text: "[layout]\nmain_width = 95\n", file: "c.toml")
        }
        #expect(throws: ConfigError.self) {
            try DeskSettings.parse(text: "[layout]\nclerk = \"slots\"\n", file: "c.toml")
        }
    }
}

/// Nothing essential is cut off at 80×24.
@Suite struct NarrowScreenTests {
    static func board(_ names: [String]) throws -> [CapacityRow] {
        try names.enumerated().map { index, name in
            let practice = Organisation(name: name, kind: .practice,
                                        phones: [try PhoneNumber(parsing: "01632 96010\(index)")])
            let free = (0..<14).map { TimeOfDay(minutes: 8 * 60 + 30 + 30 * $0)! }
            return CapacityRow(practice: practice, freeUrgent: free, totalSlots: 14)
        }
    }

    /// The trial saw "Harbour S…" twice: two practices must never look alike, at any width the board is drawn.
    @Test(arguments: [34, 36, 42, 50, 60, 100])
    func twoPracticesNeverLookAlikeOnTheCapacityBoard(width: Int) throws {
        var state = try sampleState()
        state.actor = Actor(user: "nia", terminal: "pts/6", site: "Shoreline 111", role: .nhs111)
        state.view.capacity = try Self.board(["Harbour Smile Clinic", "Harbour Smile Studio",
                                              "The Dental Wellbeing Centre", "Vale Dental Care"])
        var canvas = Canvas(width: width, height: 8)
        CapacityPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: width, height: 8))
        let rows = (2..<6).map { canvas.line($0) }
        let names = rows.map { String($0.dropFirst().prefix { $0 != "0" }).trimmingCharacters(in: .whitespaces) }
        #expect(Set(names).count == 4, "\(canvas.text)")
        #expect(rows.allSatisfy { $0.contains("0163") && $0.contains(" 14") }, "the number and the count stay whole")
        if width >= 50 { #expect(rows[0].hasPrefix("│Harbour Smile Clinic "), "\(canvas.text)") }
        if width >= 50 { #expect(rows[2].hasPrefix("│The Dental Wellbeing Centre 01632"), "\(canvas.text)") }
        if width >= 100 { #expect(rows[0].contains("14 free from 08:30"), "\(canvas.text)") }
    }

    /// A booking made at this terminal's own site is not NEW to it; the host's pane says which practice each is at.
    @Test func theIncomingPaneSaysWhoWhenAndWhereFromAt80Columns() throws {
        var state = try sampleState()
        state.view.incoming[1].createdSite = "Marsh Lane Dental"
        state.view.incoming[1].createdBy = "ann"
        var pane = text(Screen.render(state), Screen.layout(for: state)!.incoming)
        #expect(pane.contains("(1 new)") && pane.contains("NEW NHS 111 10:00 Cat Demo")
                && pane.contains("    NHS 111 10:00 Bob Demo"), "\(pane)")
        state.keymap = Keymap.withOverlayKeys(name: "s", bindings: [.pane(.incoming): [.char("s"): "mark-seen",
                                                                                       .char("S"): "mark-all-seen"]])
        state.focus = .incoming
        #expect(Reducer.reduce(&state, .key(.char("S"))) == [.markSeen([state.view.incoming[0].id])])
        state.selection[.incoming] = 1
        #expect(Reducer.reduce(&state, .key(.char("s"))).isEmpty)
        #expect(state.message == "You made this booking, so it is not new to you.")

        state.actor = Actor(user: "oncall", terminal: "pts/2", site: "Referral Systems Hosting", role: .host)
        state.view.organisationNames[state.view.practices[0].id] = state.view.practices[0].name
        pane = text(Screen.render(state), Screen.layout(for: state)!.incoming)
        #expect(pane.contains("Latest bookings") && !pane.contains("NEW"), "\(pane)")
        #expect(pane.contains("NHS 111 10:00 Marsh Lane Dental") && !pane.contains("Demo"), "\(pane)")
    }

    @Test func noOrganisationIsOnItsOwnCallSheet() throws {
        var state = try sampleState()
        #expect(state.view.callSheetRows.count == 2)
        state.view.ownSite = "Marsh Lane Dental"
        #expect(state.view.callSheetRows.map(\.organisation.name) == ["Northgate ED"])
        state.view.round = NoticeRound(notice: Notice(outageID: UUID(), kind: .outage, createdAt: fixedNow,
                                                      reference: "DD-1"),
                                       outage: Outage(system: "Dental RMS", since: fixedNow, declaredAt: fixedNow,
                                                      declaredBy: "o"),
                                       parties: state.view.callSheet.map(\.organisation), acknowledgments: [],
                                       calls: [])
        #expect(state.view.callSheetRows.map(\.organisation.name) == ["Northgate ED"], "nor on the round's")
    }

    @Test func theDemoMarkerShowsDuringAnOutageToo() throws {
        var state = try WholeScreenTests.duringAnOutage(as: WholeScreenTests.host)
        state.isDemo = true
        let line = Screen.render(state).line(0)
        #expect(line.contains("DOWN since 09:35 (30m)  [DEMO]") && line.hasSuffix("Sat 21 Nov 10:05"), "\(line)")
    }

    /// Declaring an outage for a thousand parties takes a moment: the status line says what is being done.
    @Test func aLongChangeSaysWhatItIsDoingInTheStatusLine() throws {
        var state = try sampleState()
        state.actor = Actor(user: "oncall", terminal: "pts/2", site: "Referral Systems Hosting", role: .host)
        let declare = Effect.declareOutage(system: "Dental RMS", since: fixedNow, reason: "", instructions: "")
        state.busy = declare.busyWords
        state.message = "an older message"
        let line = Screen.render(state).line(23)
        #expect(line.contains("(host)  Declaring the outage…") && !line.contains("older"),
                "\(line)")
        #expect(Effect.markSeen([]).busyWords == nil, "quick changes say nothing")
    }
}

/// A practice whose settings put the call-sheet in the main column has its grid in the narrow right pane: the
/// source column gives way so names are not cut (before, every row ran off the pane's edge).
@Suite struct NarrowGridTests {
    @Test func aGridInTheNarrowPaneDropsItsSourceColumnFirst() throws {
        var state = try sampleState()
        state.arrangement = PaneArrangement(main: .callsheet)
        let grid = text(Screen.render(state), Screen.layout(for: state)!.slots)
        #expect(grid.contains("│Time  Status    Patient         DT│"), "\(grid)")
        #expect(grid.contains("│09:00 booked    Ann Demo          │"), "\(grid)")
        #expect(grid.contains("│10:00 CONFLICT  Bob Demo          │\n│        + also  Cat Demo          │"),
                "a conflict's names one a line: \(grid)")
        #expect(!grid.contains("…│"), "no row runs off the pane: \(grid)")
    }
}
