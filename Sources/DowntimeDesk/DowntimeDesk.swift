import Foundation
import ArgumentParser
import DeskStore
import DeskConfig

@main
struct DowntimeDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downtime-desk",
        abstract: "Keeps urgent dental booking and the outage-notification chain running when the central system fails.",
        discussion: "With no subcommand, opens the full-screen desk. Every listing accepts --format json.",
        subcommands: [OpenDesk.self, DemoCommand.self, TodayCommand.self, BookCommand.self, BookingCommand.self, BookingsCommand.self,
                      OutageCommand.self, NotifyCommand.self, AckCommand.self, AcksCommand.self, CallsCommand.self, CallCommand.self, ReportCommand.self,
                      BackEntryCommand.self, IncidentCommand.self, RunbookCommand.self, PlanCommand.self, RecontactCommand.self,
                      SlotCommand.self, PrintCommand.self, CapacityCommand.self, ImportCommand.self, ExportCommand.self,
                      JournalCommand.self, BackupCommand.self, RestoreCommand.self, KeysCommand.self,
                      TOMLCheckCommand.self, SeatCommand.self, HubCommand.self, SyncCommand.self],
        defaultSubcommand: OpenDesk.self
    )

    /// ArgumentParser's own main, except that a failure from SQLite (a full disk, a read-only file) is put in
    /// words first, wherever in a command it surfaced.
    static func main() {
        // Every file this program makes holds or may hold patient details (the database and its -wal and -shm,
        // backups, exports): owner-only whatever the login's umask.
        umask(0o077)
        TOMLGuard.survivesParsing = TOMLCheckCommand.survives
        do {
            var command = try parseAsRoot()
            try command.run()
            if let unreadable = UnreadableRows.summary {
                FileHandle.standardError.write(Data("warning: \(unreadable)\n".utf8))
            }
        } catch {
            guard let plain = StorageFailure.explain(error, path: DeskStore.lastOpenedPath) else { exit(withError: error) }
            exit(withError: DeskFailure(plain))
        }
    }
}
