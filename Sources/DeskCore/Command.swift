/// The panes of the main screen; commands and key bindings are scoped to them.
public enum PaneID: String, CaseIterable, Codable, Sendable {
    case slots, incoming, callsheet

    public var title: String {
        switch self {
        case .slots: return "Slot grid"
        case .incoming: return "Incoming bookings"
        case .callsheet: return "Call-sheet"
        }
    }
}

/// The views over the panes that have keys of their own.
public enum OverlayID: String, CaseIterable, Sendable {
    case incident, runbook, confirm, draft

    public var title: String {
        switch self {
        case .incident: return "In the incident view"
        case .runbook: return "In the runbook"
        case .confirm: return "When a question asks y/n"
        case .draft: return "When an unsaved booking is offered back"
        }
    }
}

/// Where a key binding applies: everywhere, in one pane, or in one overlay.
public enum BindingScope: Hashable, Sendable, CustomStringConvertible {
    case global
    case pane(PaneID)
    case overlay(OverlayID)

    /// Every scope, in the order the help overlay lists them.
    public static let all: [BindingScope] = [.global] + PaneID.allCases.map(BindingScope.pane)
        + OverlayID.allCases.map(BindingScope.overlay)

    public init?(name: String) {
        guard let scope = BindingScope.all.first(where: { $0.description == name }) else { return nil }
        self = scope
    }
    public var description: String {
        switch self {
        case .global: return "global"
        case .pane(let pane): return pane.rawValue
        case .overlay(let overlay): return overlay.rawValue
        }
    }
}

/// Every command's name, as keymaps write it. The reducer switches over these with no default case, so a command
/// added here without a handler does not compile (tig's request table, helix's `static_commands!`).
public enum CommandID: String, CaseIterable, Sendable {
    case quit = "quit"
    case help = "help"
    case cancel = "cancel"
    case focusNext = "focus-next"
    case focusPrev = "focus-prev"
    case focusSlots = "focus-slots"
    case focusIncoming = "focus-incoming"
    case focusCallsheet = "focus-callsheet"
    case nextPractice = "next-practice"
    case prevPractice = "prev-practice"
    case refresh = "refresh"
    case nextDay = "next-day"
    case prevDay = "prev-day"
    case goToday = "go-today"
    case book = "book"
    case moveBooking = "move-booking"
    case goToDate = "go-to-date"
    case markArrived = "mark-arrived"
    case markCompleted = "mark-completed"
    case markDna = "mark-dna"
    case cancelBooking = "cancel-booking"
    case markError = "mark-error"
    case toggleBackentry = "toggle-backentry"
    case markEntered = "mark-entered"
    case markSeen = "mark-seen"
    case markAllSeen = "mark-all-seen"
    case declareOutage = "declare-outage"
    case restoreOutage = "restore-outage"
    case sendUpdate = "send-update"
    case acknowledge = "acknowledge"
    case logCall = "log-call"
    case showIncident = "show-incident"
    case showRunbook = "show-runbook"
    case showHandover = "show-handover"
    case incidentNote = "incident-note"
    case incidentSeverity = "incident-severity"
    case closeIncident = "close-incident"
    case tickStep = "tick-step"
    case yes = "yes"
    case restoreDraft = "restore-draft"
    case discardDraft = "discard-draft"
    case toggleRecontact = "toggle-recontact"
    case moveUp = "move-up"
    case moveDown = "move-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case first = "first"
    case last = "last"
    case zoom = "zoom"
    case search = "search"
}

/// A named action of the program with its help text; keymaps name these, and the help overlay lists them.
public struct Command: Hashable, Sendable {
    public let id: CommandID
    public var name: String { id.rawValue }
    public let help: String
    /// The scopes in which binding this command makes sense.
    public let scopes: Set<BindingScope>

    public init(_ id: CommandID, _ help: String, _ scopes: Set<BindingScope>) {
        self.id = id; self.help = help; self.scopes = scopes
    }
}

/// The one table of commands (tig's request table, helix's static_commands): names, help and scopes, which the
/// keymaps, the help overlay and the README's key table read. Each command's handler is in its room, beside the
/// pane or overlay it acts on (`Sources/DeskUI/Rooms/`); `Reducer.run` is the one switch that says where.
public enum Commands {
    /// Movement acts on the focused pane or the open overlay, so it may be bound in any scope.
    static let anywhere: Set<BindingScope> = Set(BindingScope.all)

