import Foundation
import Testing
import PropertyBased
import DeskCore

/// Every importer of outside data, fed damaged and random files: none crashes, and each refusal is a message fit
/// for a terminal. What is accepted holds no control characters. DESK_FUZZ_COUNT sets the cases per generator.
@Suite struct ImporterFuzzTests {
    static let count = Int(ProcessInfo.processInfo.environment["DESK_FUZZ_COUNT"] ?? "") ?? 300
    static let today = LocalDate(iso: "2026-11-21")!

    static let directory = Array("""
        organisation,kind,contact,role,phones,emails,notes
        Kestrel Dental Practice,practice,,,01632 960101,desk@kestrel.example.org,"Side door, after 6pm"
        Kestrel Dental Practice,practice,Ann Lead,Practice manager,07700 900001;01632 960102,ann@kestrel.example.org,
        Coastal Commissioning,commissioner,Marcus Fennimore,On call,01632 960011,marcus@commissioning.example.org,
        """.utf8)
    static let slots = Array("""
        practice,weekday,start,end,slot_minutes,type,valid_from,valid_to
        Kestrel Dental Practice,mon,08:30,12:30,30,urgent,2026-01-01,
        Kestrel Dental Practice,sat,09:00,11:00,15,routine,2026-01-01,2026-12-31
        """.utf8)
    static let bookingsCSV = Array("""
        practice,date,time,patient,phone,date_of_birth,nhs_number,triage,source,notes,central_reference,status
        Kestrel Dental Practice,2026-11-21,10:30,Ann Example,07700900777,06/05/1984,9434765919,urgent,phone,"Swelling, left",RMS-1,booked
        Kestrel Dental Practice,2026-11-22,09:00,Bob Example,01632960999,,,routine,central,,RMS-2,cancelled
        """.utf8)
    static let fhir = Array("""
        {"resourceType":"Bundle","type":"collection","entry":[
         {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1","name":[{"given":["Gina"],"family":"Central"}],
          "telecom":[{"system":"phone","value":"07700 900321"}],"birthDate":"1984-05-06",
          "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}]}},
         {"resource":{"resourceType":"Appointment","id":"RMS-1","status":"booked","start":"2026-11-21T10:30:00Z",
          "identifier":[{"system":"https://rms.example.org/appointment","value":"RMS-1"}],
          "participant":[{"actor":{"reference":"urn:uuid:p1"},"status":"accepted"},{"actor":{"display":"Kestrel Dental Practice"},"status":"accepted"}]}}]}
        """.utf8)
    static let reply = Array("""
        From: Gwen Example <gwen@example.org>\r
        To: notices@host.example.org\r
        Subject: Re: [DD-361A4C] OUTAGE: Dental RMS\r
        In-Reply-To: <DD-361A4C.1@host.example.org>\r
        Content-Type: text/plain; charset=utf-8\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Received, thanks =E2=80=94 we are on paper.\r
        """.utf8)

    func directoryHolds(_ bytes: [UInt8]) {
        do {
            let result = try DirectoryImport.parse(bytes)
            for entry in result.entries {
                #expect(!Sanitise.containsControl(entry.name), "an accepted name carries a control character")
            }
        } catch {
            #expect(Mutation.isPrintable(error.description), "\(error.description)")
        }
    }

    func slotsHold(_ bytes: [UInt8]) {
        do { _ = try SlotTemplateImport.parse(bytes, resolvePractice: { $0.hasPrefix("Kestrel") ? UUID() : nil }) }
        catch { #expect(Mutation.isPrintable(error.description), "\(error.description)") }
    }

    func bookingsHold(_ bytes: [UInt8]) {
        do {
            let bookings = try BookingImport.parse(bytes, today: Self.today, zone: TimeZone(identifier: "Europe/London")!, resolveED: { _ in nil })
            for booking in bookings {
                #expect(!Sanitise.containsControl(booking.details.patient.name + booking.practiceName + booking.centralReference))
            }
        } catch {
            #expect(Mutation.isPrintable(error.description), "\(error.description)")
        }
    }

    func replyHolds(_ bytes: [UInt8]) {
        do {
            let mail = try InboundMail(parsing: Mutation.text(bytes))
            _ = mail.header("subject")
        } catch {
            #expect(Mutation.isPrintable("\(error)"), "\(error)")
        }
    }

    /// What the fuzzing found: a practice name is looked up later and quoted back when not found, so an escape
    /// sequence in it reached the terminal. It is refused where it is read.
    @Test func aPracticeNameWithAnEscapeSequenceIsRefusedWhereItIsRead() {
        let csv = Array(String(decoding: Self.bookingsCSV, as: UTF8.self).replacingOccurrences(of: "\nKestrel", with: "\n\u{1B}[2JKestrel").utf8)
        #expect(throws: InputError(line: 2, field: "practice", "is not a practice name (a control character, or over 200 characters)")) {
            _ = try BookingImport.parse(csv, today: Self.today, zone: TimeZone(identifier: "Europe/London")!, resolveED: { _ in nil })
        }
    }

    func fuzz(_ seeds: [[UInt8]], _ holds: @escaping ([UInt8]) -> Void) async { await Mutation.fuzz(seeds, count: Self.count, holds) }

    @Test func theDirectoryCSV() async { await fuzz([Self.directory], directoryHolds) }

    @Test func theSlotTemplateCSV() async { await fuzz([Self.slots], slotsHold) }

    @Test func theBookingsCSVAndFHIRBundle() async { await fuzz([Self.bookingsCSV, Self.fhir], bookingsHold) }

    @Test func maildirReplies() async { await fuzz([Self.reply], replyHolds) }

    @Test func noticeTemplates() async {
        await fuzz([Mutation.repositoryFile("Templates/outage-notice.txt")],
                   Mutation.refusedInWords { _ = try NoticeTemplate(parsing: $0, source: "fuzz.txt") })
    }
}
