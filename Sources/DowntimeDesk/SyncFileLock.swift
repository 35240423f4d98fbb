import Foundation
import DeskCore

/// An advisory lock beside the database file (`FILE.sync-lock`), held for one sync round: two programs syncing one
/// file (a desk and `sync --watch`) take turns. The kernel lets go when a holder dies, so a killed sync never
/// leaves it held.
struct SyncFileLock {
    private let descriptor: Int32

    init(beside databasePath: String) throws {
        let path = databasePath + ".sync-lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Refusal.rule("cannot open \(Sanitise.visible(path)) to take turns with other syncs: "
                               + String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let why = String(cString: strerror(errno))
                close(descriptor)
                throw Refusal.rule("cannot lock \(Sanitise.visible(path)): \(why)")
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
