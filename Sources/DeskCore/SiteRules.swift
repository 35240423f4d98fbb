import Foundation

/// Who a terminal is, and what that lets it do to other organisations' records: the rules the trial found missing,
/// in one place, each refusal written for the person at the desk. (The full permission table over every operation
/// is the operation layer's; these are the cases a terminal could use to act as someone else.)
public enum SiteRules {
    /// A terminal's role follows from the organisation it is. A role asked for can only name that same role, so no
    /// flag can raise a site's rights; with no site, no role may be asked for.
    public static func role(asked: TerminalRole?, site: Organisation?) -> Result<TerminalRole, SiteRefusal> {
        let own = site.map { TerminalRole($0.kind) }
        guard let asked else { return .success(own ?? .practice) }
        guard let site, let own else { return .failure(.roleWithoutSite(asked)) }
        guard asked == own else { return .failure(.roleNotTheSites(asked, site: site.name, own: own)) }
        return .success(own)
    }

    /// A practice (or NHS 111, or an ED) acknowledges only for itself; the host and the commissioners record any
    /// party's acknowledgment, since they take the phone calls and read the replies.
    public static func mayAcknowledge(for party: Organisation, actor: Actor) -> SiteRefusal? {
        if actor.role == .host || actor.role == .commissioner { return nil }
        return actor.site == party.name ? nil : .notYourAcknowledgment(party: party.name, site: actor.site)
    }

    /// Patient details stay with their practice: a practice's own terminal sees them; another practice, the host
    /// and the commissioners see counts and practice names; NHS 111 and an ED see only the bookings they made, which
    /// a practice's list is not. A terminal with no site is the operation layer's to refuse.
    public static func maySeePatients(of practice: Organisation, site: Organisation?) -> SiteRefusal? {
        guard let site, site.id != practice.id else { return nil }
        return .notYourPatients(practice: practice.name, site: site.name, kind: site.kind)
    }

    /// One booking's patient details, booking by booking: shown at its practice (`practiceName`) and at the site
    /// that made it (NHS 111, an ED); elsewhere a slot is only seen to be taken. With no site named, nothing is
    /// hidden: such a terminal can change nothing, and a shared file without sites has no one to hide them from.
    public static func showsPatient(_ booking: Booking, practiceName: String?, siteName: String,
                                    siteKind: OrganisationKind?) -> Bool {
        guard !siteName.isEmpty else { return true }
        if siteKind == .practice { return practiceName == siteName }
        return booking.createdSite == siteName
    }

    /// A practice terminal changes only its own practice's bookings (and slots). `actorsPractice` is the practice the
    /// terminal's site names in the directory; a terminal with no site is the operation layer's to refuse.
    public static func mayChange(bookingsOf practice: Organisation, actorsPractice: Organisation?) -> SiteRefusal? {
        guard let own = actorsPractice, own.kind == .practice, own.id != practice.id else { return nil }
        return .notYourPractice(practice: practice.name, site: own.name)
    }
}

/// Why a terminal may not do something, in words for the person at it.
public enum SiteRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case roleWithoutSite(TerminalRole)
    case roleNotTheSites(TerminalRole, site: String, own: TerminalRole)
    case notYourAcknowledgment(party: String, site: String)
    case notYourPractice(practice: String, site: String)
    case notYourPatients(practice: String, site: String, kind: OrganisationKind)
    case noSeat(login: String, site: String, sites: [String])
    case noSeatNamed(login: String, sites: [String])
    case noPatientsHere(site: String)

    static func seatsLeft(_ sites: [String]) -> String {
        sites.isEmpty ? " (it has none: the file's owner adds one with 'downtime-desk seat add LOGIN --site ORG')"
            : ": \(sites.joined(separator: ", "))"
    }

    public var description: String {
        switch self {
        case .roleWithoutSite(let role):
            return "a terminal is the organisation it works for, so the \(role.rawValue) role needs that "
                + "organisation named (--site NAME); the role then follows from it"
        case .roleNotTheSites(let role, let site, let own):
            return "\(site) is a \(own.rawValue) site, so this terminal cannot act as the \(role.rawValue): "
                + "the role follows from the site (leave --role out)"
        case .notYourAcknowledgment(let party, let site):
            return "this terminal is \(site)'s; it can acknowledge only for \(site), not for \(party): \(party) "
                + "acknowledges at its own "
                + "terminal, by replying to the email, or by phone to the commissioner"
        case .notYourPractice(let practice, let site):
            return "\(site) can change only its own bookings; this one belongs to \(practice), whose reception "
                + "changes it"
        case .notYourPatients(let practice, let site, let kind):
            let board = "the capacity board ('downtime-desk capacity')"
            let instead = kind == .nhs111 || kind == .ed ? "\(board) shows where there is room"
                : "\(board) and the outage report give counts and practice names"
            return "\(practice)'s patients are shown only at \(practice); \(site) cannot list them: \(instead)"
        case .noSeat(let login, let site, let sites):
            return "\(login) has no seat at \(site) on this machine" + Self.seatsLeft(sites)
        case .noSeatNamed(let login, let sites):
            return "seats are kept on this machine, so \(login) must name a site it has a seat for"
                + Self.seatsLeft(sites)
        case .noPatientsHere(let site):
            let here = site.isEmpty ? "this terminal" : site
            return "patients are found at their practice's reception (and at NHS 111 or the ED that booked them); "
                + "\(here) sees no patients, so it has none to search"
        }
    }
}
