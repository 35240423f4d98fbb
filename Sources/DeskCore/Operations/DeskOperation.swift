import Foundation

/// Every change the product makes, as one value: the desk, the command line and (next) other sites build one,
/// `Permissions` decides whether the terminal's site may make it, and the store applies it in one transaction and
/// journals it. It carries what is needed to apply it anywhere (ids, instants, the details typed) and nothing the
/// store works out (downtime references, notice rounds, incident numbers), so applying the journal's operations in
/// order to a second file gives the same records. Its JSON form is documented in docs/operations.md.
public enum DeskOperation: Equatable, Sendable {
    case book(Book)
    case changeStatus(ChangeStatus)
    case move(Move)
    case markSeen(MarkSeen)
    case markBackEntered(MarkBackEntered)
    case setSlot(SetSlot)
    case replaceTemplates(ReplaceTemplates)
    case importDirectory(ImportDirectory)
    case importBookings(ImportBookings)
    case declareOutage(DeclareOutage)
    case restoreOutage(RestoreOutage)
    case postUpdate(PostUpdate)
    case acknowledge(Acknowledge)
    case logCall(LogCall)
    case recordDelivery(RecordDelivery)
    case recordReply(RecordReply)
    case addIncidentNote(AddIncidentNote)
    case changeIncidentSeverity(ChangeIncidentSeverity)
    case changeIncidentImpact(ChangeIncidentImpact)
    case closeIncident(CloseIncident)
    case tickRunbook(TickRunbook)
    case installPlan(InstallPlan)
    case reviewPlan(ReviewPlan)
    case createRecontactList(CreateRecontactList)
    case logRecontactCall(LogRecontactCall)
    case holdSlots(HoldSlots)
    case restoreBackup(RestoreBackup)
    case addSeat(SeatChange)
    case removeSeat(SeatChange)
    case addSubscriber(AddSubscriber)
    case removeSubscriber(RemoveSubscriber)

    /// Its name in the journal and in JSON: a dotted verb.
    public var kind: OperationKind {
        switch self {
        case .book: return .book
        case .changeStatus: return .changeStatus
        case .move: return .move
        case .markSeen: return .markSeen
        case .markBackEntered: return .markBackEntered
        case .setSlot: return .setSlot
        case .replaceTemplates: return .replaceTemplates
        case .importDirectory: return .importDirectory
        case .importBookings: return .importBookings
        case .declareOutage: return .declareOutage
        case .restoreOutage: return .restoreOutage
        case .postUpdate: return .postUpdate
        case .acknowledge: return .acknowledge
        case .logCall: return .logCall
        case .recordDelivery: return .recordDelivery
        case .recordReply: return .recordReply
        case .addIncidentNote: return .addIncidentNote
        case .changeIncidentSeverity: return .changeIncidentSeverity
        case .changeIncidentImpact: return .changeIncidentImpact
        case .closeIncident: return .closeIncident
        case .tickRunbook: return .tickRunbook
        case .installPlan: return .installPlan
        case .reviewPlan: return .reviewPlan
        case .createRecontactList: return .createRecontactList
        case .logRecontactCall: return .logRecontactCall
        case .holdSlots: return .holdSlots
        case .restoreBackup: return .restoreBackup
        case .addSeat: return .addSeat
        case .removeSeat: return .removeSeat
        case .addSubscriber: return .addSubscriber
        case .removeSubscriber: return .removeSubscriber
        }
    }
}

