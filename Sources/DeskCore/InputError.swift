/// A problem with something a person or a file gave us, saying where: the line and the field.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var field: String?
    public var message: String

    public init(line: Int? = nil, field: String? = nil, _ message: String) {
        self.line = line; self.field = field; self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let field { place.append("column '\(field)'") }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}
