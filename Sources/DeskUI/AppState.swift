import Foundation
import DeskCore
import DeskConfig

/// An overlay drawn over the panes, taking the keys while it is open.
public enum Overlay: Equatable, Sendable {
    case help(HelpView)
    case confirmQuit
    /// A form left unsaved last time (crash, killed terminal): offered back before anything else.
    case offerDraft(BookingForm)
    /// Asking why a booking is cancelled or entered in error before the change is made.
    case reason(ReasonPrompt)
    /// The outage chain's short forms: declaring an outage, logging a call.
    case prompt(PromptForm)
    /// A yes/no before something that reaches beyond this desk (it emails every party).
    case confirm(question: String, effect: Effect)
    /// The open incident and its timeline, scrolled.
    case incident(scroll: Int)
    /// The runbook checklist with one item selected to tick.
    case runbook(selected: Int)
    /// The shift hand-over page, scrolled.
    case handover(scroll: Int)
    /// A booking action on a CONFLICT slot: which of its bookings it is for.
    case chooseBooking(BookingChooser)
    /// Something to copy onto paper before going on (a new downtime booking's reference); any key closes it.
    case notice(title: String, lines: [String])
    /// Finding a patient's booking across days.
    case search(SearchPanel)
}

/// The help overlay: how far it is scrolled, and the words it is narrowed to (`/` types them).
public struct HelpView: Equatable, Sendable {
    public var scroll = 0
    public var filter = ""
    /// Keys go into the filter until Enter or Esc.
    public var typing = false

    public init(scroll: Int = 0, filter: String = "", typing: Bool = false) {
        self.scroll = scroll; self.filter = filter; self.typing = typing
    }
}

/// The bookings of a conflict slot, one to choose, and the command waiting for the choice.
public struct BookingChooser: Equatable, Sendable {
    public var command: CommandID
    public var bookings: [Booking]
    public var selected = 0

    public init(command: CommandID, bookings: [Booking]) {
        self.command = command; self.bookings = bookings
    }
}

/// A one-line question about a booking whose change waits for the answer: the reason for a cancellation or an
/// entry in error, or the central system's reference when it has been back-entered.
public struct ReasonPrompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case status(BookingStatus)
        case backEntered
        case goToDate
    }

    public var bookingID: UUID
    public var purpose: Purpose
    public var question: String
    public var label: String
    public var text = ""
    /// The most a reason or reference holds, typed or pasted.
    public static let maxLength = 200

    public init(bookingID: UUID, purpose: Purpose, question: String, label: String = "Reason") {
        self.bookingID = bookingID; self.purpose = purpose; self.question = question; self.label = label
    }
}

