import Foundation
import Testing
import PropertyBased
import DeskCore
import DeskConfig
@testable import DeskUI

/// The call-sheet reads and lays out only the parties it draws; what it draws must be what laying out the whole
/// list drew, and a party whose contacts cannot be read says so instead of looking as if it had no number.
@Suite struct CallSheetReadingTests {
    /// The scroll as it was worked out before, from every party's line count: the reference the windowed one must
    /// agree with. Returns the first party drawn, nil when drawing from the top.
    static func wholeListFirstParty(selected: Int, heights: [Int], personnel: Int, height: Int) -> Int? {
        let isListed = heights.indices.contains(selected)
        let selectedTop = isListed ? personnel + heights.prefix(selected).reduce(0, +) : 0
        let selectedBottom = isListed ? selectedTop + heights[selected] - 1 : 0
        var offset = 0
        if selectedBottom >= height { offset = min(selectedTop, selectedBottom - height + 1) }
        if offset > 0 && offset < selectedTop {
            var top = personnel
            for lines in heights where top < offset { top += lines }
            offset = min(top, selectedTop)
        }
        guard offset > 0 else { return nil }
        var top = personnel
        for (index, lines) in heights.enumerated() {
            if top >= offset { return index }
            top += lines
        }
        return nil
    }

    @Test func theWindowedScrollDrawsFromWhereTheWholeListDid() async {
        // Mostly short parties, some taller than the pane; personnel lines or none; selections on and off the list.
        let heights = Gen.int(in: 0...9).map { $0 < 7 ? 2 + $0 % 3 : 5 + $0 * 3 }.array(of: 0...60)
        await propertyCheck(count: 5_000, input: heights, Gen.int(in: -4...8), Gen.int(in: 1...40),
                            Gen.int(in: -1...61)) { heights, personnelDraw, height, selectedDraw in
            let personnel = max(0, personnelDraw), selected = min(selectedDraw, heights.count + 1)
            var asked = Set<Int>()
            let windowed = CallSheetScroll.firstParty(selected: selected, count: heights.count, personnel: personnel,
                                                      height: height) { asked.insert($0); return heights[$0] }
            let whole = Self.wholeListFirstParty(selected: selected, heights: heights, personnel: personnel,
                                                 height: height)
            #expect(windowed == whole,
                    "heights \(heights) personnel \(personnel) height \(height) selected \(selected)")
            #expect(asked.allSatisfy { $0 <= selected && $0 >= selected - height / 2 },
                    "asked about parties far from the selection: \(asked.sorted())")
        }
    }

    /// A thousand parties, each with contacts: drawing the pane reads the contacts of those it shows and no more.
    @Test func drawingTheCallSheetReadsOnlyThePartiesOnScreen() throws {
        var state = try sampleState()
        let parties = try (0..<1_000).map { i in
            Organisation(name: "Party \(i)", kind: .practice,
                         phones: [try PhoneNumber(parsing: "01632 96\(String(format: "%04d", i))")])
        }
        let asked = LockedList()
        let book = PartyReachBook { ids in
            asked.append(ids)
            return Dictionary(uniqueKeysWithValues: try ids.map { id in
                let i = parties.firstIndex { $0.id == id }!
                return (id, [Contact(organisationID: id, name: "Lead \(i)",
                                     phones: [try PhoneNumber(parsing: "01632 97\(String(format: "%04d", i))")])])
            })
        }
        state.view.callSheet = parties.map { CallSheetRow(organisation: $0, book: book) }
        state.focus = .callsheet
        state.selection[.callsheet] = 700
        var canvas = Canvas(width: 40, height: 12)
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 40, height: 12))
        #expect(text(canvas, Rect(x: 1, y: 1, width: 38, height: 10)) == """
        Party 698                     Practice
          01632 960698  main
          01632 970698  Lead 698
        Party 699                     Practice
          01632 960699  main
          01632 970699  Lead 699
        Party 700                     Practice
          01632 960700  main
          01632 970700  Lead 700
        Party 701                     Practice
        """)
        #expect(asked.count == 1, "the parties near the selection, in one read")
        // Half a pane's worth either side of the selection, at most: 13 for ten lines, not a thousand.
        #expect(book.partiesRead <= 13, "read \(book.partiesRead) parties for a pane of ten lines")
        // The next frame reads nothing again.
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 40, height: 12))
        #expect(asked.count == 1)
    }

    /// The file could not be read when the pane asked: the party's own number shows, and the pane says the rest was
    /// not read, never "no phone number known".
    @Test func aPartyWhoseContactsCannotBeReadSaysSo() throws {
        struct Unreadable: Error {}
        var state = try sampleState()
        let party = Organisation(name: "Marsh Lane Surgery", kind: .practice,
                                 phones: [try PhoneNumber(parsing: "01632 960001")])
        let lost = Organisation(name: "Northgate ED", kind: .ed)
        let book = PartyReachBook { _ in throw Unreadable() }
        state.view.callSheet = [CallSheetRow(organisation: party, book: book),
                                CallSheetRow(organisation: lost, book: book)]
        var canvas = Canvas(width: 60, height: 8)
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 60, height: 8))
        #expect(text(canvas, Rect(x: 1, y: 1, width: 58, height: 5)) == """
        Marsh Lane Surgery                                Practice
          its contacts' numbers could not be read just now
          01632 960001  main
        Northgate ED                                Emergency Dept
          its contacts' numbers could not be read just now
        """)
        #expect(throws: (any Error).self) { try CallSheetRow.readReach(of: state.view.callSheetRows) }
    }
}

final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [[UUID]] = []
    func append(_ ids: [UUID]) { lock.withLock { lists.append(ids) } }
    var count: Int { lock.withLock { lists.count } }
}