/// The operations by name. `isShared` says whether it is a change to the network's records, which another site
/// applies; a seat or a restore is this machine's own business and stays here, and so is the host's mail (sending
/// notices, reading replies: an acknowledgment a reply gives travels as an acknowledgment).
public enum OperationKind: String, Codable, Sendable, CaseIterable {
    case book = "booking.book"
    case changeStatus = "booking.status"
    case move = "booking.move"
    case markSeen = "booking.seen"
    case markBackEntered = "booking.back-entered"
    case setSlot = "slot.set"
    case replaceTemplates = "slot.templates"
    case importDirectory = "directory.import"
    case importBookings = "booking.import"
    case declareOutage = "outage.declare"
    case restoreOutage = "outage.restore"
    case postUpdate = "outage.update"
    case acknowledge = "notice.acknowledge"
    case logCall = "call.log"
    case recordDelivery = "notice.delivery"
    case recordReply = "notice.reply"
    case addIncidentNote = "incident.note"
    case changeIncidentSeverity = "incident.severity"
    case changeIncidentImpact = "incident.impact"
    case closeIncident = "incident.close"
    case tickRunbook = "runbook.tick"
    case installPlan = "plan.install"
    case reviewPlan = "plan.review"
    case createRecontactList = "recontact.create"
    case logRecontactCall = "recontact.call"
    case holdSlots = "booking.occupancy"
    case restoreBackup = "backup.restore"
    case addSeat = "seat.add"
    case removeSeat = "seat.remove"
    case addSubscriber = "subscriber.add"
    case removeSubscriber = "subscriber.remove"

    /// The communications list stays with the host's file, the one that sends the emails.
    public var isShared: Bool {
        ![.restoreBackup, .addSeat, .removeSeat, .recordDelivery, .recordReply, .addSubscriber, .removeSubscriber]
            .contains(self)
    }
}

extension DeskOperation {
    public struct Book: Equatable, Codable, Sendable {
        public var bookingID: UUID
        public var practiceID: UUID
        public var day: LocalDate
        public var start: TimeOfDay
        public var patient: Patient
        public var triage: Triage
        public var source: BookingSource
        public var notes: String
        /// Booked into an occupied slot on purpose: both bookings stay and the slot shows as a conflict.
        public var overbook: Bool
        /// A reference from the printed day sheet, for a booking first made on paper.
        public var paperReference: String?

        public init(bookingID: UUID = UUID(), practiceID: UUID, day: LocalDate, start: TimeOfDay, details: ValidBooking,
                    overbook: Bool, paperReference: String? = nil) {
            self.bookingID = bookingID; self.practiceID = practiceID; self.day = day; self.start = start
            patient = details.patient; triage = details.triage; source = details.source; notes = details.notes
            self.overbook = overbook; self.paperReference = paperReference
        }

        public var details: ValidBooking { ValidBooking(patient: patient, triage: triage, source: source,
                                                        notes: notes) }
    }

    public struct ChangeStatus: Equatable, Codable, Sendable {
        public var bookingID: UUID
        public var status: BookingStatus
        public var reason: String?
        public init(bookingID: UUID, status: BookingStatus, reason: String?) {
            self.bookingID = bookingID; self.status = status; self.reason = reason
        }
    }

    public struct Move: Equatable, Codable, Sendable {
        public var bookingID: UUID
        public var day: LocalDate
        public var start: TimeOfDay
        public var overbook: Bool
        public init(bookingID: UUID, day: LocalDate, start: TimeOfDay, overbook: Bool) {
            self.bookingID = bookingID; self.day = day; self.start = start; self.overbook = overbook
        }
    }

    public struct MarkSeen: Equatable, Codable, Sendable {
        public var bookingIDs: [UUID]
        public init(bookingIDs: [UUID]) { self.bookingIDs = bookingIDs }
    }

    public struct MarkBackEntered: Equatable, Codable, Sendable {
        public var bookingID: UUID
        public var centralReference: String
        public init(bookingID: UUID, centralReference: String) {
            self.bookingID = bookingID; self.centralReference = centralReference
        }
    }

    /// An extra slot for one day (`minutes`), a block (`blockedReason`), or neither: unblock.
    public struct SetSlot: Equatable, Codable, Sendable {
        public var practiceID: UUID
        public var day: LocalDate
        public var start: TimeOfDay
        public var minutes: Int?
        public var blockedReason: String?
        public init(practiceID: UUID, day: LocalDate, start: TimeOfDay, minutes: Int?, blockedReason: String?) {
            self.practiceID = practiceID; self.day = day; self.start = start
            self.minutes = minutes; self.blockedReason = blockedReason
        }
    }

    public struct ReplaceTemplates: Equatable, Codable, Sendable {
        public var practiceIDs: [UUID]
        public var templates: [SlotTemplate]
        public var keepOffTemplate: Bool
        public init(practiceIDs: [UUID], templates: [SlotTemplate], keepOffTemplate: Bool) {
            self.practiceIDs = practiceIDs; self.templates = templates; self.keepOffTemplate = keepOffTemplate
        }
    }