/// Everything the screen shows, as a value; `Reducer.reduce` is the only thing that changes it.
public struct AppState: Equatable, Sendable {
    public var view: DeskView
    public var focus: PaneID = .slots
    /// Which pane takes the main column (each role's own, or the settings file's `[layout]`).
    public var arrangement = PaneArrangement(main: .slots)
    /// The focused pane fills the whole body; the banner and status line stay.
    public var zoomed = false
    public var selection: [PaneID: Int] = [:]
    public var overlay: Overlay?
    public var width: Int
    public var height: Int
    public var now: Date
    public var zone: TimeZone
    public var actor: Actor
    public var keymap: Keymap
    public var isDemo: Bool
    /// A booking picked up to move: the next slot chosen with `book` receives it.
    public var moving: Booking?
    /// The incoming pane shows the back-entry worklist instead of new bookings.
    public var showsBackEntry = false
    /// The call-sheet pane shows the practice's recontact list instead of the parties.
    public var showsRecontact = false
    /// The party the call-sheet selects when it is next read: the one after a party just called.
    public var nextPartyToCall: UUID?
    /// The booking whose slot the grid selects when it is next read: one found by the search.
    public var slotToSelect: UUID?
    /// The recontact list entry whose patient is being rearranged: the slot chosen next receives the booking.
    public var rearranging: UUID?
    public var rearrangeNote = ""
    /// The open booking form, drawn over the panes and taking the keys.
    public var form: BookingForm?
    /// Typed but unsaved input makes quitting ask first.
    public var hasUnsavedWork: Bool { form.map { !$0.isEmpty } ?? (formAwaitingSlot != nil) }
    /// A booking form whose slot was taken when it was saved, set aside while the person chooses another slot on the
    /// grid (any day); Enter on a slot brings it back there, Esc at its old slot.
    public var formAwaitingSlot: BookingForm?
    public var message: String?
    /// Set while a long change runs (declaring an outage for a thousand parties): the status line says what it is
    /// doing, so the screen is not simply still.
    public var busy: String?
    /// The booking chosen in a conflict slot's chooser, while its command runs.
    public var chosenBookingID: UUID?
    /// Set while the database cannot be read: what is on screen may be out of date, and the status line says so.
    public var readFailure: ReadFailure?
    /// Set while changes cannot be saved (a full disk, or another program holding the file's lock): the status line
    /// says so in words, and what was typed is kept.
    public var writeTrouble: WriteTrouble?
    /// Where this site stands with the hub; nil when no hub is configured (the desk works alone, and says nothing).
    public var hub: HubState?
    /// The system name the declare form offers (the settings file's `[outage] system`).
    public var defaultSystem = "Dental RMS"
    /// When the resolver group works each severity (the settings file's `[support_hours]`).
    public var supportHours = SupportHours.seed003
    /// `[updates]` in the settings: how often the host owes an update where the plan's function does not say.
    public var updateCadence = UpdateCadence()
    /// How long after an unanswered call the next one comes due (the settings file's call interval).
    public var callInterval: TimeInterval = 15 * 60

    public init(view: DeskView, width: Int, height: Int, now: Date, zone: TimeZone, actor: Actor, keymap: Keymap, isDemo: Bool) {
        self.view = view; self.width = width; self.height = height; self.now = now; self.zone = zone
        self.actor = actor; self.keymap = keymap; self.isDemo = isDemo
    }

    public func selected(_ pane: PaneID) -> Int { selection[pane] ?? 0 }

    /// How many rows each pane has, for clamping and paging.
    public func rowCount(_ pane: PaneID) -> Int {
        switch pane {
        case .slots: return view.capacity?.count ?? view.slots.count
        case .incoming: return showsBackEntry ? view.backEntry.count : view.incoming.count
        case .callsheet: return showsRecontact ? view.recontactRows.count : view.callSheetRows.count
        }
    }
}

/// What happened: a key, a resize, the clock, or fresh data from the store.
public enum Action: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(Date)
    case loaded(DeskView)
    /// The store could not be read (a poll or a reload failed); the view on screen is kept but marked stale.
    case readFailed(String)
    /// A save found the file locked by another program (or the disk full): nothing is lost, it is kept to retry.
    case writeBlocked(WriteTrouble.Kind, String)
    /// Saving works again.
    case writeResumed
    /// A change the reducer asked for came back: what it did, or why it was not made.
    case finished(Effect, Result<Outcome, ChangeFailure>)
    /// A half-filled form left by a crash or a killed terminal, found at start.
    case draftFound(BookingForm)
    /// The draft could not be kept, and why (not because the file is locked: that waits and retries).
    case draftNotKept(String)
    /// The sync worker found the hub in another state.
    case hubChanged(HubState)
    /// The bookings a search found, for the text it was asked with.
    case searchFound([Booking], for: String)
}

/// Why changes cannot be saved just now, and since when.
public struct WriteTrouble: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case readOnly, locked }
    public var kind: Kind
    public var since: Date
    public var reason: String

    public init(kind: Kind, since: Date, reason: String) { self.kind = kind; self.since = since; self.reason = reason }
}

/// Since when the desk has been unable to read the database, and the last reason.
public struct ReadFailure: Equatable, Sendable {
    public var since: Date
    public var reason: String
}

