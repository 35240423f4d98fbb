import Foundation

/// The whole continuity plan on paper (seed 001: the plan must exist as a hard copy).
public enum PlanSheet {
    public static func paper(_ plan: ContinuityPlan, lastReviewed: LocalDate, today: LocalDate, printedAt: String, printedBy: String) -> String {
        var body: [String] = []
        body += Paper.wrapped(plan.organisation)
        let due = PlanReview.due(after: lastReviewed)
        body.append("Last reviewed \(lastReviewed.longDescription); next review due by \(due.longDescription)"
                    + (PlanReview.isOverdue(lastReviewed: lastReviewed, today: today) ? " — OVERDUE" : ""))
        body.append("Printed \(printedAt) by \(Sanitise.visible(printedBy)).")
        body.append(String(repeating: "=", count: Paper.width))
        body.append("KEY PERSONNEL")
        for person in plan.people {
            body += Paper.wrapped("  \(person.name): \(person.role)", hang: 4)
            body.append("    " + person.phones.map(\.description).joined(separator: ", ") + (person.email.isEmpty ? "" : "  \(person.email)"))
        }
        for (index, function) in plan.functions.enumerated() {
            body.append(String(repeating: "=", count: Paper.width))
            body += Paper.wrapped("CRITICAL FUNCTION \(index + 1): \(function.name)")
            if !function.systems.isEmpty { body.append("  Systems: \(function.systems.joined(separator: ", "))") }
            for (label, name) in [("Responsible", function.responsible), ("Deputy", function.deputy)] {
                let phones = plan.person(named: name)?.phones.map(\.description).joined(separator: ", ") ?? ""
                body.append("  \(label): \(name)  \(phones)")
            }
            if !function.keyPersonnel.isEmpty { body += Paper.wrapped("  Also mobilise: " + function.keyPersonnel.joined(separator: ", "), hang: 4) }
            body.append("  Impact if interrupted: \(function.impact.rawValue)   Likelihood: \(function.likelihood.rawValue)"
                        + "   Recovery timeframe: \(function.recoveryTimeframe.words)")
            if !function.resources.isEmpty {
                body.append("  Resources required for recovery:")
                for resource in function.resources { body += Paper.wrapped("    \(resource.label.capitalized): \(resource.text)", hang: 6) }
            }
            body += Paper.wrapped("  Recovering and updating data: " + function.dataRecovery, hang: 4)
            body.append("  Runbook (tick each step; note who and when):")
            for (step, text) in function.runbook.enumerated() { body += Paper.wrapped("    [ ] \(step + 1). \(text)", hang: 8) }
            if !function.escalations.isEmpty {
                body.append("  Duration: escalate")
                for escalation in function.escalations {
                    body += Paper.wrapped("    If likely to extend beyond \(escalation.after.words): \(escalation.action)"
                                          + (escalation.contact.isEmpty ? "" : " (contact \(escalation.contact.joined(separator: ", ")))"), hang: 6)
                }
            }
        }
        return Paper.paginate(heading: "CONTINUITY PLAN: \(plan.title)", body: body)
    }
}

/// A recontact list on paper: each patient with their phone and slot, and space to write the outcome.
public enum RecontactSheet {
    public static func paper(_ list: RecontactList, zone: TimeZone, printedAt: String, printedBy: String) -> String {
        var body = ["Reason: \(Sanitise.visible(list.reason)). Made \(Instant.readable(list.createdAt, zone: zone)) by \(Sanitise.visible(list.createdBy)).",
                    "\(list.remaining) of \(list.items.count) patients still to call. Printed \(printedAt) by \(Sanitise.visible(printedBy)).",
                    "CONTAINS PATIENT DETAILS: keep it secure; shred it when the list is done.", Paper.rule,
                    "No. Slot              Patient                         Phone", Paper.rule]
        for (index, item) in list.items.enumerated() {
            let slot = "\(item.originalDay.iso) \(item.originalStart)"
            let name = TextWidth.fit(Sanitise.visible(item.booking.patient.name), to: 30)
            body.append(String(format: "%-3d ", index + 1) + TextWidth.fit(slot, to: 17) + " " + name + "  " + item.booking.patient.phone.description)
            for call in item.calls {
                body += Paper.wrapped("    \(TimeOfDay(call.at, in: zone)) \(call.outcome.label)" + (call.movedTo.map { " to \($0)" } ?? "")
                                      + " (\(Sanitise.visible(call.by)))" + (call.note.isEmpty ? "" : ": \(call.note)"), hang: 6)
            }
            if !item.isSettled { body.append("    [ ] rearranged  [ ] informed  [ ] no answer  [ ] wrong number   new slot: ___________") }
        }
        return Paper.paginate(heading: "RECONTACT: \(list.practiceName), \(list.range)", body: body)
    }
}
