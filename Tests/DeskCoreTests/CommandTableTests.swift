import Testing
@testable import DeskCore

/// The command table and the command ids are one list: every id has its row (help, where it may be bound), and
/// the reducer's switch over the ids has no default, so a handler cannot be missing either.
@Suite struct CommandIDTests {
    @Test func everyCommandIdHasOneRowWithHelpAndAScope() {
        let ids = Commands.all.map(\.id)
        #expect(Set(ids) == Set(CommandID.allCases), "ids without a row: \(Set(CommandID.allCases).subtracting(ids))")
        #expect(ids.count == Set(ids).count, "a row twice")
        for command in Commands.all {
            #expect(!command.help.isEmpty && !command.scopes.isEmpty, "\(command.name)")
            #expect(Commands.named(command.name) == command)
        }
    }
}
