import Foundation
import DeskCore
@testable import DeskStore

/// A fresh database file in its own temporary folder, removed when the test's value goes away.
final class TemporaryDatabase {
    let folder: String
    let path: String
    let store: DeskStore

    init() throws {
        folder = NSTemporaryDirectory() + "desk-store-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/desk.sqlite"
        store = try DeskStore(path: path)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}

let testActor = Actor(user: "tester", terminal: "/dev/pts/9", site: "Test Practice", role: .practice)
/// Kestrel's own reception: a practice acknowledges only for itself.
let kestrelActor = Actor(user: "gwen", terminal: "/dev/pts/4", site: "Kestrel Dental Practice", role: .practice)
/// Another practice's reception, for refusals of acting on Kestrel's records.
let valeActor = Actor(user: "vic", terminal: "/dev/pts/5", site: "Vale Dental Care", role: .practice)
let hostActor = Actor(user: "oncall", terminal: "/dev/pts/1", site: "Referral Systems Hosting", role: .host)
let commissionerActor = Actor(user: "marcus", terminal: "/dev/pts/2", site: "Coastal Commissioning", role: .commissioner)
extension DeskStore {
    /// Applies `operation` as `actor`: the way every change reaches the store, with the permission table.
    @discardableResult
    func apply(_ operation: DeskOperation, as actor: Actor, at now: Date = testNow) throws -> Outcome {
        try apply(OperationRecord(at: now, actor: actor, operation: operation))
    }
}

let testNow = Instant.parse("2026-11-21T10:05:00Z", zone: TimeZone(identifier: "UTC")!)!
let london = TimeZone(identifier: "Europe/London")!
