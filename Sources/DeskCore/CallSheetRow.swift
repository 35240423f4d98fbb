import Foundation

/// How to reach one party: every number in the order to try, and the addresses its notice goes to.
public struct PartyReach: Equatable, Sendable {
    public var numbers: [(label: String, number: PhoneNumber)]
    public var emails: [EmailAddress]
    /// Numbers a caller found wrong: flagged until the directory is corrected.
    public var wrongNumbers: Set<PhoneNumber> = []
    /// Set when the party's contacts could not be read just now: only the organisation's own numbers are known.
    public var contactsUnreadable = false

    public init(numbers: [(label: String, number: PhoneNumber)], emails: [EmailAddress]) {
        self.numbers = numbers; self.emails = emails
    }

    /// Organisation numbers first, then each contact's, without repeating a number.
    public init(organisation: Organisation, contacts: [Contact]) {
        var seen = Set<PhoneNumber>()
        var numbers: [(label: String, number: PhoneNumber)] = []
        for phone in organisation.phones where seen.insert(phone).inserted { numbers.append(("main", phone)) }
        for contact in contacts.sorted(by: { $0.position < $1.position }) {
            for phone in contact.phones where seen.insert(phone).inserted { numbers.append((contact.name, phone)) }
        }
        // The addresses are exactly those the party's notice email goes to.
        self.init(numbers: numbers, emails: NoticeComposer.recipients(of: organisation, contacts: contacts))
    }

    public static func == (a: PartyReach, b: PartyReach) -> Bool {
        a.emails == b.emails && a.wrongNumbers == b.wrongNumbers && a.contactsUnreadable == b.contactsUnreadable
            && a.numbers.map(\.label) == b.numbers.map(\.label) && a.numbers.map(\.number) == b.numbers.map(\.number)
    }

    /// Numbers learned on calls (typed into the call form, not in the directory, not since found wrong) go first:
    /// they are the freshest word on how to reach the party.
    public mutating func learn(_ learned: [(number: PhoneNumber, at: Date)], wrong: Set<PhoneNumber>) {
        let known = Set(numbers.map(\.number))
        let fresh = learned.filter { !known.contains($0.number) && !wrong.contains($0.number) }
        numbers = fresh.map { (CallSheetRow.learnedLabel, $0.number) } + numbers
    }
}

/// One party on the call-sheet with every number known for it, in the order to try.
///
/// A row read from the store carries only its organisation until its numbers are asked for: then its book reads
/// them (with every other row the caller named, in one go). The call-sheet draws twenty parties of a thousand, and
/// reading every contact before the first frame was most of a desk's start.
public struct CallSheetRow: Equatable, Sendable {
    public var organisation: Organisation
    /// Calls made to this party in the current round, oldest first.
    public var attempts: [CallAttempt] = []
    /// When the next call is due; nil outside a notice round.
    public var nextCallDue: Date?
    /// Replies to this round from addresses not the party's: a reason to call, not an acknowledgment.
    public var unverifiedReplies: [UnverifiedReply] = []
    /// Where the row's numbers are: held here (built, or changed by its user), or in the book that reads them.
    private enum Reach: Sendable { case held(PartyReach), inBook(PartyReachBook) }
    private var source: Reach

    public init(organisation: Organisation, numbers: [(label: String, number: PhoneNumber)], emails: [EmailAddress]) {
        self.organisation = organisation; source = .held(PartyReach(numbers: numbers, emails: emails))
    }

    /// A row whose numbers `book` reads when they are first asked for.
    public init(organisation: Organisation, book: PartyReachBook) {
        self.organisation = organisation; source = .inBook(book)
    }

    /// Where the row's numbers come from when not held: the store's tests see what a view has read.
    public var reachBook: PartyReachBook? {
        if case .inBook(let book) = source { return book }
        return nil
    }

    public var reach: PartyReach {
        get {
            switch source {
            case .held(let reach): return reach
            case .inBook(let book): return book.reach(of: organisation)
            }
        }
        set { source = .held(newValue) }
    }
    public var numbers: [(label: String, number: PhoneNumber)] {
        get { reach.numbers }
        set { reach.numbers = newValue }
    }
    public var emails: [EmailAddress] {
        get { reach.emails }
        set { reach.emails = newValue }
    }
    /// Numbers a caller found wrong: flagged until the directory is corrected.
    public var wrongNumbers: Set<PhoneNumber> {
        get { reach.wrongNumbers }
        set { reach.wrongNumbers = newValue }
    }

    public static func == (a: CallSheetRow, b: CallSheetRow) -> Bool {
        a.organisation == b.organisation && a.attempts == b.attempts && a.nextCallDue == b.nextCallDue
            && a.unverifiedReplies == b.unverifiedReplies && a.reach == b.reach
    }

