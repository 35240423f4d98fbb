import Foundation
import DeskCore
import DeskStore

/// Times one booking's durable commit through the desk's own store (the booking rules, the journal entry and its
/// hash chain, WAL with synchronous=FULL), one transaction each, as `floor_sqlite.c` times a bare insert+commit.
/// Each booking goes into the first slot of a different working day, as a receptionist's would: the day already holds
/// its usual bookings, so the rules read a realistic day rather than one slot overbooked hundreds of times.
/// Usage: desk-bench commit DB COUNT   (prints one time in milliseconds per line)
let arguments = CommandLine.arguments
guard arguments.count == 4, arguments[1] == "commit", let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: desk-bench commit DB COUNT\n".utf8))
    exit(2)
}
let store = try DeskStore(path: arguments[2])
let practice = try store.organisation(matching: "Kestrel Dental Practice")
let actor = Actor(user: "bench", terminal: "bench", site: practice.name, role: .practice)
let firstDay = LocalDate(iso: "2026-11-23")!
let details = try BookingDraft(patientName: "Ann Example", phone: "07700900777").validate(today: firstDay, resolveED: { _ in nil }).get()
let now = Date()
var day = firstDay
for _ in 0..<count {
    var slots = try store.slots(practiceID: practice.id, day: day)
    while slots.isEmpty {
        day = day.adding(days: 1)
        slots = try store.slots(practiceID: practice.id, day: day)
    }
    let start = DispatchTime.now().uptimeNanoseconds
    try store.book(practice: practice, day: day, start: slots[0].start, details: details, overbook: true, actor: actor, at: now)
    print(String(format: "%.4f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
    day = day.adding(days: 1)
}
