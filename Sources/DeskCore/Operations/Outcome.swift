import Foundation

/// What an applied operation did, for the desk and the command line to report.
public enum Outcome: Equatable, Sendable {
    case booked(Booking)
    /// A booking's status, slot or back-entry changed; this is it now.
    case bookingChanged(Booking)
    case seen(count: Int)
    case slotChanged
    case templatesReplaced(added: Int, removed: Int, offTemplate: [String])
    case directoryImported(DirectoryImportSummary)
    case bookingsImported(BookingImportSummary)
    case outageDeclared(Outage, Notice, queued: Int)
    case outageRestored(Outage, Notice, queued: Int)
    /// `queued` emails in all, `subscribers` of them to the communications list.
    case updatePosted(OutageUpdate, Outage, queued: Int, subscribers: Int)
    /// `replaced`: the address was on the list already; its name and scope are now these.
    case subscriberAdded(Subscriber, replaced: Bool)
    case subscriberRemoved(existed: Bool)
    /// `already`: the party had acknowledged this notice before; the first acknowledgment stands.
    case acknowledged(Acknowledgment, NoticeRound, already: Bool)
    case callLogged(CallAttempt)
    case deliveryRecorded
    case replyRead(ReplyOutcome)
    case incidentChanged(Incident)
    case runbookTicked(Runbook.Item)
    case planInstalled
    case planReviewed
    case recontactListMade(RecontactList)
    case recontactCallLogged(RecontactCall)
    case backupRestored(bookings: Int, bytes: Int, journalEntries: Int, journalHead: String, journalIntact: Bool)
    case seatAdded
    /// Another site said which slots its bookings hold: how many bookings this file counts from it.
    case slotsHeld(count: Int)
    case seatRemoved(existed: Bool)

    /// The booking it made or changed, if any.
    public var booking: Booking? {
        switch self {
        case .booked(let booking), .bookingChanged(let booking): return booking
        default: return nil
        }
    }

    /// The incident it changed, if any.
    public var incident: Incident? {
        if case .incidentChanged(let incident) = self { return incident }
        return nil
    }
}
