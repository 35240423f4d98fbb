import Foundation

/// The role a terminal plays in the chain; later issues use it to decide what it may do.
public enum TerminalRole: String, Codable, Sendable, CaseIterable {
    case practice, host, commissioner, nhs111, ed
}

/// Who made a change: recorded with every write, so the record of care is provable afterwards.
public struct Actor: Equatable, Codable, Sendable {
    public var user: String
    /// The terminal device or a label such as `cli`.
    public var terminal: String
    /// The organisation this terminal works for (its name, as recorded).
    public var site: String
    public var role: TerminalRole

    public init(user: String, terminal: String, site: String, role: TerminalRole) {
        self.user = user; self.terminal = terminal; self.site = site; self.role = role
    }
}

/// One append-only audit record: who, where, when, what.
public struct JournalEntry: Equatable, Codable, Sendable {
    public var id: UUID
    public var at: Date
    public var actor: Actor
    /// A dotted verb such as `booking.create` or `directory.import`.
    public var action: String
    public var entity: String
    public var entityID: UUID?
    /// A JSON object with the change's details.
    public var detail: String

    public init(id: UUID = UUID(), at: Date, actor: Actor, action: String, entity: String, entityID: UUID?, detail: String) {
        self.id = id; self.at = at; self.actor = actor; self.action = action
        self.entity = entity; self.entityID = entityID; self.detail = detail
    }
}
