import Foundation
import Testing

/// Backups on read-only media, stale partial copies, who can read the files, and a full disk: the real binary.
@Suite(.serialized) struct FilePermissionTests {
    func mode(_ path: String) -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)?.intValue
    }

    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        return sandbox
    }

    /// A write-protected stick, a CD, a read-only mount: here a tmpfs remounted read-only in a private namespace.
    @Test func aBackupOnReadOnlyMediaRestoresAndLeavesNothingBesideIt() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["book", "--site", "Copperfield Dental Practice", "--practice", "Copperfield",
                                 "--time", "09:30", "--patient", "Gil Kept",
                                 "--phone", "07700 900123"]).status == 0)
        let media = sandbox.folder + "/media"
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs -o size=8m tmpfs '\(media)' || exit 99
            '\(Binary.path)' backup '\(media)/backup.sqlite' >/dev/null || exit 98
            mount -o remount,ro '\(media)' || exit 97
            '\(Binary.path)' book --practice Copperfield --time 10:30 --patient 'Hal After' --phone '07700 900124' >/dev/null
            '\(Binary.path)' restore '\(media)/backup.sqlite' --force 2>&1
            echo "restore=$?"
            echo "beside=$(ls '\(media)' | tr '\\n' ' ')"
            '\(Binary.path)' today --practice Copperfield
            """
        let shell = geteuid() == 0 ? ["-m", "sh", "-c", script] : ["-r", "-m", "sh", "-c", script]
        let result = try sandbox.tool("unshare", shell)
        #expect(result.status == 0, "a private mount is needed for this test: \(result.out) \(result.err)")
        #expect(result.out.contains("restore=0"), "\(result.out)")
        #expect(result.out.contains("beside=backup.sqlite \n"), "no -wal or -shm beside the backup: \(result.out)")
        #expect(result.out.contains("09:30  booked     Gil Kept") && !result.out.contains("Hal After"), "\(result.out)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder).filter { $0.contains(".restoring-") }
        #expect(leftovers.isEmpty, "the working copy is removed: \(leftovers)")
    }

    @Test func aBackupKilledMidCopyIsCleanedUpByTheNextAndEveryFileIsOwnerOnlyWhateverTheUmask() throws {
        let sandbox = try demo()
        let backup = sandbox.folder + "/backup.sqlite"
        // What a backup killed mid-copy leaves: a whole copy of patient data under a temporary name.
        let stale = sandbox.write("backup.sqlite.partial-dead1234", Array(repeating: 0x53, count: 4096))
        let unrelated = sandbox.write("other.sqlite.partial-keepme", Array(repeating: 0x53, count: 16))
        let made = try sandbox.tool("sh", ["-c", "umask 000 && '\(Binary.path)' backup '\(backup)'"])
        #expect(made.status == 0, "\(made.err)")
        #expect(!FileManager.default.fileExists(atPath: stale), "its own stale partial is removed")
        #expect(FileManager.default.fileExists(atPath: unrelated), "another file's is not")
        #expect(mode(backup) == 0o600)
        // A database made under umask 000, with a desk-sized write: its -wal and -shm are owner-only too.
        let fresh = sandbox.folder + "/fresh.sqlite"
        let created = try sandbox.tool("sh",
                                       ["-c",
                                        "umask 000 && '\(Binary.path)' demo --db '\(fresh)' && sqlite3 '\(fresh)' "
                                            + "'PRAGMA journal_mode' && '\(Binary.path)' today --db '\(fresh)' "
                                                + ">/dev/null"])
        #expect(created.status == 0, "\(created.err)")
        for file in [fresh] + ["-wal", "-shm"].map({ fresh + $0 }) where FileManager.default.fileExists(atPath: file) {
            #expect(mode(file) == 0o600, "\(file)")
        }
        let export = sandbox.folder + "/export.csv"
        #expect(try sandbox.tool("sh",
                                 ["-c",
                                  "umask 000 && '\(Binary.path)' print day --db '\(fresh)' --practice Copperfield "
                                      + "--output '\(export)'"]).status == 0)
        #expect(mode(export) == 0o600, "a printout of patient details is owner-only")
    }

    @Test func aDatabaseOthersCanReadIsNamedWithHowToFixIt() throws {
        let sandbox = try demo()
        #expect(chmod(sandbox.database, 0o644) == 0)
        let result = try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice", "Copperfield"])
        #expect(result.status == 0)
        #expect(result.err.contains("warning: \(sandbox.database) can be read by every user of this machine "
            + "(permissions 644)"), "\(result.err)")
        #expect(result.err.contains("chmod 600 '\(sandbox.database)'"))
        #expect(result.err.split(separator: "\n").count == 1, "warned once: \(result.err)")
        #expect(chmod(sandbox.database, 0o600) == 0)
        #expect(try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice",
                                 "Copperfield"]).err.isEmpty)
    }

    /// A full disk must not keep the grid from being read: the file opens read-only and only writes are refused.
    @Test func onAFullDiskTheGridIsStillReadAndOnlyWritesAreRefused() throws {
        let sandbox = try demo()
        let disk = sandbox.folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs -o size=4m tmpfs '\(disk)' || exit 99
            '\(Binary.path)' backup '\(disk)/desk.sqlite' >/dev/null || exit 98
            dd if=/dev/zero of='\(disk)/filler' bs=4k 2>/dev/null
            '\(Binary.path)' today --practice Copperfield --db '\(disk)/desk.sqlite' 2>&1
            echo "today=$?"
            '\(Binary.path)' book --practice Copperfield --time 09:30 --patient Ann --phone 07700900777 --db '\(disk)/desk.sqlite' 2>&1
            echo "book=$?"
            """
        let shell = geteuid() == 0 ? ["-m", "sh", "-c", script] : ["-r", "-m", "sh", "-c", script]
        let result = try sandbox.tool("unshare", shell)
        #expect(result.status == 0, "a private tmpfs is needed for this test: \(result.out) \(result.err)")
        #expect(result.out.contains("today=0") && result.out.contains("11:00  CONFLICT   Dev Demo-Lowther"),
                "\(result.out)")
        #expect(result.out.contains("warning: the disk holding \(disk) is full"), "\(result.out)")
        #expect(result.out.contains("until then the file is open read-only (it can be read, nothing can be saved)"))
        #expect(result.out.contains("book=1"))
    }
}
