import Foundation
import Testing
@testable import DeskCore

/// Every operation has a JSON form that reads back as the same value, and a row in the permission table.
@Suite struct OperationTests {
    static let at = Instant.parse("2026-11-21T10:05:00Z", zone: TimeZone(identifier: "UTC")!)!
    static let id = UUID(uuidString: "0F0E0D0C-0B0A-4908-8706-050403020100")!
    static let day = LocalDate(iso: "2026-11-21")!, time = TimeOfDay(parsing: "09:30")!
    static let phone = try! PhoneNumber(parsing: "07700 900777")
    static let details = ValidBooking(patient: Patient(name: "Ann Example", phone: phone,
                                                       dateOfBirth: LocalDate(iso: "1980-02-29"),
                                                       nhsNumber: try! NHSNumber(parsing: "943 476 5919")),
                                      triage: .urgent, source: .ed(id), notes: "rang at 9")

    /// One example of each kind. The switch has no default, so a new kind does not compile until it has one here.
    static func example(_ kind: OperationKind) -> DeskOperation {
        switch kind {
        case .book: return .book(.init(bookingID: id, practiceID: id, day: day, start: time, details: details,
                                       overbook: true, paperReference: "DT-KDP-20261121-4"))
        case .changeStatus: return .changeStatus(.init(bookingID: id, status: .cancelled, reason: "patient rang"))
        case .move: return .move(.init(bookingID: id, day: day, start: time, overbook: false))
        case .markSeen: return .markSeen(.init(bookingIDs: [id, UUID()]))
        case .markBackEntered: return .markBackEntered(.init(bookingID: id, centralReference: "RMS-2231"))
        case .setSlot: return .setSlot(.init(practiceID: id, day: day, start: time, minutes: nil,
                                             blockedReason: "clinician off"))
        case .replaceTemplates:
            return .replaceTemplates(.init(practiceIDs: [id], templates: [
                SlotTemplate(practiceID: id, weekday: 7, start: time, end: TimeOfDay(parsing: "11:00")!,
                             slotMinutes: 20)], keepOffTemplate: true))
        case .importDirectory:
            return .importDirectory(.init(entries: [DirectoryEntry(
                name: "Kestrel Dental Practice", kind: .practice, phones: [phone],
                emails: [try! EmailAddress(parsing: "reception@kestreldental.example.org")], notes: "",
                contacts: [DirectoryContact(name: "Gwen", role: "Manager", phones: [], emails: [], notes: "")],
                line: 2)]))
        case .importBookings:
            return .importBookings(.init(bookings: [ImportedBooking(practiceName: "Kestrel Dental Practice", day: day,
                                                                    start: time, details: details, status: .booked,
                                                                    centralReference: "RMS-1", place: "entry 1")]))
        case .declareOutage: return .declareOutage(.init(outageID: id, system: "Dental RMS", since: at,
                                                         reason: "Hosting fault", instructions: "Phone"))
        case .restoreOutage: return .restoreOutage(.init(system: nil, restoredAt: at))
        case .postUpdate: return .postUpdate(.init(updateID: id, system: "Dental RMS",
                                                    message: "Disk replaced\nrestarting", eta: at))
        case .addSubscriber: return .addSubscriber(.init(email: try! EmailAddress(parsing: "icb@example.nhs.uk"),
                                                         name: "ICB on-call", scope: .hssi))
        case .removeSubscriber: return .removeSubscriber(.init(email: try! EmailAddress(parsing: "icb@example.nhs.uk")))
        case .acknowledge: return .acknowledge(.init(organisationID: id, kind: .restoration, via: .phone, by: "Gwen",
                                                     note: "by phone", acknowledgedAt: at))
        case .logCall: return .logCall(.init(organisationID: id, number: phone, outcome: .voicemail, note: "left one",
                                             interval: 900))
        case .recordDelivery: return .recordDelivery(.init(messageID: id, error: "connection refused"))
        case .recordReply:
            return .recordReply(.init(key: "id:<1@example.org>", mail: try! InboundMail(parsing: """
                From: Gwen <reception@kestreldental.example.org>
                Subject: Re: outage [DD-1A2B3C-KDP]

                Received, thanks.
                """)))
        case .addIncidentNote: return .addIncidentNote(.init(number: "INC-2026-0001", text: "Phones down too"))
        case .changeIncidentSeverity: return .changeIncidentSeverity(.init(severity: 2, reason: "wider"))
        case .changeIncidentImpact:
            return .changeIncidentImpact(.init(impact: IncidentImpact(clinicalSafety: true), reason: "missed care"))
        case .closeIncident: return .closeIncident(.init(agreedBy: "Marcus", override: "steps moot"))
        case .tickRunbook: return .tickRunbook(.init(position: 3, undo: true))
        case .installPlan:
            return .installPlan(.init(plan: ContinuityPlan(title: "Plan", organisation: "Referral Systems Hosting",
                                                           lastReviewed: day, people: [], functions: []),
                                      source: "title = \"Plan\""))
        case .reviewPlan: return .reviewPlan(.init(day: day, note: "annual"))
        case .createRecontactList: return .createRecontactList(.init(practiceID: id, from: day, to: day.adding(days: 2),
                                                                     reason: "Flooded surgery"))
        case .logRecontactCall: return .logRecontactCall(.init(itemID: id, outcome: .rearranged, note: "tomorrow",
                                                               moveTo: (day.adding(days: 1), time)))
        case .holdSlots: return .holdSlots(.init(holds: [.init(bookingID: id, practiceID: id, day: day, start: time,
                                                               status: .arrived)]))
        case .restoreBackup: return .restoreBackup(.init(path: "/media/stick/desk-backup.sqlite"))
        case .addSeat: return .addSeat(.init(login: "gwen", organisationID: id))
        case .removeSeat: return .removeSeat(.init(login: "gwen", organisationID: id))
        }
    }

