import Foundation
import DeskCore
import DeskConfig
import DeskStore
import DeskMail

extension DeskContext {
    /// The site's settings; a bad settings file stops the command with the file, line and key.
    func settings() throws -> DeskSettings {
        do { return try DeskSettings.load(file: paths.settingsFile) } catch { throw DeskFailure("\(error)") }
    }

    /// The resolver group's hours for what only reads them (an incident, the hand-over): a bad settings file does
    /// not stop that, and seed 003's table stands in.
    var supportHours: SupportHours { (try? settings())?.supportHours ?? .seed003 }
    /// How often updates are due, for what only reads it, as `supportHours`.
    var updateCadence: UpdateCadence { (try? settings())?.updateCadence ?? UpdateCadence() }

    /// The composer for notice rounds. A bad template never stops a declaration: the shipped one stands in
    /// and the warning is printed, because an outage is the wrong moment to fix a typo.
    func composer(_ settings: DeskSettings) -> NoticeComposer {
        let (outage, outageWarning) = NoticeTemplates.load(.outage, paths: paths)
        let (restoration, restorationWarning) = NoticeTemplates.load(.restoration, paths: paths)
        let (update, updateWarning) = NoticeTemplates.loadUpdate(paths: paths)
        for warning in [outageWarning, restorationWarning, updateWarning].compactMap({ $0 }) {
            FileHandle.standardError.write(Data("downtime-desk: warning: \(warning)\n".utf8))
        }
        var composer = NoticeComposer(outageTemplate: outage, restorationTemplate: restoration, from: settings.from,
                                      fromName: settings.fromName, zone: zone,
                                      acknowledgeWithin: settings.acknowledgeWithin)
        composer.updateTemplate = update
        return composer
    }

    func sendmail(_ settings: DeskSettings, override: String? = nil) -> SendmailCommand {
        SendmailCommand(command: override ?? settings.sendmail, timeout: settings.sendTimeout)
    }

    /// What sends the outbox: the settings' mail command, and the templates each body is composed from when sent.
    func courier(_ settings: DeskSettings, store: DeskStore, actor: Actor, sendmail override: String? = nil,
                 composer: NoticeComposer? = nil) -> Courier {
        Courier(store: store, sendmail: sendmail(settings, override: override), actor: actor,
                composer: composer ?? self.composer(settings))
    }

    /// A time option: ISO 8601, or local `YYYY-MM-DDTHH:MM`, or just `HH:MM` today.
    func time(_ text: String?, option: String, now: Date) throws -> Date {
        guard let text else { return now }
        if let date = Instant.parse(text, zone: zone) { return date }
        if let time = TimeOfDay(parsing: text) { return LocalDate(now, in: zone).instant(at: time, in: zone) }
        throw DeskFailure("\(option) '\(text)' is not a time: use HH:MM (today), YYYY-MM-DDTHH:MM or ISO 8601")
    }
}
