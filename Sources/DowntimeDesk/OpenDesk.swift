import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig
import DeskUI
import DeskTerminal
import DeskMail
import DeskHub

/// `downtime-desk` with no subcommand: the full-screen desk.
struct OpenDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the full-screen desk (the default).")

    @OptionGroup var options: DeskOptions

    @Flag(help: "Open on a fresh demo database (its own file, recreated each time; never your real one).")
    var demo = false

    @Option(help: "Colour theme: default, high-contrast, monochrome, or one of yours.")
    var theme = "default"

    @Option(help: "Key bindings: default, vim, or one of yours.")
    var keymap = "default"

    @OptionGroup var hub: SyncCommand.HubOption

    func run() throws {
        var context = DeskContext(options: options)
        if demo {
            let path = options.db ?? context.paths.demoDatabase
            context = DeskContext(options: options, databaseOverride: path)
            try DemoDatabase.create(at: path, context: context, replace: true)
        }
        // The desk must answer keys within a frame, so a write waits at most this long for another program's lock;
        // what could not be saved is kept and tried again on the next quiet tick.
        let (store, actor, site, now) = try context.openSession(busyTimeout: 0.02)
        var messages: [String] = []
        if let warning = DeskStore.exposureWarning(for: store.path) { messages.append(warning) }
        // A bad settings file never keeps the desk shut: say so and run on the defaults.
        let settings: DeskSettings
        do { settings = try context.settings() } catch { messages.append("\(error); using the default settings"); settings = DeskSettings() }
        // With a hub configured the desk keeps in step with it on its own thread; a demo desk never syncs.
        let holdsDemo = demo || ((try? store.holdsDemoNetwork()) ?? false)
        var hubURL: HubURL?
        if !holdsDemo {
            do { hubURL = try hub.configured(context, settings: settings) } catch { messages.append("\(error)") }
        }
        let composer = context.composer(settings)
        let loadedTheme = Self.loadTheme(theme, context: context, messages: &messages)
        let loadedKeymap = Self.loadKeymap(keymap, context: context, messages: &messages)
        for message in messages { FileHandle.standardError.write(Data("downtime-desk: \(message)\n".utf8)) }

        let today = LocalDate(now, in: context.zone)
        let practiceID = site?.kind == .practice ? site?.id : nil
        let view = try store.deskView(for: actor, practiceID: practiceID, day: today, now: now, zone: context.zone)

        let terminal: Terminal
        // Drawn instead of the chosen theme under NO_COLOR or on a terminal without colours (vt100).
        let monochrome = (try? ThemeLoader.load(name: "monochrome", bundled: DeskPaths.bundledThemes, user: context.paths.userThemes).0) ?? .builtInFallback
        do { terminal = try Terminal(environment: context.environment, theme: loadedTheme, monochrome: monochrome) }
        catch { throw DeskFailure("\(error)") }
        defer { terminal.stop() }
        var state = AppState(view: view, width: terminal.width, height: terminal.height, now: now, zone: context.zone,
                             actor: actor, keymap: loadedKeymap, isDemo: holdsDemo)
        state.message = messages.first
        state.defaultSystem = settings.system
        state.callInterval = settings.callInterval
        state.supportHours = settings.supportHours
        state.updateCadence = settings.updateCadence
        if let reason = store.readOnlyReason { _ = Reducer.reduce(&state, .writeBlocked(.readOnly, reason)) }
        // Each role opens on its main work, in the big pane, focused.
        state.arrangement = settings.arrangement(for: actor.role)
        state.focus = state.arrangement.main
        // The host's desk delivers the notice emails, off the drawing loop.
        var courier: BackgroundCourier?
        if actor.role == .host {
            let pinned = context.environment["DOWNTIME_DESK_NOW"].flatMap { $0.isEmpty ? nil : try? context.now() }
            courier = BackgroundCourier(courier: context.courier(settings, store: store, actor: actor,
                                                                 composer: composer),
                                        now: { pinned ?? Date() })
            courier?.start()
        }
        defer { courier?.stop() }
        let pinned = context.environment["DOWNTIME_DESK_NOW"].flatMap { $0.isEmpty ? nil : try? context.now() }
        let sync = hubURL.map { SyncWorker(store: store, url: $0, now: { pinned ?? Date() }) }
        if let sync {
            state.hub = sync.state
            sync.start()
        }
        defer { sync?.stop(waiting: 2) }
        try DeskLoop(terminal: terminal, store: store, context: context, composer: composer,
                     courier: courier, sync: sync, settings: settings).run(&state)
    }

    /// A bad theme never stops the desk: say what was wrong and where, and use the default.
    static func loadTheme(_ name: String, context: DeskContext, messages: inout [String]) -> Theme {
        let theme: Theme
        do {
            let (loaded, warnings) = try ThemeLoader.load(name: name, bundled: DeskPaths.bundledThemes, user: context.paths.userThemes)
            messages += warnings.map { "warning: \($0.shortDescription)" }
            theme = loaded
        } catch {
            messages.append("theme: \(error.shortDescription); using the default theme")
            theme = (try? ThemeLoader.load(name: "default", bundled: DeskPaths.bundledThemes, user: nil).0) ?? .builtInFallback
        }
        return theme
    }

    static func loadKeymap(_ name: String, context: DeskContext, messages: inout [String]) -> Keymap {
        do {
            let (keymap, warnings) = try KeymapLoader.load(name: name, bundled: DeskPaths.bundledKeymaps, user: context.paths.userKeymaps)
            messages += warnings.map { "warning: \($0.shortDescription)" }
            return keymap
        } catch {
            messages.append("keymap: \(error.shortDescription); using the default keys")
            if let (keymap, _) = try? KeymapLoader.load(name: "default", bundled: DeskPaths.bundledKeymaps, user: nil) { return keymap }
            return Keymap(name: "built-in", bindings: [.global: [.char("q"): "quit", .char("?"): "help", .tab: "focus-next", .escape: "cancel"]])
        }
    }
}