/// Work the reducer asks the outside world to do; the loop performs it and feeds results back as actions.
public enum Effect: Equatable, Sendable {
    case quit
    case reload(practiceID: UUID?, day: LocalDate)
    /// Everything read afresh, whatever the journal says (the refresh key).
    case refresh
    case setStatus(bookingID: UUID, status: BookingStatus, reason: String?)
    case markSeen([UUID])
    case markBackEntered(bookingID: UUID, centralReference: String)
    case move(bookingID: UUID, day: LocalDate, start: TimeOfDay)
    case book(BookingForm, overbook: Bool)
    /// Keep the half-filled form so a crash or a killed terminal does not lose it.
    case saveDraft(BookingForm)
    case clearDraft
    case declareOutage(system: String, since: Date, reason: String, instructions: String)
    case restoreOutage(system: String)
    case sendUpdate(message: String, eta: Date?)
    case acknowledge(organisationID: UUID)
    case logCall(organisationID: UUID, number: PhoneNumber, outcome: CallOutcome, note: String)
    case addIncidentNote(number: String, text: String)
    case changeSeverity(number: String, severity: Int, reason: String)
    case closeIncident(number: String, agreedBy: String, override: String?)
    case tickRunbook(number: String, position: Int, undo: Bool)
    case logRecontactCall(itemID: UUID, outcome: RecontactOutcome, note: String)
    /// Moves the patient's booking to the chosen slot and logs the call as rearranged, in one step.
    case rearrange(itemID: UUID, day: LocalDate, start: TimeOfDay, note: String)
    /// Finds bookings within what this terminal may search; the answer comes back as `searchFound`.
    case search(BookingQuery, BookingSearchScope)

    public var isDraftSave: Bool {
        if case .saveDraft = self { return true }
        return false
    }

    /// Declaring, updating and restoring change what the public status page says.
    public var changesOutageState: Bool {
        switch self {
        case .declareOutage, .restoreOutage, .sendUpdate: return true
        default: return false
        }
    }

    /// What the status line says while this change runs, for the changes that can take a moment.
    public var busyWords: String? {
        switch self {
        case .declareOutage: return "Declaring the outage…"
        case .restoreOutage: return "Declaring the restoration…"
        case .sendUpdate: return "Sending the update…"
        case .refresh: return "Reading everything afresh…"
        default: return nil
        }
    }
}

extension AppState {
    /// Patient details stay with their practice and the site that made the booking: a practice's own terminal
    /// sees its patients, NHS 111 or an ED the bookings it made; everyone else sees that a slot is taken.
    public func showsPatient(_ booking: Booking) -> Bool {
        SiteRules.showsPatient(booking, practiceName: practiceName(of: booking), siteName: actor.site,
                               siteKind: OrganisationKind(actor.role))
    }

    /// The patient's name where it may be shown, else words saying it stays at the practice.
    public func shownPatientName(_ booking: Booking) -> String {
        showsPatient(booking) && !booking.isHeldElsewhere ? booking.patient.name : "not shown"
    }

    func practiceName(of booking: Booking) -> String {
        view.organisationNames[booking.practiceID]
            ?? (view.practice?.id == booking.practiceID ? view.practice?.name : nil) ?? "a practice"
    }
}

extension AppState {
    /// The permission table's answer for this terminal, asked before the desk offers an action, so the desk and the
    /// store refuse in the same words. `owners` are the organisations whose records the action touches.
    public func refusal(_ kind: OperationKind, owners: [Organisation] = []) -> Refusal? {
        Permissions.check(kind, actor: actor, facts: .init(site: siteOrganisation, owners: owners,
                                                           isMachineOwner: true))
    }

    /// This terminal's organisation, as the screen knows it.
    var siteOrganisation: Organisation? {
        guard !actor.site.isEmpty else { return nil }
        let known = view.practices + view.callSheet.map(\.organisation) + (view.round?.parties ?? [])
        return known.first { $0.name == actor.site }
            ?? Organisation(name: actor.site, kind: OrganisationKind(actor.role))
    }
}

