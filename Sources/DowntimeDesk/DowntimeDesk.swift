import Foundation
import ArgumentParser
import DeskStore
import DeskConfig

@main
struct DowntimeDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downtime-desk",
        abstract: "Keeps urgent dental booking and the outage-notification chain running when the central system fails.",
        discussion: "With no subcommand, opens the full-screen desk. Every listing accepts --format json. The options "
            + "--db, --site, --user, --role and --hub may also come before the subcommand.",
        version: DowntimeDesk.version,
        subcommands: [OpenDesk.self, DemoCommand.self, TodayCommand.self, BookCommand.self, BookingCommand.self, BookingsCommand.self,
                      OutageCommand.self, NotifyCommand.self, AckCommand.self, AcksCommand.self, CallsCommand.self, CallCommand.self, ReportCommand.self,
                      BackEntryCommand.self, IncidentCommand.self, RunbookCommand.self, PlanCommand.self, RecontactCommand.self,
                      SlotCommand.self, PrintCommand.self, CapacityCommand.self, ImportCommand.self, ExportCommand.self,
                      JournalCommand.self, BackupCommand.self, RestoreCommand.self, KeysCommand.self,
                      TOMLCheckCommand.self, SeatCommand.self, HubCommand.self, SyncCommand.self,
                      StatusPageCommand.self, SubscriberCommand.self],
        defaultSubcommand: OpenDesk.self
    )

    /// The release, and the newest database layout it reads and writes.
    static let version = "2026.12 (database layout v21)"

    /// ArgumentParser's own main, except that a failure from SQLite (a full disk, a read-only file) is put in
    /// words first, wherever in a command it surfaced.
    static func main() {
        // Every file this program makes holds or may hold patient details (the database and its -wal and -shm,
        // backups, exports): owner-only whatever the login's umask.
        umask(0o077)
        TOMLGuard.survivesParsing = TOMLCheckCommand.survives
        let names = Set(configuration.subcommands.map { $0._commandName })
        let arguments = LeadingOptions.reordered(Array(CommandLine.arguments.dropFirst()), subcommands: names)
        do {
            var command = try parseAsRoot(arguments)
            // Long work (imports, sending, backups) shows how far it has got on a terminal's standard error; the
            // desk owns the whole screen, so it never does.
            if command is OpenDesk { try command.run() } else { try TerminalProgress.around { try command.run() } }
            if let unreadable = UnreadableRows.summary {
                FileHandle.standardError.write(Data("warning: \(unreadable)\n".utf8))
            }
        } catch {
            let message = fullMessage(for: error)
            if let hint = DashValueHint.hint(for: message, arguments: arguments) {
                // The hint goes straight under the error, before the usage lines.
                var lines = message.components(separatedBy: "\n")
                lines.insert(hint, at: 1)
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                exit(withError: ExitCode.validationFailure)
            }
            guard let plain = StorageFailure.explain(error, path: DeskStore.lastOpenedPath) else { exit(withError: error) }
            exit(withError: DeskFailure(plain))
        }
    }
}
