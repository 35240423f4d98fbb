import Foundation
import DeskCore

/// `incident list --format json`: one incident. Keys the README marks with `?` are left out when empty.
struct IncidentJSON: Encodable {
    let number: String, severity: Int, hssi: Bool, hssi_reasons: [String], multiple_sites: Bool
    let clinical_safety: Bool, information_governance: Bool, opened_at: String, reporter: String, open: Bool
    let function: String?, closed_at: String?, closed_by: String?, agreed_by: String?, close_override: String?

    init(_ incident: Incident) {
        number = incident.number; severity = incident.severity; hssi = incident.isHighSeverity
        hssi_reasons = incident.hssiReasons; multiple_sites = incident.impact.multipleSites
        clinical_safety = incident.impact.clinicalSafety; information_governance = incident.impact.informationGovernance
        opened_at = Instant.iso(incident.openedAt); reporter = incident.reporter; open = !incident.isClosed
        function = incident.function; closed_at = incident.closedAt.map(Instant.iso); closed_by = incident.closedBy
        agreed_by = incident.agreedBy; close_override = incident.closeOverride
    }
}

/// `incident show --format json`: the incident's keys, then its outage, closure state, timeline and runbook.
struct IncidentDetailJSON: Encodable {
    struct Entry: Encodable { let at: String, by: String, kind: String, text: String }
    struct Step: Encodable {
        let position: Int, text: String, done: Bool, escalation: Bool, due: Bool
        let after_minutes: Int?, done_at: String?, done_by: String?
    }
    struct Rest: Encodable {
        let system: String?, outage_active: Bool, back_entry_remaining: Int, closure_blockers: [String]
        let timeline: [Entry], runbook: [Step]?
    }
    let incident: IncidentJSON
    let rest: Rest

    init(_ detail: IncidentDetail, now: Date) {
        incident = IncidentJSON(detail.incident)
        let steps = detail.runbook(at: now)?.items.enumerated().map { index, item -> Step in
            var after: Int?
            if case .escalation(let threshold, _) = item.kind { after = threshold.seconds / 60 }
            return Step(position: index + 1, text: item.text, done: item.isDone, escalation: item.isEscalation,
                        due: item.isDue, after_minutes: after, done_at: item.tick.map { Instant.iso($0.at) },
                        done_by: item.tick?.by)
        }
        rest = Rest(system: detail.outage?.system, outage_active: detail.outage?.isActive ?? false,
                    back_entry_remaining: detail.backEntryRemaining, closure_blockers: detail.closureBlockers,
                    timeline: detail.entries.map { Entry(at: Instant.iso($0.at), by: $0.by, kind: $0.kind.rawValue,
                                                         text: $0.text) },
                    runbook: steps)
    }

    /// One flat object, as documented: both parts write into the same keyed container.
    func encode(to encoder: Encoder) throws {
        try incident.encode(to: encoder)
        try rest.encode(to: encoder)
    }
}

/// `incident export --format json`: the minimum data set's fields under stable keys, with what was done and when.
struct MinimumDataSetJSON: Encodable {
    let incident: String, severity: Int, hssi: Bool, hssi_reasons: [String]
    let reporter: String, reporter_contact: [String], organisation: String, system: String?, reason: String?
    let sites_affected: Int, downtime_bookings: Int, back_entry_remaining: Int
    let clinical_safety_impact: Bool, information_governance_impact: Bool
    let started: String, declared: String, restored: String?, closed: String?, agreed_with: String?
    let resolver_hours: String
    let runbook: [String], timeline: [IncidentDetailJSON.Entry]

    init(_ set: MinimumDataSet, now: Date, zone: TimeZone) {
        let detail = set.detail, incident = detail.incident, outage = detail.outage
        self.incident = incident.number; severity = incident.severity; hssi = incident.isHighSeverity
        hssi_reasons = incident.hssiReasons; reporter = incident.reporter; reporter_contact = set.contact
        organisation = set.organisation; system = outage?.system
        reason = outage?.reason.isEmpty == false ? outage?.reason : nil
        sites_affected = set.sitesAffected; downtime_bookings = set.downtimeBookings
        back_entry_remaining = detail.backEntryRemaining
        clinical_safety_impact = incident.impact.clinicalSafety
        information_governance_impact = incident.impact.informationGovernance
        started = Instant.iso(outage?.since ?? incident.openedAt)
        declared = Instant.iso(outage?.declaredAt ?? incident.openedAt)
        restored = outage?.restoredAt.map(Instant.iso); closed = incident.closedAt.map(Instant.iso)
        agreed_with = incident.agreedBy
        resolver_hours = set.supportHours.words(for: incident.severity)
        runbook = detail.runbook(at: now).map { IncidentText.checklist($0, zone: zone) } ?? []
        timeline = detail.entries.map {
            .init(at: Instant.iso($0.at), by: $0.by, kind: $0.kind.rawValue, text: $0.text)
        }
    }
}
