/// How far a long piece of work has got, for whoever is watching: the command line draws it on a terminal's
/// standard error, anything else leaves it unset and it costs one check. Set for the duration of the work with
/// `ProgressReport.$watcher.withValue`, so no signature changes to carry it down.
public enum ProgressReport {
    /// What is being done ("Saving organisations"), how much of it is done, and of how much.
    public typealias Watcher = @Sendable (_ what: String, _ done: Int, _ total: Int) -> Void

    @TaskLocal public static var watcher: Watcher?

    /// Reports every `every`-th step, and the last, so a tight loop pays almost nothing for it.
    @inline(__always)
    public static func step(_ what: String, _ done: Int, of total: Int, every: Int = 256) {
        guard let watcher, done % every == 0 || done == total else { return }
        watcher(what, done, total)
    }
}
