import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// `downtime-desk demo`: a database holding the invented demo network and today's demo bookings.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a database holding the demo network (invented names, drama-range numbers, example.org mail).")

    @OptionGroup var options: DeskOptions

    @Flag(help: "Replace the database if it already holds data.")
    var force = false

    func run() throws {
        let context = DeskContext(options: options)
        let path = context.paths.database
        try DemoDatabase.create(at: path, context: context, replace: force)
        print("Demo network written to \(path)")
        print("Open it with: downtime-desk --db \(path)")
    }
}

/// Shared by `demo` and `--demo`.
enum DemoDatabase {
    static func create(at path: String, context: DeskContext, replace: Bool) throws {
        if FileManager.default.fileExists(atPath: path) {
            let store = try context.openStore(path: path)
            let hasData = !(try store.organisations().isEmpty)
            guard !hasData || replace else {
                throw DeskFailure("\(path) already holds a directory; use --force to replace it with the demo, or choose another --db")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try context.openStore(path: path)
        let actor = Actor(user: "demo", terminal: DeskContext.terminalName, site: "", role: .host)
        do {
            try store.seedDemo(now: try context.now(), zone: context.zone, actor: actor)
            // The demo follows the shipped plan, so its outages come with a runbook.
            // It is installed as the demo network's host would install it.
            if let file = DeskPaths.demoPlan, let host = try store.organisations().first(where: { $0.kind == .host }) {
                let plan = DeskOperation.installPlan(.init(plan: try ContinuityPlanFile.load(file: file),
                                                           source: (try? String(contentsOf: file,
                                                                                encoding: .utf8)) ?? ""))
                var installer = actor
                installer.site = host.name
                _ = try perform {
                    try store.apply(OperationRecord(at: try context.now(), actor: installer, operation: plan))
                }
            }
        }
        catch let error as DeskFailure { throw error }
        catch { throw DeskFailure("could not write the demo: \(error)") }
    }
}
