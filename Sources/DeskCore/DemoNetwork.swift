import Foundation

/// The bundled demo network: the shape of seed 000's contact tables with invented people,
/// Ofcom drama-range numbers (01632 960xxx, 07700 900xxx) and example.org addresses,
/// so that nothing sent from a demo can reach a real person.
public enum DemoNetwork {
    /// Imported through the same path as any directory file, so it obeys the same rules.
    public static let directoryCSV = """
    organisation,kind,contact,role,phones,emails,notes
    Referral Systems Hosting,host,,,01632 960001,support@referral-host.example.org,Main support address
    Referral Systems Hosting,host,Priya Castellane,Product Lead,07700 900001,priya.castellane@referral-host.example.org,Copy in
    Referral Systems Hosting,host,Tomasz Whitlock,Innovation Officer,07700 900002,tomasz.whitlock@referral-host.example.org,Copy in
    Referral Systems Hosting,host,Odile Brannigan,Business Officer,07700 900003,odile.brannigan@referral-host.example.org,Copy in
    Coastal Commissioning,commissioner,Marcus Fennimore,Commissioner,"01632 960011; 07700 900011",marcus.fennimore@commissioning.example.org,
    Coastal Commissioning,commissioner,Ines Holloway,Commissioner,"01632 960012; 07700 900012",ines.holloway@commissioning.example.org,
    Shoreline 111,nhs111,,,01632 960020,oncall.manager@shoreline111.example.org,On-call service manager
    Shoreline 111,nhs111,Dana Okonkwo,Operations manager,07700 900021,dana.okonkwo@shoreline111.example.org,
    Shoreline 111,nhs111,Rhys Penhallow,Team lead,07700 900022,rhys.penhallow@shoreline111.example.org,
    Northgate Hospital ED,ed,Amara Quigley,ED coordinator,01632 960031,amara.quigley@northgate-hospital.example.org,
    Seaview Hospital ED,ed,Felix Ashdown,ED coordinator,01632 960032,felix.ashdown@seaview-hospital.example.org,
    Ridgeway Hospital ED,ed,Beatrix Moreau,ED coordinator,01632 960033,beatrix.moreau@ridgeway-hospital.example.org,
    Marsh Lane Dental Surgery,practice,,,01632 960101,marshlane.dental@example.org,
    Marsh Lane Dental Surgery,practice,Gwen Tallis,Practice manager,07700 900101,,
    Kestrel Dental Practice,practice,,,01632 960102,reception@kestreldental.example.org,
    Harbour Smile Clinic,practice,,,01632 960103,clinic.reception@harboursmile.example.org,
    Harbour Smile Studio,practice,,,01632 960104,studio.reception@harboursmile.example.org,
    Oakfield Dental Care,practice,,,"01632 960105, 01632 960106",oakfield.dental@example.org,Two lines: try the second if the first is busy
    St Aldhelm's Dental Care,practice,,,07700 900201,staldhelms@toothcare.example.org,Mobile only
    Heronsgate Dental Care,practice,,,07700 900202,heronsgate@toothcare.example.org,Mobile only
    Vale Dental Care,practice,,,07700 900203,vale@toothcare.example.org,Mobile only
    Copperfield Dental Practice,practice,,,01632 960109,office@copperfielddental.example.org,
    Millbrook Dental Practice,practice,,,01632 960110,millbrook.smiles@example.org,
    Lantern Dental Centre,practice,,,01632 960111,lantern.clinics@example.org,
    The Dental Wellbeing Centre,practice,,,01632 960112,wellbeing.clinics@example.org,
    Thornbury Dental Practice,practice,,,01632 960113,marshlane.dental@example.org,Shares the Marsh Lane mailbox

    """

    /// Every day, 08:30–12:30 and 14:00–17:00 in 30-minute urgent slots: urgent access runs at weekends too.
    public static func templates(for practiceID: UUID) -> [SlotTemplate] {
        (1...7).flatMap { weekday in
            [SlotTemplate(practiceID: practiceID, weekday: weekday, start: TimeOfDay(minutes: 8 * 60 + 30)!,
                          end: TimeOfDay(minutes: 12 * 60 + 30)!, slotMinutes: 30),
             SlotTemplate(practiceID: practiceID, weekday: weekday, start: TimeOfDay(minutes: 14 * 60)!,
                          end: TimeOfDay(minutes: 17 * 60)!, slotMinutes: 30)]
        }
    }

    /// A booking the demo makes for today: slot index, patient, source, minutes before now it was made, seen or not.
    public struct DemoBooking: Sendable {
        public var slotIndex: Int
        public var patientName: String
        public var phone: String
        public var nhsNumber: String?
        public var triage: Triage
        public var source: String
        public var minutesAgo: Int
        public var seen: Bool
        public var status: BookingStatus
    }

    /// For the first practice: a handful of bookings, one overbooked slot to show a conflict.
    public static let bookings: [DemoBooking] = [
        DemoBooking(slotIndex: 0, patientName: "Alys Demo-Rowe", phone: "07700 900501", nhsNumber: "943 476 5919",
                    triage: .urgent, source: "nhs111", minutesAgo: 190, seen: true, status: .completed),
        DemoBooking(slotIndex: 1, patientName: "Bram Demo-Kettering", phone: "01632 960501", nhsNumber: nil,
                    triage: .urgent, source: "phone", minutesAgo: 150, seen: true, status: .arrived),
        DemoBooking(slotIndex: 3, patientName: "Cleo Demo-Farrant", phone: "07700 900502", nhsNumber: nil,
                    triage: .routine, source: "walk-in", minutesAgo: 95, seen: true, status: .booked),
        DemoBooking(slotIndex: 5, patientName: "Dev Demo-Lowther", phone: "07700 900503", nhsNumber: nil,
                    triage: .urgent, source: "ed", minutesAgo: 40, seen: false, status: .booked),
        DemoBooking(slotIndex: 5, patientName: "Esme Demo-Varga", phone: "07700 900504", nhsNumber: nil,
                    triage: .urgent, source: "nhs111", minutesAgo: 12, seen: false, status: .booked),
        DemoBooking(slotIndex: 9, patientName: "Finn Demo-Abara", phone: "01632 960502", nhsNumber: nil,
                    triage: .urgent, source: "central", minutesAgo: 5, seen: false, status: .booked),
    ]
}