    public struct ImportDirectory: Equatable, Codable, Sendable {
        public var entries: [DirectoryEntry]
        public init(entries: [DirectoryEntry]) { self.entries = entries }
    }

    public struct ImportBookings: Equatable, Codable, Sendable {
        public var bookings: [ImportedBooking]
        public init(bookings: [ImportedBooking]) { self.bookings = bookings }
    }

    public struct DeclareOutage: Equatable, Codable, Sendable {
        public var outageID: UUID
        public var system: String
        public var since: Date
        public var reason: String
        public var instructions: String
        public init(outageID: UUID = UUID(), system: String, since: Date, reason: String, instructions: String) {
            self.outageID = outageID; self.system = system; self.since = since
            self.reason = reason; self.instructions = instructions
        }
    }

    /// Of `system`, or of the only outage active.
    public struct RestoreOutage: Equatable, Codable, Sendable {
        public var system: String?
        public var restoredAt: Date
        public init(system: String?, restoredAt: Date) { self.system = system; self.restoredAt = restoredAt }
    }

    /// An update on the active outage (of `system`, or the only one active) to every party and subscriber.
    public struct PostUpdate: Equatable, Codable, Sendable {
        public var updateID: UUID
        public var system: String?
        public var message: String
        public var eta: Date?
        public init(updateID: UUID = UUID(), system: String? = nil, message: String, eta: Date?) {
            self.updateID = updateID; self.system = system; self.message = message; self.eta = eta
        }
    }

    /// Adds someone to the communications list, or changes the name and scope of one already on it.
    public struct AddSubscriber: Equatable, Codable, Sendable {
        public var email: EmailAddress
        public var name: String
        public var scope: SubscriberScope
        public init(email: EmailAddress, name: String, scope: SubscriberScope) {
            self.email = email; self.name = name; self.scope = scope
        }
    }

    public struct RemoveSubscriber: Equatable, Codable, Sendable {
        public var email: EmailAddress
        public init(email: EmailAddress) { self.email = email }
    }

    /// Of the current round's notice, or of `kind`'s.
    public struct Acknowledge: Equatable, Codable, Sendable {
        public var organisationID: UUID
        public var kind: NoticeKind?
        public var via: AckChannel
        public var by: String
        public var note: String
        public var acknowledgedAt: Date?
        public init(organisationID: UUID, kind: NoticeKind? = nil, via: AckChannel, by: String, note: String = "",
                    acknowledgedAt: Date? = nil) {
            self.organisationID = organisationID; self.kind = kind; self.via = via; self.by = by; self.note = note
            self.acknowledgedAt = acknowledgedAt
        }
    }

    public struct LogCall: Equatable, Codable, Sendable {
        public var organisationID: UUID
        public var number: PhoneNumber
        public var outcome: CallOutcome
        public var note: String
        /// Seconds until the next call to a party still silent comes due.
        public var interval: TimeInterval
        public init(organisationID: UUID, number: PhoneNumber, outcome: CallOutcome, note: String,
                    interval: TimeInterval) {
            self.organisationID = organisationID; self.number = number; self.outcome = outcome
            self.note = note; self.interval = interval
        }
    }

    /// A notice email handed to the mail command (`error` nil) or refused by it.
    public struct RecordDelivery: Equatable, Codable, Sendable {
        public var messageID: UUID
        public var error: String?
        public init(messageID: UUID, error: String?) { self.messageID = messageID; self.error = error }
    }

    /// A received message read for an acknowledgment: the message itself, or why it could not be read.
    public struct RecordReply: Equatable, Codable, Sendable {
        /// Its Message-ID, else its file name: the same message is never read twice.
        public var key: String
        public var mail: InboundMail?
        public var unreadable: String?
        public init(key: String, mail: InboundMail) { self.key = key; self.mail = mail; unreadable = nil }
        public init(key: String, unreadable: String) { self.key = key; mail = nil; self.unreadable = unreadable }
    }

