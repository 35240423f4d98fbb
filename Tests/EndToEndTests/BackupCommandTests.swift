import Foundation
import Testing

/// Backup and restore with the real binary, while a desk has the database open in a real terminal.
@Suite(.serialized) struct BackupCommandTests {
    func book(_ sandbox: Sandbox, _ time: String, _ patient: String) throws -> Int32 {
        try sandbox.run(["book", "--db", sandbox.database, "--site", "Copperfield Dental Practice", "--practice",
                         "Copperfield", "--time", time, "--patient", patient,
                         "--phone", "07700 900123"]).status
    }

    @Test func aBackupTakenWhileADeskIsOpenRestoresAndTheDeskShowsIt() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)'")
        #expect(try terminal.waitFor("Call-sheet").0)
        #expect(try book(sandbox, "09:30", "Gil Kept-Before") == 0)

        let backup = sandbox.folder + "/backup.sqlite"
        let made = try sandbox.run(["backup", "--db", sandbox.database, backup])
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out.contains("journal intact") && made.out.contains("holds patient details"))
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        #expect(try book(sandbox, "10:30", "Hal Made-After") == 0)
        #expect(try terminal.waitFor("Hal Made-After").0)
        let restored = try sandbox.run(["restore", "--db", sandbox.database, backup, "--force"])
        #expect(restored.status == 0, "\(restored.err)")
        #expect(restored.out.contains("journal intact"))
        // The open desk reads the restored contents at its next poll.
        #expect(try terminal.waitFor { !$0.contains("Hal Made-After") && $0.contains("Gil Kept-Before") }.0)
        let bookings = try sandbox.run(["bookings", "--db", sandbox.database, "--site", "Copperfield Dental Practice",
                                        "--practice", "Copperfield"]).out
        #expect(bookings.contains("Gil Kept-Before") && !bookings.contains("Hal Made-After"))
        #expect(try sandbox.run(["journal", "verify", "--db", sandbox.database]).status == 0)
        #expect(try sandbox.run(["journal", "show", "--db", sandbox.database, "--limit", "1"]).out.contains("database.restore"))
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func badBackupAndRestoreInputChangesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        #expect(try book(sandbox, "09:30", "Ivy Stays-Put") == 0)
        let existing = sandbox.write("existing.sqlite", Array("keep me".utf8))
        let cases: [(arguments: [String], error: String)] = [
            (["backup", existing], "already exists; choose another name or give --force"),
            (["backup", sandbox.folder + "/no/such/folder/b.sqlite"], "does not exist"),
            (["restore", existing], "add --force to go ahead"),
            (["restore", existing, "--force"], "cannot open \(existing) as a Downtime Desk database"),
            (["restore", sandbox.folder + "/missing.sqlite", "--force"], "no backup file"),
        ]
        for bad in cases {
            let result = try sandbox.run(bad.arguments + ["--db", sandbox.database])
            #expect(result.status != 0, "\(bad.arguments)")
            #expect(result.err.contains(bad.error), "\(bad.arguments): \(result.err)")
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
        #expect(try sandbox.run(["bookings", "--db", sandbox.database, "--site", "Copperfield Dental Practice",
                                 "--practice", "Copperfield"]).out.contains("Ivy Stays-Put"))
        #expect(try sandbox.run(["journal", "verify", "--db", sandbox.database]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder).filter { $0.contains(".partial-") }
        #expect(leftovers.isEmpty, "no half-written backup is left behind")
    }
}
