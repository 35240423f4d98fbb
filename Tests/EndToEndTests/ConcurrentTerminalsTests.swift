import Foundation
import Testing

/// Eight processes booking, acknowledging and logging calls on one database file at once, with a desk open on it.
/// DESK_STRESS_ROUNDS sets how long (rounds per process; CI runs the default).
@Suite struct ConcurrentTerminalsTests {
    struct Outcome {
        var worker: Int, round: Int, kind: String, key: String, time: String = "", overbook = false
        var status: Int32, out: String, err: String
    }

    @Test func eightProcessesOnOneFileLoseNothingAndDoubleBookNothing() throws {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                 "Referral Systems Hosting"]).status == 0)
        let kestrel = ["--site", "Kestrel Dental Practice", "--practice", "kestrel", "--format", "json"]
        let today = try sandbox.run(["today"] + kestrel).out
        let grid = try JSONSerialization.jsonObject(with: Data(today.utf8)) as? [String: Any]
        let slots = try #require(grid?["slots"] as? [[String: Any]])
        // Free morning slots only: few enough that the eight collide often, all on the desk's screen at once.
        let times = slots.filter { $0["status"] as? String == "free" }.compactMap { $0["time"] as? String }.filter { $0 < "12:30" }
        #expect(times.count >= 4)
        let calls = try JSONSerialization.jsonObject(with: Data(try sandbox.run(["calls", "--format", "json"]).out.utf8)) as? [String: Any]
        let parties = try #require(calls?["parties"] as? [[String: Any]]).compactMap { $0["party"] as? String }
        #expect(parties.count > 8)

        let desk = try TmuxTerminal(environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --site kestrel --user watcher")
        #expect(try desk.waitFor("Call-sheet").0)

        let rounds = Int(ProcessInfo.processInfo.environment["DESK_STRESS_ROUNDS"] ?? "") ?? 5
        let outcomes = Locked<[Outcome]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<rounds {
                let key = "W\(worker) R\(round)"
                let time = times[(worker + round * 3) % times.count]
                let overbook = (worker + round) % 5 == 0
                // Half the parties acknowledge; the other half are called (a call to a party that has acknowledged is refused).
                let half = parties.count / 2
                let acknowledging = parties[(worker * rounds + round) % half], called = parties[half + (worker + round) % (parties.count - half)]
                let steps: [(String, String, [String])] = [
                    ("book", time, ["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                    time, "--patient", key, "--phone", "07700900777"]
                        + (overbook ? ["--overbook"] : [])),
                    ("ack", acknowledging,
                     ["ack", acknowledging, "--via", "phone", "--note", key, "--site", "Coastal Commissioning"]),
                    ("call", called,
                     ["call", called, "--outcome", "no-answer", "--note", key, "--site", "Coastal Commissioning"]),
                ]
                for (kind, target, arguments) in steps {
                    let result = (try? sandbox.run(arguments + ["--user", "worker\(worker)"])) ?? (status: -1, out: "", err: "could not start")
                    outcomes.update { $0.append(Outcome(worker: worker, round: round, kind: kind, key: key, time: kind == "book" ? target : "",
                                                        overbook: overbook, status: result.status, out: result.out, err: result.err)) }
                }
            }
        }
        let all = outcomes.value
        #expect(all.count == 8 * rounds * 3)

        // Every failure is a refusal a person can read, never "database is locked" or a trace.
        for failure in all where failure.status != 0 {
            let expected = "already booked for"
            #expect(failure.err.contains(expected) && failure.err.split(separator: "\n").count == 1, "\(failure.kind) \(failure.key): \(failure.err)")
        }

        // Bookings: each success is there exactly once under the id it printed; each refusal is not there at all.
        let bookings = try sandbox.run(["bookings"] + kestrel).out
        let listed = try JSONSerialization.jsonObject(with: Data(bookings.utf8)) as? [[String: Any]] ?? []
        let books = all.filter { $0.kind == "book" }
        for book in books {
            let rows = listed.filter { $0["patient"] as? String == book.key }
            if book.status == 0 {
                #expect(rows.count == 1 && rows.first?["id"] as? String == book.out.trimmingCharacters(in: .whitespacesAndNewlines), "\(book.key)")
            } else {
                #expect(rows.isEmpty, "a refused booking was saved: \(book.key)")
            }
        }
        // A slot holds two bookings only when one was an overbooking, and then the grid says CONFLICT.
        let gridText = try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel"]).out
        var expectedRows: [String] = []
        for time in times {
            let won = books.filter { $0.time == time && $0.status == 0 }
            #expect(won.filter { !$0.overbook }.count <= 1, "\(time): two plain bookings won one slot")
            if won.count > 1 {
                #expect(gridText.contains("\(time)  CONFLICT"), "\(time)")
                expectedRows.append("│\(time) CONFLICT")
            } else if let only = won.first {
                expectedRows.append("│\(time) booked    \(only.key)")
            }
        }

        // Acknowledgments: one per party however many processes recorded it; calls: each logged exactly once.
        let acks = try sandbox.tool("sqlite3", [sandbox.database, "SELECT organisation_id, count(*) FROM acknowledgment GROUP BY notice_id, organisation_id HAVING count(*) > 1"])
        #expect(acks.out.isEmpty, "a party acknowledged twice: \(acks.out)")
        let callNotes = try sandbox.tool("sqlite3", [sandbox.database, "SELECT note FROM call_attempt"]).out.split(separator: "\n").map(String.init)
        for call in all where call.kind == "call" {
            let count = callNotes.filter { $0 == call.key }.count
            #expect(count == (call.status == 0 ? 1 : 0), "call \(call.key) logged \(count) times")
        }

        #expect(try sandbox.tool("sqlite3", [sandbox.database, "PRAGMA integrity_check"]).out == "ok\n")
        let verify = try sandbox.run(["journal", "verify"])
        #expect(verify.status == 0, "\(verify.out)\(verify.err)")

        // The desk that watched it all shows the same grid as the file.
        let (shown, screen) = try desk.waitFor { screen in expectedRows.allSatisfy { screen.contains($0) } }
        #expect(shown, "\(expectedRows)\n\(screen)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }
}

/// A value shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ change: (inout Value) -> Void) { lock.lock(); change(&stored); lock.unlock() }
}
