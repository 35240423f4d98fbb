import Foundation
import ArgumentParser
import DeskConfig

/// The separate process that parses a user's TOML file first (see `TOMLGuard`): reads the file it is given and
/// exits 0 if the parser lived through it. Not for people, so not in the help.
struct TOMLCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: TOMLGuard.checkCommand, shouldDisplay: false)

    @Argument var file: String

    func run() throws {
        let bytes = FileManager.default.contents(atPath: file) ?? Data()
        TOMLGuard.parseAndDiscard(String(decoding: bytes, as: UTF8.self))
    }

    @Sendable static func survives(_ text: String) -> Bool {
        TOMLGuard.childSurvives(executable: "/proc/self/exe", text: text)
    }
}
