import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// Updates on screen: every desk's banner shows the latest; the host's says when one is owed and sends it.
@Suite struct UpdateScreenTests {
    func state(role: TerminalRole, site: String) throws -> AppState {
        var state = try OutageChainScreenTests().outageState(role: role, site: site)
        state.keymap = Keymap.withOverlayKeys(name: "t", bindings: [
            .global: [.char("U"): "send-update", .escape: "cancel", .tab: "focus-next"],
        ])
        state.updateCadence = UpdateCadence(every: 3600, everyHSSI: 1800)
        return state
    }

    func update(_ state: AppState, at: Date, eta: Date? = nil) -> OutageUpdate {
        OutageUpdate(outageID: state.view.activeOutage!.id, message: "Supplier is replacing a disk", eta: eta, at: at,
                     by: "oncall", reference: "DU-00C0DE")
    }

    func banner(_ state: AppState, width: Int = 100) -> Canvas {
        var canvas = Canvas(width: width, height: BannerPane.lines(for: state))
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: width, height: canvas.height))
        return canvas
    }

    @Test func everyDeskShowsTheLatestUpdateAndOnlyTheHostIsToldOneIsDue() throws {
        var practice = try state(role: .practice, site: "Marsh Lane Dental")
        #expect(BannerPane.lines(for: practice) == 4, "no update yet: the banner as before")
        practice.view.updates = [update(practice, at: fixedNow.addingTimeInterval(-600),
                                        eta: fixedNow.addingTimeInterval(7200))]
        #expect(BannerPane.lines(for: practice) == 5)
        #expect(banner(practice).line(2).trimmingCharacters(in: .whitespaces)
                == "Update 09:55 Supplier is replacing a disk (ETA 12:05)")
        // Declared 25 minutes ago: not due yet at the host (every hour: this incident is no HSSI).
        var host = try state(role: .host, site: "Referral Systems Hosting")
        #expect(BannerPane.lines(for: host) == 4)
        host.now = fixedNow.addingTimeInterval(2400)
        #expect(banner(host).line(2).trimmingCharacters(in: .whitespaces)
                == "UPDATE DUE (none since declared 09:40), U sends one")
        host.view.updates = practice.view.updates
        #expect(!banner(host).text.contains("UPDATE DUE"), "the update at 09:55 is recent")
        host.now = fixedNow.addingTimeInterval(3600)
        #expect(banner(host, width: 120).line(2).trimmingCharacters(in: .whitespaces)
                == "UPDATE DUE (last 09:55), U sends one · Update 09:55 Supplier is replacing a disk (ETA 12:05)")
        practice.now = host.now
        #expect(!banner(practice).text.contains("DUE"), "a practice owes no updates")
    }

    @Test func theHostSendsAnUpdateFromAShortFormAfterAQuestion() throws {
        var practice = try state(role: .practice, site: "Marsh Lane Dental")
        _ = Reducer.reduce(&practice, .key(.char("U")))
        #expect(practice.overlay == nil && practice.message == "Only the service host sends updates on an outage.")
        var host = try state(role: .host, site: "Referral Systems Hosting")
        _ = Reducer.reduce(&host, .key(.char("U")))
        guard case .prompt(let form)? = host.overlay else { Issue.record("no form"); return }
        #expect(form.title == "Update on Dental RMS (every party and subscriber is emailed)")
        _ = Reducer.reduce(&host, .key(.enter))
        guard case .prompt(let empty)? = host.overlay else { Issue.record("the form closed"); return }
        #expect(empty.problem == "Write what the update says: what is known now, what people should do.")
        for c in "Disk arrives 11:30" { _ = Reducer.reduce(&host, .key(.char(c))) }
        _ = Reducer.reduce(&host, .key(.tab))
        for c in "09:00" { _ = Reducer.reduce(&host, .key(.char(c))) }
        #expect(Reducer.reduce(&host, .key(.enter)).isEmpty, "Enter asks first")
        guard case .confirm(let question, let effect)? = host.overlay else { Issue.record("no question"); return }
        #expect(question == "Send this update (ETA 09:00 tomorrow) to all 2 parties and every subscriber? No one is "
                + "asked to acknowledge it.", "09:00 is past at 10:05: tomorrow's")
        let tomorrowNine = LocalDate(fixedNow, in: host.zone).adding(days: 1)
            .instant(at: TimeOfDay(parsing: "09:00")!, in: host.zone)
        #expect(effect == .sendUpdate(message: "Disk arrives 11:30", eta: tomorrowNine))
        #expect(Reducer.reduce(&host, .key(.char("y"))) == [effect])
    }

    @Test func aBadETAIsRefusedInTheFormAndWhatWasTypedStays() throws {
        var host = try state(role: .host, site: "Referral Systems Hosting")
        _ = Reducer.reduce(&host, .key(.char("U")))
        for c in "Soon" { _ = Reducer.reduce(&host, .key(.char(c))) }
        _ = Reducer.reduce(&host, .key(.tab))
        for c in "noon" { _ = Reducer.reduce(&host, .key(.char(c))) }
        _ = Reducer.reduce(&host, .key(.enter))
        guard case .prompt(let form)? = host.overlay else { Issue.record("the form closed"); return }
        #expect(form.problem == "ETA must be a time, HH:MM, or left blank if it is not known.")
        #expect(form.value("Update") == "Soon")
    }
}
