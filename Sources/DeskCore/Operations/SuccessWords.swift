import Foundation

extension DeskOperation {
    /// What the desk's status line and the command line's first line say once this operation is applied, written
    /// once for both. The command line may follow it with lines only it needs (what is left, the next command).
    /// Nil for the operations only the command line makes, whose reports are whole tables of their own.
    public func successSentence(_ outcome: Outcome, zone: TimeZone) -> String? {
        switch self {
        case .book(let book):
            let booking = outcome.booking
            return "Booked \(booking.map { Sanitise.visible($0.patient.name) } ?? "the patient") at \(book.start)"
                + (booking?.downtimeReference.map { ", downtime ref \($0)" } ?? "") + "."
        case .changeStatus(let change): return "Marked \(change.status.label)."
        case .move(let move): return "Moved to \(move.day.longDescription) \(move.start)."
        case .markSeen(let seen):
            return seen.bookingIDs.count == 1 ? "Marked seen." : "Marked \(seen.bookingIDs.count) bookings seen."
        case .markBackEntered(let entered): return "Back-entered as \(entered.centralReference)."
        case .declareOutage(let declared):
            return "Outage of \(declared.system) declared; the outage notice goes to every party."
        case .restoreOutage:
            guard case .outageRestored(let outage, _, _) = outcome else { return nil }
            return "\(outage.system) restored; the restoration notice goes to every party."
        case .postUpdate:
            guard case .updatePosted(let update, let outage, _, _) = outcome else { return nil }
            return "Update \(update.reference) on \(outage.system) sent to every party and subscriber."
        case .addSubscriber:
            guard case .subscriberAdded(let subscriber, let replaced) = outcome else { return nil }
            return (replaced ? "Changed " : "Added ") + "\(subscriber.email) (\(subscriber.scope.words))."
        case .removeSubscriber(let op):
            guard case .subscriberRemoved(let existed) = outcome else { return nil }
            return existed ? "Took \(op.email) off the communications list."
                : "\(op.email) was not on the communications list; nothing changed."
        case .acknowledge:
            guard case .acknowledged(let ack, let round, let already) = outcome else { return nil }
            let party = Sanitise.visible(round.parties.first { $0.id == ack.organisationID }?.name ?? "The party")
            let when = "at \(TimeOfDay(ack.at, in: zone)) by \(ack.via.rawValue)"
            return already ? "\(party) had already acknowledged the \(round.notice.title) \(when); nothing changed."
                : "\(party) acknowledged the \(round.notice.title) \(when)."
        case .logCall(let call):
            guard case .callLogged(let logged) = outcome else { return nil }
            return call.outcome == .acknowledged ? "Acknowledged by phone; off the call-sheet."
                : "Call logged: \(call.outcome.label). Next call due \(TimeOfDay(logged.nextCallAt, in: zone))."
        case .addIncidentNote(let note):
            return (outcome.incident?.number ?? note.number).map { "Noted on \($0)." } ?? "Noted."
        case .changeIncidentSeverity, .changeIncidentImpact, .closeIncident:
            guard let incident = outcome.incident else { return nil }
            return incidentSentence(incident)
        case .tickRunbook(let tick):
            guard case .runbookTicked(let item) = outcome else { return nil }
            return tick.undo ? "Unticked: \(item.text)"
                : "Ticked as done by \(item.tick.map { Sanitise.visible($0.by) } ?? "you"): \(item.text)"
        case .logRecontactCall(let call):
            if let day = call.moveToDay, let start = call.moveToStart {
                return "Rearranged to \(day.longDescription) \(start); call logged."
            }
            return "Call logged: \(call.outcome.label)."
        case .reviewPlan(let review):
            return "Review recorded for \(review.day.iso); next due by \(PlanReview.due(after: review.day).iso)."
        case .setSlot, .replaceTemplates, .importDirectory, .importBookings, .recordDelivery, .recordReply,
             .installPlan, .createRecontactList, .holdSlots, .restoreBackup, .addSeat, .removeSeat:
            return nil
        }
    }

    private func incidentSentence(_ incident: Incident) -> String {
        switch self {
        case .changeIncidentSeverity:
            return "\(incident.number) is now severity \(incident.severity), \(incident.hssiSummary)."
        case .closeIncident(let close):
            return "\(incident.number) closed, agreed with \(incident.agreedBy ?? close.agreedBy)"
                + (incident.closeOverride.map { " (override: \($0))" } ?? "") + "."
        default:
            return "\(incident.number): \(incident.hssiSummary)."
        }
    }
}
