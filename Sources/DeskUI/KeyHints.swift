import DeskCore
import DeskConfig

/// Hints on screen name the keys the active keymap binds, so a remapped key is never misdescribed.
extension AppState {
    /// The keys for a command in a scope, for a hint; words saying it has none when the keymap binds none.
    func keyHint(_ command: CommandID, in scope: BindingScope, limit: Int = 1, preferring: [Key] = []) -> String {
        keymap.hint(command, in: scope, limit: limit, preferring: preferring) ?? "(no key for \(command.rawValue))"
    }

    /// Whether a key answers yes to the open question.
    func answersYes(_ key: Key) -> Bool { keymap.commandID(for: key, in: .overlay(.confirm)) == .yes }

    /// A y/n question's hint: what yes does, and that every other key leaves things as they are.
    func confirmHint(_ doing: String, otherwise: String = "any other key goes back") -> String {
        "\(keyHint(.yes, in: .overlay(.confirm))) \(doing), \(otherwise)"
    }

    /// The offer of an unsaved booking: which keys keep it and which throw it away (n, the answer to y, first).
    func draftOfferHint(restore: String, discard: String, between: String = "; ") -> String {
        "\(keyHint(.restoreDraft, in: .overlay(.draft), limit: 2)) \(restore)\(between)"
            + "\(keyHint(.discardDraft, in: .overlay(.draft), preferring: [.char("n")])) \(discard)"
    }

    /// A view's footer: the keys of its commands, then how to close it.
    func footer(_ parts: [(CommandID, String)], in scope: BindingScope) -> String {
        (parts.map { "\(keyHint($0.0, in: scope)) \($0.1)" } + ["\(keyHint(.cancel, in: scope)) closes"])
            .joined(separator: " · ")
    }
}
