import Foundation

/// One operation as it travels and as the journal keeps it: what, by whom, when. `format` is the JSON form's
/// version (docs/operations.md): a reader refuses a format it does not know rather than guessing at it.
public struct OperationRecord: Equatable, Codable, Sendable {
    public static let currentFormat = 1

    public var format: Int
    /// This operation's own id, the same at every site that applies it.
    public var id: UUID
    /// When it was made, as a UTC instant to the second (what the store keeps).
    public var at: Date
    public var actor: Actor
    public var operation: DeskOperation

    public init(id: UUID = UUID(), at: Date, actor: Actor, operation: DeskOperation) {
        format = Self.currentFormat; self.id = id
        self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970).rounded(.down)); self.actor = actor
        self.operation = operation
    }

    /// The JSON form, keys sorted so the same operation always writes the same bytes (it is hashed in the journal;
    /// the encoder's own order differs from one run to the next). Written as JSONEncoder would (`CanonicalJSON`).
    public func json() throws -> String { try CanonicalJSON.string(self) }

    /// Reads the JSON form, with every value checked as input from another site would be.
    public static func decode(json: String) throws -> OperationRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            // Only the form `json()` writes: the general reader took "-026-11-21T10:05:00Z", which wrote itself back
            // as another day (the fuzzer found it), so what a site sent was not what the next one read.
            guard let date = Instant.stored(text) else {
                let words = "'\(Sanitise.visible(text))' is not a UTC instant written as 2026-11-21T10:05:00Z"
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: words))
            }
            return date
        }
        let record = try decoder.decode(OperationRecord.self, from: Data(json.utf8))
        guard record.format == currentFormat else { throw OperationFormatError.unknownFormat(record.format) }
        return record
    }
}

extension OperationRecord {
    /// Why JSON did not decode as an operation, in words: which field, and what was wrong with it.
    public static func unreadable(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            // A dictionary's keys are the sender's text (a runbook step's), so they are shown as visible characters.
            codingPath.isEmpty ? "the record" : Sanitise.visible(codingPath.map(\.stringValue).joined(separator: "."))
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type"
        case DecodingError.dataCorrupted(let context):
            if context.codingPath.isEmpty { return "it is not JSON" }
            // Foundation's words for an unknown enum value name a Swift type and quote the value raw (the fuzzer
            // found control characters reaching the terminal that way).
            if context.debugDescription.hasPrefix("Cannot initialize") {
                return "\(path(context.codingPath)) has a value this version does not know"
            }
            return "\(path(context.codingPath)): \(Sanitise.visible(context.debugDescription))"
        default:
            return "\(error)"
        }
    }
}

public enum OperationFormatError: Error, Equatable, CustomStringConvertible {
    case unknownFormat(Int)

    public var description: String {
        switch self {
        case .unknownFormat(let format):
            return "this operation is written in format \(format), which this version does not read "
                + "(it reads format \(OperationRecord.currentFormat)); update downtime-desk"
        }
    }
}

extension DeskOperation: Codable {
    private enum Keys: String, CodingKey { case op }

    /// `{"op": "booking.book", …its fields…}`: the name beside the fields, so the form reads flat.
    public func encode(to encoder: Encoder) throws {
        var keyed = encoder.container(keyedBy: Keys.self)
        try keyed.encode(kind, forKey: .op)
        try payload.encode(to: encoder)
    }

    public init(from decoder: Decoder) throws {
        let kind = try decoder.container(keyedBy: Keys.self).decode(OperationKind.self, forKey: .op)
        switch kind {
        case .book: self = .book(try .init(from: decoder))
        case .changeStatus: self = .changeStatus(try .init(from: decoder))
        case .move: self = .move(try .init(from: decoder))
        case .markSeen: self = .markSeen(try .init(from: decoder))
        case .markBackEntered: self = .markBackEntered(try .init(from: decoder))
        case .setSlot: self = .setSlot(try .init(from: decoder))
        case .replaceTemplates: self = .replaceTemplates(try .init(from: decoder))
        case .importDirectory: self = .importDirectory(try .init(from: decoder))
        case .importBookings: self = .importBookings(try .init(from: decoder))
        case .declareOutage: self = .declareOutage(try .init(from: decoder))
        case .restoreOutage: self = .restoreOutage(try .init(from: decoder))
        case .postUpdate: self = .postUpdate(try .init(from: decoder))
        case .acknowledge: self = .acknowledge(try .init(from: decoder))
        case .logCall: self = .logCall(try .init(from: decoder))
        case .recordDelivery: self = .recordDelivery(try .init(from: decoder))
        case .recordReply: self = .recordReply(try .init(from: decoder))
        case .addIncidentNote: self = .addIncidentNote(try .init(from: decoder))
        case .changeIncidentSeverity: self = .changeIncidentSeverity(try .init(from: decoder))
        case .changeIncidentImpact: self = .changeIncidentImpact(try .init(from: decoder))
        case .closeIncident: self = .closeIncident(try .init(from: decoder))
        case .tickRunbook: self = .tickRunbook(try .init(from: decoder))
        case .installPlan: self = .installPlan(try .init(from: decoder))
        case .reviewPlan: self = .reviewPlan(try .init(from: decoder))
        case .createRecontactList: self = .createRecontactList(try .init(from: decoder))
        case .logRecontactCall: self = .logRecontactCall(try .init(from: decoder))
        case .holdSlots: self = .holdSlots(try .init(from: decoder))
        case .restoreBackup: self = .restoreBackup(try .init(from: decoder))
        case .addSeat: self = .addSeat(try .init(from: decoder))
        case .removeSeat: self = .removeSeat(try .init(from: decoder))
        case .addSubscriber: self = .addSubscriber(try .init(from: decoder))
        case .removeSubscriber: self = .removeSubscriber(try .init(from: decoder))
        }
    }

    private var payload: any Encodable {
        switch self {
        case .book(let p): return p
        case .changeStatus(let p): return p
        case .move(let p): return p
        case .markSeen(let p): return p
        case .markBackEntered(let p): return p
        case .setSlot(let p): return p
        case .replaceTemplates(let p): return p
        case .importDirectory(let p): return p
        case .importBookings(let p): return p
        case .declareOutage(let p): return p
        case .restoreOutage(let p): return p
        case .postUpdate(let p): return p
        case .acknowledge(let p): return p
        case .logCall(let p): return p
        case .recordDelivery(let p): return p
        case .recordReply(let p): return p
        case .addIncidentNote(let p): return p
        case .changeIncidentSeverity(let p): return p
        case .changeIncidentImpact(let p): return p
        case .closeIncident(let p): return p
        case .tickRunbook(let p): return p
        case .installPlan(let p): return p
        case .reviewPlan(let p): return p
        case .createRecontactList(let p): return p
        case .logRecontactCall(let p): return p
        case .holdSlots(let p): return p
        case .restoreBackup(let p): return p
        case .addSeat(let p): return p
        case .removeSeat(let p): return p
        case .addSubscriber(let p): return p
        case .removeSubscriber(let p): return p
        }
    }
}
