import Foundation

/// Who may do what, in one table: for each operation, which kinds of site make it and over whose records. The
/// store checks it inside the transaction that applies the operation; the desk asks it before offering an action;
/// the command line gets the same refusal. A terminal's kind is its organisation's kind in the directory, never a
/// flag.
public enum Permissions {
    /// How far a kind of site reaches with one operation.
    public enum Reach: Equatable, Sendable {
        /// Its own organisation's records only.
        case own
        /// Its own organisation's records and the bookings it made for others (NHS 111 and EDs book by phone).
        case ownOrMadeHere
        /// Any organisation's.
        case any
    }

    public struct Rule: Sendable {
        public let reach: [OrganisationKind: Reach]
        /// Who does this, as the refusal says it.
        public let who: String
        /// Only the login that owns the database file: a machine's own business, not a site's.
        public let machineOwnerOnly: Bool

        init(_ reach: [OrganisationKind: Reach], _ who: String, machineOwnerOnly: Bool = false) {
            self.reach = reach; self.who = who; self.machineOwnerOnly = machineOwnerOnly
        }
    }

    /// The table. A new operation without a row here does not compile.
    public static func rule(for kind: OperationKind) -> Rule {
        switch kind {
        case .book:
            return Rule([.practice: .own, .nhs111: .any, .ed: .any],
                        "a practice books into its own slots, and NHS 111 and the EDs into any practice's; "
                            + "the service host and commissioners do not book patients")
        case .changeStatus, .move, .markBackEntered:
            return Rule([.practice: .own, .nhs111: .ownOrMadeHere, .ed: .ownOrMadeHere],
                        "a booking is changed by its practice, or by the NHS 111 service or ED that made it")
        case .markSeen:
            return Rule([.practice: .own], "bookings are marked seen by their practice's reception")
        case .setSlot, .replaceTemplates:
            return Rule([.practice: .own, .host: .any], "slots are changed by their practice or the service host")
        case .importBookings:
            return Rule([.practice: .own, .host: .any],
                        "bookings from the central system are imported by their practice or the service host")
        case .importDirectory:
            return Rule([.host: .any, .commissioner: .any],
                        "the directory is imported by the service host or a commissioner")
        case .declareOutage:
            return Rule([.host: .any], "only the service host declares an outage")
        case .restoreOutage:
            return Rule([.host: .any], "only the service host declares a restoration")
        case .postUpdate:
            return Rule([.host: .any], "only the service host sends updates on an outage")
        case .addSubscriber, .removeSubscriber:
            return Rule([.host: .any],
                        "the communications list is kept by the service host, whose desk sends the emails")
        case .acknowledge:
            return Rule([.practice: .own, .nhs111: .own, .ed: .own, .commissioner: .any, .host: .any],
                        "a party acknowledges for itself, and the host and commissioners record any party's")
        case .logCall:
            return Rule([.commissioner: .any, .host: .any], "calls are logged by the commissioner or the service host")
        case .recordDelivery:
            return Rule([.host: .any], "notice emails are sent by the service host")
        case .recordReply:
            return Rule([.host: .any, .commissioner: .any],
                        "replies to notices are read by the service host or a commissioner")
        case .addIncidentNote:
            // A practice's "our phones are down too" belongs on the timeline.
            return Rule(Dictionary(uniqueKeysWithValues: OrganisationKind.allCases.map { ($0, .any) }),
                        "every site may add to the incident's timeline")
        case .changeIncidentSeverity, .changeIncidentImpact, .closeIncident, .tickRunbook:
            return Rule([.host: .any, .commissioner: .any],
                        "only the service host or a commissioner may \(kind.doing)")
        case .installPlan, .reviewPlan:
            return Rule([.host: .any, .commissioner: .any],
                        "the continuity plan is installed and reviewed by the service host or a commissioner")
        case .createRecontactList, .logRecontactCall:
            return Rule([.practice: .own],
                        "a practice makes and calls recontact lists for its own bookings only (they hold patients)")
        case .holdSlots:
            return Rule([.practice: .own, .nhs111: .any, .ed: .any, .host: .any],
                        "which slots are taken is sent by the practice, or by the site that booked or imported them")
        case .restoreBackup, .addSeat, .removeSeat:
            return Rule(Dictionary(uniqueKeysWithValues: OrganisationKind.allCases.map { ($0, .any) }),
                        "only this machine's owner may \(kind.doing)", machineOwnerOnly: true)
        }
    }

    /// What the store found out about an operation before asking: who the terminal is, whose records it touches.
    public struct Facts: Equatable, Sendable {
        /// The terminal's organisation as the directory has it; nil when it named none, or one not there.
        public var site: Organisation?
        /// The organisations whose records the operation touches (a booking's practice, an acknowledging party).
        public var owners: [Organisation]
        /// For a change to a booking: this site made it.
        public var madeHere: Bool
        /// A fresh file: its first directory may be imported before any site can be named.
        public var directoryIsEmpty: Bool
        /// The login running this program owns the database file.
        public var isMachineOwner: Bool
        public var login: String

