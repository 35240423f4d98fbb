/// Which pane takes the large left column, and how wide it is: each role's main work gets the room.
public struct PaneArrangement: Equatable, Sendable {
    /// The pane drawn full height on the left; the other two share the right column.
    public var main: PaneID
    /// The main column's share of the width, in percent.
    public var mainPercent: Int

    public static let percentRange = 40...80
    public static let standardPercent = 55

    public init(main: PaneID, mainPercent: Int = PaneArrangement.standardPercent) {
        self.main = main; self.mainPercent = mainPercent
    }

    /// A practice runs its day from the grid, NHS 111 and EDs from the capacity board; a commissioner's work is
    /// phoning non-responders and the host's is the round's progress, both on the call-sheet.
    public static func standard(for role: TerminalRole) -> PaneArrangement {
        switch role {
        case .practice, .nhs111, .ed: return PaneArrangement(main: .slots)
        case .host, .commissioner: return PaneArrangement(main: .callsheet)
        }
    }

    /// The two panes of the right column, top first, in the panes' usual order.
    public var others: [PaneID] { PaneID.allCases.filter { $0 != main } }
}
