import Foundation
import DeskCore
import DeskStore
import DeskMail

/// Delivers the outbox on its own thread while the desk is open, so a slow or hanging mail command never holds up
/// a keypress. It wakes every `interval` seconds, or at once when poked (a round was just made).
final class BackgroundCourier: @unchecked Sendable {
    private let courier: Courier
    private let now: @Sendable () -> Date
    private let wake = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?
    static let interval: TimeInterval = 20

    init(courier: Courier, now: @escaping @Sendable () -> Date) {
        self.courier = courier; self.now = now
    }

    func start() {
        let thread = Thread { [self] in
            while !isStopped {
                // Failures are recorded on each message by the courier; anything else is retried next round.
                _ = try? courier.deliver(everything: false, now: now)
                _ = wake.wait(timeout: .now() + Self.interval)
            }
        }
        thread.name = "downtime-desk courier"
        self.thread = thread
        thread.start()
    }

    func poke() { wake.signal() }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        wake.signal()
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }
}
