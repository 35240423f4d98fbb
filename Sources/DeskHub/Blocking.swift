import Foundation

/// Runs async hub work from a synchronous command and waits for it. Commands are short and run on the main thread
/// with nothing else to do; the desk never calls this from its drawing loop.
public enum HubBlocking {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw HubError.refused("the hub's work ended without an answer") }
        return try result.get()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
