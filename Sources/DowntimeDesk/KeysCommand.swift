import Foundation
import ArgumentParser
import DeskCore
import DeskConfig
import DeskUI

/// `downtime-desk keys`: the active key bindings, from the same table as the help overlay (and the README).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List the key bindings of a keymap.")

    @Option(help: "The keymap: default, vim, or one of yours.")
    var keymap = "default"

    @Option(help: "text, markdown or json")
    var format: KeysFormat = .text

    enum KeysFormat: String, ExpressibleByArgument { case text, markdown, json }

    func run() throws {
        let paths = DeskPaths(environment: ProcessInfo.processInfo.environment)
        let loaded: Keymap
        do { loaded = try KeymapLoader.load(name: keymap, bundled: DeskPaths.bundledKeymaps, user: paths.userKeymaps).0 }
        catch { throw DeskFailure("\(error)") }
        switch format {
        case .text: print(HelpOverlay.lines(loaded).joined(separator: "\n"))
        case .markdown: print(HelpOverlay.markdown(loaded), terminator: "")
        case .json:
            print(try JSONOutput.encode(loaded.helpRows().map {
                ["scope": $0.scope.description, "command": $0.command.name, "help": $0.command.help,
                 "keys": $0.keys.map(\.description).joined(separator: " ")]
            }))
        }
    }
}
