import Foundation
import Testing
@testable import DeskCore

/// The permission table, tested as a table: every kind of site against every operation, on its own records and on
/// another organisation's. The expected table is written out here, so a change to who may do what shows as a diff.
@Suite struct PermissionTableTests {
    typealias Reach = Permissions.Reach
    static let everyKind = OrganisationKind.allCases

    /// Who may do what, as the README's table says it.
    static let expected: [OperationKind: [OrganisationKind: Reach]] = {
        let booking: [OrganisationKind: Reach] = [.practice: .own, .nhs111: .ownOrMadeHere, .ed: .ownOrMadeHere]
        let leads: [OrganisationKind: Reach] = [.host: .any, .commissioner: .any]
        let everyone = Dictionary(uniqueKeysWithValues: everyKind.map { ($0, Reach.any) })
        return [
            .book: [.practice: .own, .nhs111: .any, .ed: .any],
            .changeStatus: booking, .move: booking, .markBackEntered: booking,
            .markSeen: [.practice: .own],
            .setSlot: [.practice: .own, .host: .any], .replaceTemplates: [.practice: .own, .host: .any],
            .importBookings: [.practice: .own, .host: .any],
            .importDirectory: leads,
            .declareOutage: [.host: .any], .restoreOutage: [.host: .any], .postUpdate: [.host: .any],
            .addSubscriber: [.host: .any], .removeSubscriber: [.host: .any],
            .acknowledge: [.practice: .own, .nhs111: .own, .ed: .own, .commissioner: .any, .host: .any],
            .logCall: leads, .recordDelivery: [.host: .any], .recordReply: leads,
            .addIncidentNote: everyone,
            .changeIncidentSeverity: leads, .changeIncidentImpact: leads, .closeIncident: leads, .tickRunbook: leads,
            .installPlan: leads, .reviewPlan: leads,
            .createRecontactList: [.practice: .own], .logRecontactCall: [.practice: .own],
            .holdSlots: [.practice: .own, .nhs111: .any, .ed: .any, .host: .any],
            .restoreBackup: everyone, .addSeat: everyone, .removeSeat: everyone,
        ]
    }()

    static func organisation(_ kind: OrganisationKind, _ name: String) -> Organisation {
        Organisation(name: name, kind: kind)
    }

    static let otherPractice = organisation(.practice, "Vale Dental Care")

    @Test(arguments: OperationKind.allCases) func everySiteKindAgainstThisOperation(_ kind: OperationKind) throws {
        let expected = try #require(Self.expected[kind], "\(kind.rawValue) has no row in the expected table")
        #expect(Permissions.rule(for: kind).reach == expected, "\(kind.rawValue)")
        let ownerOnly = Permissions.rule(for: kind).machineOwnerOnly
        for siteKind in Self.everyKind {
            let site = Self.organisation(siteKind, "Site of kind \(siteKind.rawValue)")
            let actor = Actor(user: "u", terminal: "t", site: site.name, role: TerminalRole(siteKind))
            func check(owners: [Organisation], madeHere: Bool = false) -> Refusal? {
                Permissions.check(kind, actor: actor, facts: .init(site: site, owners: owners, madeHere: madeHere,
                                                                  isMachineOwner: true, login: "gwen"))
            }
            let reach = expected[siteKind]
            // Its own records.
            #expect((check(owners: [site]) == nil) == (reach != nil), "\(kind.rawValue) by \(siteKind.rawValue), own")
            // Another organisation's.
            let onOthers = check(owners: [Self.otherPractice])
            #expect((onOthers == nil) == (reach == .any || ownerOnly),
                    "\(kind.rawValue) by \(siteKind.rawValue), others'")
            if reach == .own || reach == .ownOrMadeHere {
                #expect(onOthers == .notItsOwn(kind, site: site.name, owner: Self.otherPractice.name))
            }
            if reach == nil { #expect(check(owners: [site]) == .notForThisSite(kind, site: site.name, kind: siteKind)) }
            // A booking this site made for another organisation.
            #expect((check(owners: [Self.otherPractice], madeHere: true) == nil)
                        == (reach == .any || reach == .ownOrMadeHere || ownerOnly),
                    "\(kind.rawValue) by \(siteKind.rawValue), made here")
            // Every refusal is a sentence for the desk: no command-line flag in it.
            for refusal in [check(owners: [site]), onOthers].compactMap({ $0 }) {
                #expect(!refusal.description.contains("--"), "\(refusal)")
            }
        }
    }

    @Test func aTerminalWithNoSiteOrAnotherSitesRoleIsRefusedWhateverItAsks() {
        let nobody = Actor(user: "root", terminal: "cli", site: "", role: .practice)
        for kind in OperationKind.allCases where !Permissions.rule(for: kind).machineOwnerOnly {
            #expect(Permissions.check(kind, actor: nobody, facts: .init(site: nil)) == .noSite(kind), "\(kind)")
        }
        // The first directory of a fresh file comes before any site can be named.
        #expect(Permissions.check(.importDirectory, actor: nobody, facts: .init(site: nil,
                                                                                directoryIsEmpty: true)) == nil)
        let kestrel = Self.organisation(.practice, "Kestrel Dental Practice")
        let claimingHost = Actor(user: "u", terminal: "t", site: kestrel.name, role: .host)
        #expect(Permissions.check(.declareOutage, actor: claimingHost, facts: .init(site: kestrel))
                    == .site(.roleNotTheSites(.host, site: kestrel.name, own: .practice)))
        let unknown = Actor(user: "u", terminal: "t", site: "Nowhere", role: .practice)
        #expect(Permissions.check(.book, actor: unknown, facts: .init(site: nil)) == .unknownSite("Nowhere"))
        #expect(Permissions.check(.addSeat, actor: nobody, facts: .init(site: nil, isMachineOwner: false, login: "eve"))
                    == .notTheOwner(.addSeat, login: "eve"))
    }

    @Test func refusalsSayWhoDoesItInsteadAndTheCommandLineAddsItsFlag() {
        let host = Refusal.notForThisSite(.declareOutage, site: "Kestrel Dental Practice", kind: .practice)
        #expect(host.description == "only the service host declares an outage; Kestrel Dental Practice is a practice")
        let booking = Refusal.notItsOwn(.changeStatus, site: "Vale Dental Care", owner: "Kestrel Dental Practice")
        #expect(booking.description.hasPrefix("Vale Dental Care can change only its own bookings"))
        #expect(Refusal.noSite(.book).commandLineHint == "or give --site NAME")
        #expect(!Refusal.noSite(.book).description.contains("--site"))
    }
}