        public init(site: Organisation?, owners: [Organisation] = [], madeHere: Bool = false,
                    directoryIsEmpty: Bool = false, isMachineOwner: Bool = false, login: String = "") {
            self.site = site; self.owners = owners; self.madeHere = madeHere
            self.directoryIsEmpty = directoryIsEmpty; self.isMachineOwner = isMachineOwner; self.login = login
        }
    }

    /// The table applied: nil when `actor` may make an operation of `kind` with these facts.
    public static func check(_ kind: OperationKind, actor: Actor, facts: Facts) -> Refusal? {
        let rule = rule(for: kind)
        if rule.machineOwnerOnly { return facts.isMachineOwner ? nil : .notTheOwner(kind, login: facts.login) }
        if kind == .importDirectory && facts.directoryIsEmpty { return nil }
        guard !actor.site.isEmpty else { return .noSite(kind) }
        guard let site = facts.site else { return .unknownSite(actor.site) }
        let siteRole = TerminalRole(site.kind)
        if actor.role != siteRole { return .site(.roleNotTheSites(actor.role, site: site.name, own: siteRole)) }
        guard let reach = rule.reach[site.kind] else { return .notForThisSite(kind, site: site.name, kind: site.kind) }
        switch reach {
        case .any:
            return nil
        case .own, .ownOrMadeHere:
            if reach == .ownOrMadeHere && facts.madeHere { return nil }
            guard let other = facts.owners.first(where: { $0.id != site.id }) else { return nil }
            return .notItsOwn(kind, site: site.name, owner: other.name)
        }
    }

    /// Whether a site of this kind makes operations of `kind` at all: what the desk offers.
    public static func offers(_ kind: OperationKind, to siteKind: OrganisationKind?) -> Bool {
        guard let siteKind else { return false }
        return rule(for: kind).reach[siteKind] != nil
    }

    static func notItsOwn(_ kind: OperationKind, site: String, owner: String) -> String {
        switch kind {
        case .acknowledge:
            return SiteRefusal.notYourAcknowledgment(party: owner, site: site).description
        case .createRecontactList, .logRecontactCall:
            return "\(site) makes recontact lists for its own bookings only; these are \(owner)'s"
        case .importBookings:
            return "\(site) can import only its own bookings; this file has \(owner)'s"
        default:
            return SiteRefusal.notYourPractice(practice: owner, site: site).description
        }
    }
}

extension Actor {
    /// The permission table, asked for this actor.
    public func may(_ operation: DeskOperation, _ facts: Permissions.Facts) -> Refusal? {
        Permissions.check(operation.kind, actor: self, facts: facts)
    }
}

extension OrganisationKind {
    /// The kind of organisation a terminal of this role is.
    public init(_ role: TerminalRole) {
        switch role {
        case .practice: self = .practice
        case .host: self = .host
        case .commissioner: self = .commissioner
        case .nhs111: self = .nhs111
        case .ed: self = .ed
        }
    }
}

extension TerminalRole {
    /// A site's role is its organisation's kind.
    public init(_ kind: OrganisationKind) {
        switch kind {
        case .practice: self = .practice
        case .host: self = .host
        case .commissioner: self = .commissioner
        case .nhs111: self = .nhs111
        case .ed: self = .ed
        }
    }
}

extension OperationKind {
    /// What it does, after "cannot": "book a patient", "declare an outage".
    public var doing: String {
        switch self {
        case .book: return "book a patient"
        case .changeStatus: return "change a booking's status"
        case .move: return "move a booking"
        case .markSeen: return "mark bookings seen"
        case .markBackEntered: return "mark a booking back-entered"
        case .setSlot: return "change a slot"
        case .replaceTemplates: return "change slot templates"
        case .importDirectory: return "import the directory"
        case .importBookings: return "import bookings"
        case .declareOutage: return "declare an outage"
        case .restoreOutage: return "declare a restoration"
        case .postUpdate: return "send an update"
        case .acknowledge: return "record an acknowledgment"
        case .logCall: return "log a call"
        case .recordDelivery: return "send notice emails"
        case .recordReply: return "read replies to notices"
        case .addIncidentNote: return "add to the incident log"
        case .changeIncidentSeverity: return "change an incident's severity"
        case .changeIncidentImpact: return "change an incident's impact"
        case .closeIncident: return "close an incident"
        case .tickRunbook: return "tick the runbook"
        case .installPlan: return "install the continuity plan"
        case .reviewPlan: return "record a plan review"
        case .createRecontactList: return "make a recontact list"
        case .logRecontactCall: return "log a recontact call"
        case .holdSlots: return "say which slots are taken"
        case .restoreBackup: return "restore a backup"
        case .addSeat: return "add a seat"
        case .removeSeat: return "remove a seat"
        case .addSubscriber: return "add to the communications list"
        case .removeSubscriber: return "take someone off the communications list"
        }
    }
}