    public mutating func learn(_ learned: [(number: PhoneNumber, at: Date)], wrong: Set<PhoneNumber>) {
        reach.learn(learned, wrong: wrong)
    }

    /// How a number learned on a call is labelled on the call-sheet and in the call form.
    public static let learnedLabel = "learned on a call"

    /// Organisation numbers first, then each contact's, without repeating a number.
    public static func build(organisation: Organisation, contacts: [Contact]) -> CallSheetRow {
        var row = CallSheetRow(organisation: organisation, numbers: [], emails: [])
        row.reach = PartyReach(organisation: organisation, contacts: contacts)
        return row
    }

    /// Has the numbers of every row in `rows` not yet known read in one go: a caller about to use many rows (the
    /// rows on screen, a printout of the whole sheet) says so first, instead of a read per row. A printout stops on
    /// the error; the screen shows its rows as they are, each saying what could not be read.
    public static func readReach<Rows: Collection>(of rows: Rows) throws where Rows.Element == CallSheetRow {
        var books: [ObjectIdentifier: (PartyReachBook, [Organisation])] = [:]
        for row in rows {
            guard let book = row.reachBook else { continue }
            books[ObjectIdentifier(book), default: (book, [])].1.append(row.organisation)
        }
        for (book, organisations) in books.values { try book.prepare(organisations) }
    }
}

/// Each party's numbers and addresses for one reading of the desk, read from the store only for the parties asked
/// about, and kept. Wrong-number flags and numbers learned on calls are read with the view (they change without the
/// directory changing) and laid on here.
public final class PartyReachBook: @unchecked Sendable {
    /// Reads the contacts of the organisations with these ids: every id asked for that has contacts is a key.
    public typealias Reader = @Sendable ([UUID]) throws -> [UUID: [Contact]]

    private let read: Reader
    private let wrong: [UUID: Set<PhoneNumber>]
    private let learned: [UUID: [(number: PhoneNumber, at: Date)]]
    private let lock = NSLock()
    private var known: [UUID: PartyReach] = [:]
    /// When a read last failed: the drawing loop asks every frame, and must not wait on a failing file each time.
    private var failedAt: UInt64?
    private static let retryNanoseconds: UInt64 = 2_000_000_000

    public init(wrongNumbers: [UUID: Set<PhoneNumber>] = [:],
                learnedNumbers: [UUID: [(number: PhoneNumber, at: Date)]] = [:], read: @escaping Reader) {
        self.wrong = wrongNumbers; self.learned = learnedNumbers; self.read = read
    }

    /// How many parties' reach has been read so far: the call-sheet's tests hold the desk to reading only what it
    /// shows.
    public var partiesRead: Int { lock.withLock { known.count } }

    public func reach(of organisation: Organisation) -> PartyReach {
        if let kept = lock.withLock({ known[organisation.id] }) { return kept }
        try? prepare([organisation])
        if let kept = lock.withLock({ known[organisation.id] }) { return kept }
        var fallback = PartyReach(organisation: organisation, contacts: [])
        fallback.contactsUnreadable = true
        return laidOn(fallback, for: organisation.id)
    }

    /// Reads, in one go, the reach of those of `organisations` not yet known. A failed read is not tried again for
    /// two seconds (the rows show their organisation's own numbers and say the rest could not be read).
    public func prepare(_ organisations: [Organisation]) throws {
        let now = DispatchTime.now().uptimeNanoseconds
        let (missing, resting): ([Organisation], Bool) = lock.withLock {
            var asked = Set<UUID>()
            let missing = organisations.filter { known[$0.id] == nil && asked.insert($0.id).inserted }
            return (missing, failedAt.map { now &- $0 < Self.retryNanoseconds } ?? false)
        }
        guard !missing.isEmpty else { return }
        if resting { throw ReachUnread() }
        let contacts: [UUID: [Contact]]
        do { contacts = try read(missing.map(\.id)) } catch {
            lock.withLock { failedAt = now }
            throw error
        }
        let built = missing.map { ($0.id, laidOn(PartyReach(organisation: $0, contacts: contacts[$0.id] ?? []),
                                               for: $0.id)) }
        lock.withLock {
            failedAt = nil
            for (id, reach) in built { known[id] = reach }
        }
    }

    /// A read not tried, because the last one failed a moment ago.
    struct ReachUnread: Error, CustomStringConvertible {
        var description: String { "the directory's contacts could not be read a moment ago" }
    }

    private func laidOn(_ reach: PartyReach, for id: UUID) -> PartyReach {
        let flagged = wrong[id] ?? []
        guard !flagged.isEmpty || learned[id] != nil else { return reach }
        var laid = reach
        laid.learn(learned[id] ?? [], wrong: flagged)
        laid.wrongNumbers = flagged.intersection(laid.numbers.map(\.number))
        return laid
    }
}
