import Foundation

/// Why an operation was not applied, in a sentence for the person at the desk. No command-line flag appears here:
/// the command line adds its own hint after it (`commandLineHint`).
public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The terminal has not said which organisation it is.
    case noSite(OperationKind)
    /// The site named is not in the directory.
    case unknownSite(String)
    /// This kind of site does not do this at all.
    case notForThisSite(OperationKind, site: String, kind: OrganisationKind)
    /// This kind of site does it, but only for its own records; these are `owner`'s.
    case notItsOwn(OperationKind, site: String, owner: String)
    /// Only the machine's owner changes who may use it.
    case notTheOwner(OperationKind, login: String)
    /// A site rule: acting as another site, patient listings, seats.
    case site(SiteRefusal)
    /// The slot holds a booking already (`holders` names whose): choose another, or overbook on purpose.
    case slotTaken(start: TimeOfDay, day: LocalDate, holders: [String])
    /// One outage of a system at a time.
    case outageActive(system: String)
    /// Another rule of the records (a reason missing, a time in the future, …), in the desk's words; where the
    /// command line gives the missing thing with a flag, `commandLine` says it in its own words instead.
    case rule(String, commandLine: String? = nil)

    public var description: String {
        switch self {
        case .noSite(let kind):
            return "this terminal has not said which organisation it is, so it cannot \(kind.doing): "
                + "name it once in the settings file ([terminal] site = \"NAME\")"
        case .unknownSite(let name):
            return "'\(Sanitise.visible(name))' is not an organisation in this directory, so this terminal cannot "
                + "act for it"
        case .notForThisSite(let kind, let site, let siteKind):
            return "\(Permissions.rule(for: kind).who); \(site) is \(siteKind.withArticle)"
        case .notItsOwn(let kind, let site, let owner):
            return Permissions.notItsOwn(kind, site: site, owner: owner)
        case .notTheOwner(let kind, let login):
            return "only this machine's owner may \(kind.doing) (the login that owns the database file); "
                + "\(login) does not"
        case .site(let refusal):
            return refusal.description
        case .slotTaken(let start, let day, let holders):
            return Self.slotTaken(start, day, holders, overbookFlag: nil)
        case .outageActive(let system):
            return "an outage of \(Sanitise.visible(system)) is already active; restore it before declaring another"
        case .rule(let words, _):
            return words
        }
    }

    /// The refusal as the desk's status line says it: a sentence. Who does it instead, without naming this site,
    /// which the status line already shows beside it.
    public var sentence: String {
        var words = description
        if case .notForThisSite(let kind, _, _) = self { words = Permissions.rule(for: kind).who }
        guard let first = words.first else { return words }
        return first.uppercased() + words.dropFirst() + (words.hasSuffix(".") ? "" : ".")
    }

    /// The refusal as the command line prints it: the sentence, then its own hint.
    public var withCommandLineHint: String {
        switch self {
        case .rule(_, let commandLine?): return commandLine
        case .slotTaken(let start, let day, let holders):
            return Self.slotTaken(start, day, holders, overbookFlag: "--overbook")
        default: return description + (commandLineHint.map { " (\($0))" } ?? "")
        }
    }

    /// Whose bookings hold the slot and what to do; the command line names its flag for overbooking.
    private static func slotTaken(_ start: TimeOfDay, _ day: LocalDate, _ holders: [String],
                                  overbookFlag: String?) -> String {
        let flag = overbookFlag.map { "\($0); " } ?? ""
        return "the \(start) slot on \(day.longDescription) is already booked for \(holders.joined(separator: " and "))"
            + "; choose another slot, or overbook it on purpose (\(flag)it will show as a conflict)"
    }

    /// What the command line adds after the sentence: how to say it there.
    public var commandLineHint: String? {
        switch self {
        case .noSite: return "or give --site NAME"
        default: return nil
        }
    }
}

extension OrganisationKind {
    var withArticle: String {
        switch self {
        case .practice: return "a practice"
        case .host: return "the service host"
        case .commissioner: return "a commissioner"
        case .nhs111: return "an NHS 111 service"
        case .ed: return "an emergency department"
        }
    }
}
