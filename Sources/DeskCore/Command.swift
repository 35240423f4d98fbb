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

/// A named action of the program with its help text; keymaps name these, and the help overlay lists them.
public struct Command: Hashable, Sendable {
    public let name: String
    public let help: String
    /// The scopes in which binding this command makes sense.
    public let scopes: Set<BindingScope>

    public init(_ name: String, _ help: String, _ scopes: Set<BindingScope>) {
        self.name = name; self.help = help; self.scopes = scopes
    }
}

/// The one table of commands (tig's request table, helix's static_commands).
public enum Commands {
    /// Movement acts on the focused pane, so it may be bound globally or per pane.
    static let anywhere: Set<BindingScope> = Set(PaneID.allCases.map(BindingScope.pane)).union([.global])

    public static let all: [Command] = [
        Command("quit", "Quit (asks first if anything is unsaved)", [.global]),
        Command("help", "Show or hide this list of key bindings", [.global]),
        Command("cancel", "Close the overlay or dialog", [.global]),
        Command("focus-next", "Move focus to the next pane", [.global]),
        Command("focus-prev", "Move focus to the previous pane", [.global]),
        Command("focus-slots", "Focus the slot grid", [.global]),
        Command("focus-incoming", "Focus the incoming bookings", [.global]),
        Command("focus-callsheet", "Focus the call-sheet", [.global]),
        Command("next-practice", "Show the next practice's slot grid", [.global, .pane(.slots)]),
        Command("prev-practice", "Show the previous practice's slot grid", [.global, .pane(.slots)]),
        Command("refresh", "Reload everything from the database", [.global]),
        Command("next-day", "Show the next day's slots", [.global, .pane(.slots)]),
        Command("prev-day", "Show the previous day's slots", [.global, .pane(.slots)]),
        Command("go-today", "Show today's slots", [.global, .pane(.slots)]),
        Command("book", "Book a patient into the selected slot", [.pane(.slots)]),
        Command("move-booking", "Pick up the selected booking to move it; Enter on the new slot puts it there", [.pane(.slots)]),
        Command("go-to-date", "Show the slots of a date you type", [.global, .pane(.slots)]),
        Command("mark-arrived", "Mark the selected booking arrived", [.pane(.slots)]),
        Command("mark-completed", "Mark the selected booking completed", [.pane(.slots)]),
        Command("mark-dna", "Mark the selected booking did not attend", [.pane(.slots)]),
        Command("cancel-booking", "Cancel the selected booking (asks for the reason)", [.pane(.slots)]),
        Command("mark-error", "Mark the selected booking entered in error (asks for the reason)", [.pane(.slots)]),
        Command("toggle-backentry", "Switch the incoming pane between new bookings and the back-entry worklist", [.global, .pane(.incoming)]),
        Command("mark-entered", "Mark the selected downtime booking entered into the central system (asks for its reference)", [.pane(.incoming)]),
        Command("mark-seen", "Mark the selected new booking as seen", [.pane(.incoming)]),
        Command("mark-all-seen", "Mark every new booking as seen", [.pane(.incoming)]),
        Command("declare-outage", "Declare an outage and email every party (service host only; asks first)", [.global]),
        Command("restore-outage", "Declare the system restored and email every party (service host only; asks first)", [.global]),
        Command("acknowledge", "Acknowledge the current notice for this terminal's organisation", [.global]),
        Command("log-call", "Log a call to the selected party: number, outcome, note (commissioner or host)", [.pane(.callsheet)]),
        Command("show-incident", "Show the open incident and its timeline (n note, s severity, c close)", [.global]),
        Command("show-runbook", "Show the runbook checklist; Enter ticks or unticks the selected step (host or commissioner)", [.global]),
        Command("show-handover", "Show the shift hand-over page (print it with downtime-desk print handover)", [.global]),
        Command("incident-note", "Add a note to the open incident's timeline", [.global]),
        Command("toggle-recontact", "Switch the call-sheet between the parties and the practice's recontact list", [.global, .pane(.callsheet)]),
        Command("move-up", "Move the selection up", anywhere),
        Command("move-down", "Move the selection down", anywhere),
        Command("page-up", "Move the selection up a page", anywhere),
        Command("page-down", "Move the selection down a page", anywhere),
        Command("first", "Move to the first row", anywhere),
        Command("last", "Move to the last row", anywhere),
    ]

    public static func named(_ name: String) -> Command? { byName[name] }
    private static let byName: [String: Command] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
