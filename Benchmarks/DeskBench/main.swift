import Foundation
import DeskCore
import DeskStore

/// In-process timings of the store, one line in milliseconds per run.
///
/// `commit`: one booking's durable commit through the desk's own store (the operation's permission check, the booking
/// rules, the journal entry with the operation and its hash chain, WAL with synchronous=FULL), one transaction each,
/// as `floor_sqlite.c` times a bare insert+commit.
/// Each booking goes into the first slot of a different working day, as a receptionist's would: the day already holds
/// its usual bookings, so the rules read a realistic day rather than one slot overbooked hundreds of times.
///
/// `reload`: what a desk reads when another terminal's change shows up (every pane afresh), and `day`: what it reads
/// to switch day when nothing has changed (the grid alone). Both for Kestrel's screen on 2026-11-23.
///
/// `book-as SITE`: COUNT bookings made at SITE (a bound NHS 111 file, for the hub's benchmarks), spread over the
/// practices' Saturday slots, overbooked: load for a push and for the practices' pulls. Prints nothing.
let usage = "usage: desk-bench commit|reload|day DB COUNT, or desk-bench book-as DB COUNT SITE\n"
let arguments = CommandLine.arguments
guard arguments.count >= 4, ["commit", "reload", "day", "book-as"].contains(arguments[1]),
      let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
let store = try DeskStore(path: arguments[2])
if arguments[1] == "book-as", arguments.count == 5 {
    let site = try store.organisation(matching: arguments[4])
    let actor = Actor(user: "bench", terminal: "bench", site: site.name, role: TerminalRole(site.kind))
    let practices = try store.organisations().filter { $0.kind == .practice }
    let day = LocalDate(iso: "2026-11-21")!
    let details = try BookingDraft(patientName: "Bea Bench", phone: "07700900777").validate(today: day,
        resolveED: { _ in nil }).get()
    var slotsOf: [UUID: [Slot]] = [:]
    for practice in practices { slotsOf[practice.id] = try store.slots(practiceID: practice.id, day: day) }
    let open = practices.filter { !(slotsOf[$0.id] ?? []).isEmpty }
    for index in 0..<count {
        let practice = open[index % open.count], slots = slotsOf[practice.id] ?? []
        let start = slots[(index / open.count) % slots.count].start
        try store.apply(OperationRecord(at: Date(), actor: actor, operation: .book(.init(
            practiceID: practice.id, day: day, start: start, details: details, overbook: true))))
    }
    exit(0)
}
let practice = try store.organisation(matching: "Kestrel Dental Practice")
let firstDay = LocalDate(iso: "2026-11-23")!

func timed(_ body: () throws -> Void) rethrows {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    print(String(format: "%.4f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
}

switch arguments[1] {
case "commit":
    let actor = Actor(user: "bench", terminal: "bench", site: practice.name, role: .practice)
    let details = try BookingDraft(patientName: "Ann Example", phone: "07700900777").validate(today: firstDay, resolveED: { _ in nil }).get()
    let now = Date()
    var day = firstDay
    for _ in 0..<count {
        var slots = try store.slots(practiceID: practice.id, day: day)
        while slots.isEmpty {
            day = day.adding(days: 1)
            slots = try store.slots(practiceID: practice.id, day: day)
        }
        try timed {
            let operation = DeskOperation.book(.init(practiceID: practice.id, day: day, start: slots[0].start,
                                                     details: details, overbook: true))
            try store.apply(OperationRecord(at: now, actor: actor, operation: operation))
        }
        day = day.adding(days: 1)
    }
case "reload":
    for _ in 0..<count { try timed { _ = try store.loadView(practiceID: practice.id, day: firstDay) } }
default:
    let shown = try store.loadView(practiceID: practice.id, day: firstDay)
    for index in 0..<count {
        try timed { _ = try store.loadDay(of: shown, practiceID: practice.id, day: firstDay.adding(days: index % 2)) }
    }
}
