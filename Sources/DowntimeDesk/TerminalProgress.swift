import Foundation
import DeskCore

/// A count and a bar on standard error while long work runs ("Saving organisations  12,000 of 50,000 [#####·····]
/// 24%"), redrawn at most ten times a second, and only when standard error is a terminal: piped or in a script it
/// says nothing, so logs hold only the result.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var shown = false
    private let width: Int

    private init(width: Int) { self.width = width }

    /// Runs `work` with progress drawn when there is a terminal to draw it on.
    static func around<T>(_ work: () throws -> T) rethrows -> T {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else {
            return try work()
        }
        var size = winsize()
        let columns = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        let progress = TerminalProgress(width: columns)
        defer { progress.finish() }
        return try ProgressReport.$watcher.withValue({ what, done, total in progress.draw(what, done, total) }) {
            try work()
        }
    }

    func draw(_ what: String, _ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        // A finished step clears its line at once: what the command prints next starts on a clean line.
        if done == total {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
            return
        }
        FileHandle.standardError.write(Data(("\r" + Self.line(what, done, total, width: width - 1) + "\u{1B}[K").utf8))
        shown = true
    }

    private func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// The words, the count and a bar that fills the rest of the line.
    static func line(_ what: String, _ done: Int, _ total: Int, width: Int) -> String {
        let count = total > 0 ? "\(done.formatted()) of \(total.formatted())" : done.formatted()
        let percent = total > 0 ? " \(min(100, done * 100 / total))%" : ""
        let text = "\(what)  \(count)"
        let room = width - text.count - percent.count - 3
        guard total > 0, room >= 10 else { return String((text + percent).prefix(width)) }
        let filled = min(room, done * room / total)
        return text + " [" + String(repeating: "#", count: filled) + String(repeating: "·", count: room - filled) + "]"
            + percent
    }
}
