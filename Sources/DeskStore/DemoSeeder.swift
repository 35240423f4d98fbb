import Foundation
import DeskCore

extension DeskStore {
    /// Fills an empty database with the demo network, slot templates for every practice and today's demo bookings.
    public func seedDemo(now: Date, zone: TimeZone, actor: Actor) throws {
        let parsed = try DirectoryImport.parse(Array(DemoNetwork.directoryCSV.utf8))
        try importDirectory(parsed.entries, actor: actor, at: now)
        let organisations = try organisations()
        let practices = organisations.filter { $0.kind == .practice }
        try saveTemplates(practices.flatMap { DemoNetwork.templates(for: $0.id) }, actor: actor, at: now)
        guard let practice = practices.first else { return }
        // The demo is this practice's own database, so a terminal that names no site is its reception.
        try explained {
            try pool.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO own_site (id, organisation_id) VALUES (1, ?)",
                               arguments: [practice.id.uuidText])
                try db.execute(sql: "INSERT OR IGNORE INTO database_marker (name) VALUES ('demo')")
            }
        }
        let today = LocalDate(now, in: zone)
        let slots = try slots(practiceID: practice.id, day: today)
        let firstED = organisations.first { $0.kind == .ed }?.id
        for demo in DemoNetwork.bookings where demo.slotIndex < slots.count {
            let slot = slots[demo.slotIndex]
            let madeAt = now.addingTimeInterval(TimeInterval(-60 * demo.minutesAgo))
            let source = demo.source == "ed" ? BookingSource.ed(firstED) : BookingSource(code: demo.source) ?? .phone
            let booking = Booking(practiceID: practice.id, slotID: slot.id, day: today, start: slot.start,
                                  patient: Patient(name: demo.patientName, phone: try PhoneNumber(parsing: demo.phone),
                                                   nhsNumber: try demo.nhsNumber.map { try NHSNumber(parsing: $0) }),
                                  triage: demo.triage, source: source, status: demo.status,
                                  createdAt: madeAt, createdBy: actor.user, seenAt: demo.seen ? madeAt : nil)
            try insertBooking(booking, actor: actor, at: now)
        }
    }
}

extension DeskStore {
    /// The file holds the demo network (made by `demo`): invented people, never to be synced or mistaken for real.
    public func holdsDemoNetwork() throws -> Bool {
        try explained {
            try pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM database_marker WHERE name = 'demo'") ?? false
            }
        }
    }
}
