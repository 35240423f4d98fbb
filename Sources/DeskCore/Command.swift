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

/// Where a key binding applies: everywhere, or in one pane.
public enum BindingScope: Hashable, Sendable, CustomStringConvertible {
    case global
    case pane(PaneID)

    public init?(name: String) {
        if name == "global" { self = .global } else if let pane = PaneID(rawValue: name) { self = .pane(pane) } else { return nil }
    }
    public var description: String {
        switch self { case .global: return "global"; case .pane(let p): return p.rawValue }
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
    case acknowledge = "acknowledge"
    case logCall = "log-call"
    case showIncident = "show-incident"
    case showRunbook = "show-runbook"
    case showHandover = "show-handover"
    case incidentNote = "incident-note"
    case toggleRecontact = "toggle-recontact"
    case moveUp = "move-up"
    case moveDown = "move-down"
    case pageUp = "page-up"
    case pageDown = "page-down"
    case first = "first"
    case last = "last"
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

/// The one table of commands (tig's request table, helix's static_commands).
public enum Commands {
    /// Movement acts on the focused pane, so it may be bound globally or per pane.
    static let anywhere: Set<BindingScope> = Set(PaneID.allCases.map(BindingScope.pane)).union([.global])

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
        Command(.acknowledge, "Acknowledge the current notice for this terminal's organisation", [.global]),
        Command(.logCall, "Log a call to the selected party: number, outcome, note (commissioner or host)",
                [.pane(.callsheet)]),
        Command(.showIncident, "Show the open incident and its timeline (n note, s severity, c close)", [.global]),
        Command(.showRunbook, "Show the runbook checklist; Enter ticks or unticks the selected step (host or commissioner)", [.global]),
        Command(.showHandover, "Show the shift hand-over page (print it with downtime-desk print handover)", [.global]),
        Command(.incidentNote, "Add a note to the open incident's timeline", [.global]),
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