    /// `number` names the incident; nil is the open one.
    public struct AddIncidentNote: Equatable, Codable, Sendable {
        public var number: String?
        public var text: String
        public init(number: String? = nil, text: String) { self.number = number; self.text = text }
    }

    public struct ChangeIncidentSeverity: Equatable, Codable, Sendable {
        public var number: String?
        public var severity: Int
        public var reason: String
        public init(number: String? = nil, severity: Int, reason: String) {
            self.number = number; self.severity = severity; self.reason = reason
        }
    }

    public struct ChangeIncidentImpact: Equatable, Codable, Sendable {
        public var number: String?
        public var impact: IncidentImpact
        public var reason: String
        public init(number: String? = nil, impact: IncidentImpact, reason: String) {
            self.number = number; self.impact = impact; self.reason = reason
        }
    }

    public struct CloseIncident: Equatable, Codable, Sendable {
        public var number: String?
        public var agreedBy: String
        /// Why it closes with runbook steps undone.
        public var override: String?
        public init(number: String? = nil, agreedBy: String, override: String?) {
            self.number = number; self.agreedBy = agreedBy; self.override = override
        }
    }

    public struct TickRunbook: Equatable, Codable, Sendable {
        public var number: String?
        public var position: Int
        public var undo: Bool
        public init(number: String? = nil, position: Int, undo: Bool) {
            self.number = number; self.position = position; self.undo = undo
        }
    }

    public struct InstallPlan: Equatable, Codable, Sendable {
        public var plan: ContinuityPlan
        /// The plan file's text, kept so it can be shown and printed as it was written.
        public var source: String
        public init(plan: ContinuityPlan, source: String) { self.plan = plan; self.source = source }
    }

    public struct ReviewPlan: Equatable, Codable, Sendable {
        public var day: LocalDate
        public var note: String
        public init(day: LocalDate, note: String) { self.day = day; self.note = note }
    }

    public struct CreateRecontactList: Equatable, Codable, Sendable {
        public var practiceID: UUID
        public var from: LocalDate
        public var to: LocalDate
        public var reason: String
        public init(practiceID: UUID, from: LocalDate, to: LocalDate, reason: String) {
            self.practiceID = practiceID; self.from = from; self.to = to; self.reason = reason
        }
    }

    public struct LogRecontactCall: Equatable, Codable, Sendable {
        public var itemID: UUID
        public var outcome: RecontactOutcome
        public var note: String
        /// Where a rearranged patient's booking moves.
        public var moveToDay: LocalDate?
        public var moveToStart: TimeOfDay?
        public init(itemID: UUID, outcome: RecontactOutcome, note: String,
                    moveTo: (day: LocalDate, start: TimeOfDay)? = nil) {
            self.itemID = itemID; self.outcome = outcome; self.note = note
            moveToDay = moveTo?.day; moveToStart = moveTo?.start
        }

        public var moveTo: (day: LocalDate, start: TimeOfDay)? {
            guard let moveToDay, let moveToStart else { return nil }
            return (moveToDay, moveToStart)
        }
    }

    /// Which slots bookings hold, without the patients: sent beside each change to bookings, so a site that may not
    /// read a practice's bookings (the host, a commissioner, another practice, NHS 111) still counts its free slots.
    public struct HoldSlots: Equatable, Codable, Sendable {
        public struct Hold: Equatable, Codable, Sendable {
            public var bookingID: UUID
            public var practiceID: UUID
            public var day: LocalDate
            public var start: TimeOfDay
            public var status: BookingStatus
            public init(bookingID: UUID, practiceID: UUID, day: LocalDate, start: TimeOfDay, status: BookingStatus) {
                self.bookingID = bookingID; self.practiceID = practiceID; self.day = day; self.start = start
                self.status = status
            }
        }
        public var holds: [Hold]
        public init(holds: [Hold]) { self.holds = holds }
    }

    public struct RestoreBackup: Equatable, Codable, Sendable {
        public var path: String
        public init(path: String) { self.path = path }
    }

    public struct SeatChange: Equatable, Codable, Sendable {
        public var login: String
        public var organisationID: UUID
        public init(login: String, organisationID: UUID) { self.login = login; self.organisationID = organisationID }
    }
}
