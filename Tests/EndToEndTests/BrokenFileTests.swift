import Foundation
import Testing

/// Broken files through the real binary: each gets one clear line and a non-zero exit, and the file is left as it was.
@Suite struct BrokenFileTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        // Everything into the main file, so what a test does to it is all there is.
        #expect(try sandbox.tool("sqlite3", [sandbox.database, "PRAGMA wal_checkpoint(TRUNCATE)"]).status == 0)
        return sandbox
    }

    /// The file's bytes, compared with `==` as a Bool: a failing #expect on two Data values prints every byte.
    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    static let book = ["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time", "10:30",
                       "--patient", "Ann Example", "--phone", "07700900777"]

    @Test func aDatabaseDamagedInTheMiddleIsNamedWithTheWayBack() throws {
        let sandbox = try demo()
        let handle = try #require(FileHandle(forWritingAtPath: sandbox.database))
        // Pages 2 to 6: the schema's b-tree pages and the first tables' rows, overwritten as a failing disk would.
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xA5, count: 5 * 4096))
        try handle.close()
        let damaged = bytes(sandbox.database)
        for command in [["today", "--practice", "kestrel"], Self.book] {
            let result = try sandbox.run(command)
            #expect(result.status != 0, "\(command[0]): \(result.out)")
            #expect(result.err.contains("is damaged") || result.err.contains("as a Downtime Desk database"), "\(result.err)")
            #expect(result.err.contains("restore"), "the way back is named: \(result.err)")
            #expect(result.err.split(separator: "\n").count == 1, "one clear line, not a trace: \(result.err)")
        }
        let unchanged = bytes(sandbox.database) == damaged
        #expect(unchanged, "nothing written over the damaged file")
    }

    @Test func aDatabaseFromANewerVersionIsRefusedUntouched() throws {
        let sandbox = try demo()
        #expect(try sandbox.tool("sqlite3", [sandbox.database, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"]).status == 0)
        let before = bytes(sandbox.database)
        let result = try sandbox.run(Self.book)
        #expect(result.status != 0)
        #expect(result.err.contains("was written by a newer Downtime Desk (it has v99-from-the-future); upgrade this program"), "\(result.err)")
        let unchanged = bytes(sandbox.database) == before
        #expect(unchanged)
    }

    /// Rows changed by hand outside the program: each command goes on without them and says in words that records
    /// could not be read (a force-unwrapped id used to stop the program dead).
    @Test func rowsThatNoLongerDecodeAreSkippedAndNamedNeverACrash() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                 "Referral Systems Hosting"]).status == 0)
        #expect(try sandbox.run(["call", "Kestrel", "--outcome", "no-answer", "--site",
                                 "Coastal Commissioning"]).status == 0)
        for sql in ["UPDATE call_attempt SET id = 'not-an-id'",
                    "UPDATE organisation SET id = 'broken' WHERE name = 'Vale Dental Care'",
                    "UPDATE booking SET created_at = 'yesterday' WHERE patient_name = 'Cleo Demo-Farrant'"] {
            #expect(try sandbox.tool("sqlite3", [sandbox.database, sql]).status == 0, "\(sql)")
        }
        for command in [["calls"], ["outage", "status"], ["today", "--practice", "Copperfield"], ["report", "outage"]] {
            let result = try sandbox.run(command)
            #expect(result.status == 0, "\(command): \(result.err)")
            #expect(result.err.contains("could not be read and"), "\(command): \(result.err)")
            #expect(result.err.contains("run 'downtime-desk journal verify' and restore a backup"))
        }
        let today = try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice", "Copperfield"])
        #expect(today.err.contains("booking: 1"), "the booking is named among what was not shown: \(today.err)")
        let desk = try TmuxTerminal(environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)'")
        let (shown, screen) = try desk.waitFor("RECORDS UNREADABLE: journal verify")
        #expect(shown, "\(screen)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }

    @Test func aMissingFolderIsNamedAndNotCreated() throws {
        let sandbox = try Sandbox()
        let path = sandbox.folder + "/not-there/desk.sqlite"
        let result = try sandbox.run(Self.book + ["--db", path])
        #expect(result.status != 0)
        #expect(result.err.contains("the folder \(sandbox.folder)/not-there does not exist"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder + "/not-there"))
    }

    /// Root may write any file, so as root the desk runs as `nobody` (via setpriv) over a file `nobody` owns read-only.
    @Test func aReadOnlyDatabaseIsNamedWithWhatToCheck() throws {
        let sandbox = try demo()
        var prefix: [String] = []
        if geteuid() == 0 {
            #expect(try sandbox.tool("chown", ["-R", "65534:65534", sandbox.folder]).status == 0)
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        #expect(chmod(sandbox.database, 0o400) == 0)
        let before = bytes(sandbox.database)
        for command in [["today", "--practice", "kestrel"], Self.book] {
            let result = prefix.isEmpty ? try sandbox.run(command) : try sandbox.tool(prefix[0], Array(prefix.dropFirst()) + [Binary.path] + command)
            #expect(result.status != 0, "\(command[0])")
            #expect(result.err.contains("\(sandbox.database) is read-only for "), "\(result.err)")
            #expect(result.err.contains("check their owner and permissions"), "\(result.err)")
        }
        let unchanged = bytes(sandbox.database) == before
        #expect(unchanged)
    }

    /// A 4 MB tmpfs in a private mount namespace (it vanishes with the shell): filled to the last byte, a booking is
    /// refused in words; with a little room, an import too big for it saves none of its rows; with room again, it books.
    @Test func aFullDiskRefusesInWordsAndAnImportThatDoesNotFitSavesNothing() throws {
        let sandbox = try demo()
        var rows = [BookingImportFile.header]
        for day in 1...30 {
            for (index, time) in ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "14:00"].enumerated() {
                rows.append("Kestrel Dental Practice,2026-12-\(String(format: "%02d", day)),\(time),Patient \(day)-\(index),07700900777,,,urgent,"
                            + "phone,\(String(repeating: "n", count: 900)),RMS-\(day)-\(index)")
            }
        }
        let csv = sandbox.write("big.csv", Array(rows.joined(separator: "\n").utf8))
        let disk = sandbox.folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs -o size=4m tmpfs '\(disk)' || exit 99
            '\(Binary.path)' backup '\(disk)/desk.sqlite' >/dev/null || exit 98
            count() { sqlite3 '\(disk)/desk.sqlite' 'SELECT count(*) FROM booking'; }
            desk() { '\(Binary.path)' "$@" --db '\(disk)/desk.sqlite'; }
            book() {
                desk book --site 'Kestrel Dental Practice' --practice kestrel --time 10:30 --patient Ann \\
                    --phone 07700900777
            }
            echo "before=$(count)"
            dd if=/dev/zero of='\(disk)/filler' bs=4k 2>/dev/null
            book 2>&1
            echo "full-book=$?"
            truncate -s -400K '\(disk)/filler'
            desk import bookings '\(csv)' --site 'Referral Systems Hosting' >'\(sandbox.folder)/import.log' 2>&1
            echo "import=$?"
            tail -1 '\(sandbox.folder)/import.log'
            echo "after-import=$(count)"
            echo "integrity=$(sqlite3 '\(disk)/desk.sqlite' 'PRAGMA integrity_check')"
            rm '\(disk)/filler'
            book >/dev/null
            echo "room-book=$?"
            echo "after-room=$(count)"
            """
        let shell = geteuid() == 0 ? ["-m", "sh", "-c", script] : ["-r", "-m", "sh", "-c", script]
        let result = try sandbox.tool("unshare", shell)
        #expect(result.status == 0, "a private tmpfs is needed for this test: \(result.out) \(result.err)")
        let out = result.out
        func value(_ key: String) -> String? {
            out.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }
        #expect(out.contains("Error: the disk holding \(disk) is full"), "\(out)")
        #expect(value("full-book") == "1", "\(out)")
        #expect(value("import") != "0", "\(out)")
        #expect(value("after-import") == value("before"), "no partial import: \(out)")
        #expect(value("integrity") == "ok", "\(out)")
        #expect(value("room-book") == "0", "\(out)")
        #expect(value("after-room").flatMap { Int($0) } == value("before").flatMap { Int($0) }.map { $0 + 1 }, "\(out)")
    }
}

enum BookingImportFile {
    static let header = "practice,date,time,patient,phone,date_of_birth,nhs_number,triage,source,notes,central_reference"
}
