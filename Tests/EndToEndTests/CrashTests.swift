import Foundation
import Testing

/// Bookings from the command line killed with SIGKILL at random points: what was reported saved is saved, once,
/// and the file and its journal stay whole. DESK_CRASH_KILLS sets how many kills (CI runs the default).
@Suite struct CrashTests {
    @Test func bookingsKilledAtRandomPointsLoseNothingTheyReported() throws {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        func book(_ index: Int) -> [String] {
            ["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time", "10:30", "--overbook",
             "--patient", "Crash \(index)", "--phone", "07700900777"]
        }
        // How long one booking takes here, so the kills spread over its whole life: start-up, the write, the exit.
        let started = Date()
        #expect(try sandbox.run(book(0)).status == 0)
        let lifetime = Date().timeIntervalSince(started)

        let kills = Int(ProcessInfo.processInfo.environment["DESK_CRASH_KILLS"] ?? "") ?? 40
        var reported: [String: String] = ["Crash 0": ""]
        var killedMidway = 0
        var generator = SystemRandomNumberGenerator()
        for index in 1...kills {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = book(index)
            process.environment = sandbox.environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...(lifetime * 1.2), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            // Printing the id is the report of success, whether or not the process lived to exit.
            let id = printed.trimmingCharacters(in: .whitespacesAndNewlines)
            if UUID(uuidString: id) != nil { reported["Crash \(index)"] = id }
        }
        #expect(killedMidway > kills / 4, "the kills should land mid-booking often: \(killedMidway) of \(kills)")

        #expect(try sandbox.tool("sqlite3", [sandbox.database, "PRAGMA integrity_check"]).out == "ok\n")
        let verify = try sandbox.run(["journal", "verify"])
        #expect(verify.status == 0, "\(verify.out)\(verify.err)")
        let bookings = try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                        "--format", "json"]).out
        let listed = try JSONSerialization.jsonObject(with: Data(bookings.utf8)) as? [[String: Any]] ?? []
        for index in 0...kills {
            let rows = listed.filter { $0["patient"] as? String == "Crash \(index)" }
            #expect(rows.count <= 1, "Crash \(index) saved \(rows.count) times")
            if let id = reported["Crash \(index)"] {
                #expect(rows.count == 1, "Crash \(index) was reported saved but is missing")
                if !id.isEmpty { #expect(rows.first?["id"] as? String == id) }
            }
        }
        // And the desk books on afterwards as if nothing happened.
        #expect(try sandbox.run(book(kills + 1)).status == 0)
    }
}