    public static let all: [Command] = [
        Command(.quit, "Quit (asks first if anything is unsaved)", [.global]),
        Command(.help, "Show or hide this list of key bindings", [.global]),
        Command(.cancel, "Close the overlay or dialog", [.global]),
        Command(.focusNext, "Move focus to the next pane", [.global]),
        Command(.focusPrev, "Move focus to the previous pane", [.global]),
        Command(.focusSlots, "Focus the slot grid", [.global]),
        Command(.focusIncoming, "Focus the incoming bookings", [.global]),
        Command(.focusCallsheet, "Focus the call-sheet", [.global]),
        Command(.nextPractice, "Show the next practice's slot grid", [.global, .pane(.slots)]),
        Command(.prevPractice, "Show the previous practice's slot grid", [.global, .pane(.slots)]),
        Command(.refresh, "Reload everything from the database", [.global]),
        Command(.zoom, "Make the focused pane fill the screen, or put the panes back", [.global]),
        Command(.search, "Find a patient's booking on any day: name, phone, NHS number or reference", [.global]),
        Command(.nextDay, "Show the next day's slots", [.global, .pane(.slots)]),
        Command(.prevDay, "Show the previous day's slots", [.global, .pane(.slots)]),
        Command(.goToday, "Show today's slots", [.global, .pane(.slots)]),
        Command(.book, "Book a patient into the selected slot", [.pane(.slots)]),
        Command(.moveBooking, "Pick up the selected booking to move it; Enter on the new slot puts it there",
                [.pane(.slots)]),
        Command(.goToDate, "Show the slots of a date you type", [.global, .pane(.slots)]),
        Command(.markArrived, "Mark the selected booking arrived", [.pane(.slots)]),
        Command(.markCompleted, "Mark the selected booking completed", [.pane(.slots)]),
        Command(.markDna, "Mark the selected booking did not attend", [.pane(.slots)]),
        Command(.cancelBooking, "Cancel the selected booking (asks for the reason)", [.pane(.slots)]),
        Command(.markError, "Mark the selected booking entered in error (asks for the reason)", [.pane(.slots)]),
        Command(.toggleBackentry, "Switch the incoming pane between new bookings and the back-entry worklist",
                [.global, .pane(.incoming)]),
        Command(.markEntered, "Mark the selected downtime booking entered into the central system (asks for its reference)", [.pane(.incoming)]),
        Command(.markSeen, "Mark the selected new booking as seen", [.pane(.incoming)]),
        Command(.markAllSeen, "Mark every new booking as seen", [.pane(.incoming)]),
        Command(.declareOutage, "Declare an outage and email every party (service host only; asks first)", [.global]),
        Command(.restoreOutage, "Declare the system restored and email every party (service host only; asks first)",
                [.global]),
        Command(.sendUpdate, "Send an update on the outage to every party and subscriber (service host only)",
                [.global]),
        Command(.acknowledge, "Acknowledge the current notice for this terminal's organisation", [.global]),
        Command(.logCall, "Log a call to the selected party: number, outcome, note (commissioner or host)",
                [.pane(.callsheet)]),
        Command(.showIncident, "Show or hide the open incident and its timeline", [.global, .overlay(.incident)]),
        Command(.showRunbook, "Show or hide the runbook checklist of the open incident", [.global, .overlay(.runbook)]),
        Command(.showHandover, "Show the shift hand-over page (print it with downtime-desk print handover)", [.global]),
        Command(.incidentNote, "Add a note to the open incident's timeline", [.global, .overlay(.incident)]),
        Command(.incidentSeverity, "Change the open incident's severity (asks for the reason)", [.overlay(.incident)]),
        Command(.closeIncident, "Close the open incident (asks who agreed it)", [.overlay(.incident)]),
        Command(.tickStep, "Tick or untick the selected runbook step (host or commissioner)", [.overlay(.runbook)]),
        Command(.yes, "Go ahead with what the question asks; any other key changes nothing", [.overlay(.confirm)]),
        Command(.restoreDraft, "Restore the booking that was not saved, to finish it", [.overlay(.draft)]),
        Command(.discardDraft, "Throw away the booking that was not saved", [.overlay(.draft)]),
        Command(.toggleRecontact, "Switch the call-sheet between the parties and the practice's recontact list",
                [.global, .pane(.callsheet)]),
        Command(.moveUp, "Move the selection up", anywhere),
        Command(.moveDown, "Move the selection down", anywhere),
        Command(.pageUp, "Move the selection up a page", anywhere),
        Command(.pageDown, "Move the selection down a page", anywhere),
        Command(.first, "Move to the first row", anywhere),
        Command(.last, "Move to the last row", anywhere),
    ]

    public static func named(_ name: String) -> Command? { byName[name] }
    private static let byName: [String: Command] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