    static let actor = Actor(user: "gwen", terminal: "/dev/pts/4", site: "Kestrel Dental Practice", role: .practice)

    @Test(arguments: OperationKind.allCases)
    func everyOperationRoundTripsThroughItsJSONForm(_ kind: OperationKind) throws {
        let record = OperationRecord(id: Self.id, at: Self.at, actor: Self.actor, operation: Self.example(kind))
        #expect(record.operation.kind == kind)
        let json = try record.json()
        #expect(json.contains("\"op\":\"\(kind.rawValue)\""), "\(json)")
        #expect(json.contains("\"format\":1"))
        #expect(try OperationRecord.decode(json: json) == record)
        #expect(try OperationRecord.decode(json: json).json() == json, "the same operation writes the same bytes")
    }

    @Test func valuesAreWrittenAsPeopleWriteThem() throws {
        let json = try OperationRecord(at: Self.at, actor: Self.actor, operation: Self.example(.book)).json()
        for written in ["\"at\":\"2026-11-21T10:05:00Z\"", "\"day\":\"2026-11-21\"", "\"start\":\"09:30\"",
                        "\"phone\":\"07700900777\"", "\"nhsNumber\":\"9434765919\"", "\"dateOfBirth\":\"1980-02-29\"",
                        "\"source\":\"ed:\(Self.id.uuidString)\""] {
            #expect(json.contains(written), "\(written) in \(json)")
        }
    }

    /// An operation from another site is input: a value that is not what it claims is refused in words.
    @Test func anOperationWithABadValueOrAnUnknownFormatIsRefused() throws {
        let good = try OperationRecord(at: Self.at, actor: Self.actor, operation: Self.example(.move)).json()
        for (bad, words) in [(good.replacingOccurrences(of: "2026-11-21\"", with: "2026-13-45\""), "2026-13-45"),
                             (good.replacingOccurrences(of: "\"09:30\"", with: "\"25:99\""), "25:99"),
                             (good.replacingOccurrences(of: "booking.move", with: "booking.steal"), "booking.steal")] {
            #expect(throws: DecodingError.self, "\(words)") { try OperationRecord.decode(json: bad) }
        }
        let future = good.replacingOccurrences(of: "\"format\":1", with: "\"format\":9")
        #expect(throws: OperationFormatError.unknownFormat(9)) { try OperationRecord.decode(json: future) }
        #expect(OperationFormatError.unknownFormat(9).description.contains("update downtime-desk"))
    }

    /// What is wrong with a record that does not decode is said in words, naming the field, never as a Swift error.
    @Test func anUnreadableRecordIsDescribedByItsField() throws {
        let good = try OperationRecord(at: Self.at, actor: Self.actor, operation: Self.example(.move)).json()
        let cases = [(good.replacingOccurrences(of: "\"operation\"", with: "\"operacion\""), "operation is missing"),
                     (good.replacingOccurrences(of: "\"format\":1", with: "\"format\":\"one\""),
                      "format has the wrong type"),
                     ("not json at all", "it is not JSON"),
                     (good.replacingOccurrences(of: "\"09:30\"", with: "\"25:99\""), "operation.start: ")]
        for (bad, words) in cases {
            do {
                _ = try OperationRecord.decode(json: bad)
                Issue.record("\(words): decoded")
            } catch {
                let said = OperationRecord.unreadable(error)
                #expect(said.hasPrefix(words) && !said.contains("DecodingError"), "\(said)")
            }
        }
    }

    /// Drafts and plans saved before values had a written form still read back, through the same checks.
    @Test func olderSavedFormsOfValuesStillDecode() throws {
        let old = #"{"year":2026,"month":11,"day":21}"#
        #expect(try JSONDecoder().decode(LocalDate.self, from: Data(old.utf8)) == Self.day)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LocalDate.self, from: Data(#"{"year":2026,"month":13,"day":1}"#.utf8))
        }
        #expect(try JSONDecoder().decode(TimeOfDay.self, from: Data(#"{"minutes":570}"#.utf8)) == Self.time)
        #expect(try JSONDecoder().decode(PhoneNumber.self, from: Data(#"{"digits":"07700900777"}"#.utf8)) == Self.phone)
    }
}
