import Foundation

// The values an operation carries are written in JSON the way people write them ("2026-12-01", "09:30",
// "01632960001") and checked when read back: an operation can come from another site, so decoding it is reading
// input, and a day 2026-13-45 or a phone number of letters is refused there. Older saved forms (drafts, plans)
// wrote the fields out ({"year":2026,…}); they still decode, through the same checks.

/// Decodes a value written as one string, or in the keyed form `legacy` reads; both through `make`'s checks.
func decodeWire<T>(_ decoder: Decoder, what: String, make: (String) -> T?,
                   legacy: (Decoder) throws -> T?) throws -> T {
    if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
        guard let value = make(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(Sanitise.visible(text))' is not \(what)"))
        }
        return value
    }
    guard let value = try legacy(decoder) else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not \(what)"))
    }
    return value
}

private enum LegacyKeys: String, CodingKey { case year, month, day, minutes, digits }

extension LocalDate {
    public init(from decoder: Decoder) throws {
        self = try decodeWire(decoder, what: "a day written YYYY-MM-DD", make: LocalDate.init(iso:)) { decoder in
            let keyed = try decoder.container(keyedBy: LegacyKeys.self)
            return LocalDate(year: try keyed.decode(Int.self, forKey: .year),
                             month: try keyed.decode(Int.self, forKey: .month), day: try keyed.decode(Int.self,
                                 forKey: .day))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(iso)
    }
}

extension TimeOfDay {
    public init(from decoder: Decoder) throws {
        self = try decodeWire(decoder, what: "a time written HH:MM", make: TimeOfDay.init(parsing:)) { decoder in
            TimeOfDay(minutes: try decoder.container(keyedBy: LegacyKeys.self).decode(Int.self, forKey: .minutes))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(description)
    }
}

extension PhoneNumber {
    public init(from decoder: Decoder) throws {
        // Digits a desk wrote are read as written (an earlier version's number must still apply); text as people
        // write it goes through the form's checks.
        let read = { (text: String) in PhoneNumber(stored: text) ?? (try? PhoneNumber(parsing: text)) }
        self = try decodeWire(decoder, what: "a UK phone number", make: read) { decoder in
            read(try decoder.container(keyedBy: LegacyKeys.self).decode(String.self, forKey: .digits))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(digits)
    }
}

extension NHSNumber {
    public init(from decoder: Decoder) throws {
        self = try decodeWire(decoder, what: "a valid NHS number", make: { try? NHSNumber(parsing: $0) }) { decoder in
            try? NHSNumber(parsing: try decoder.container(keyedBy: LegacyKeys.self).decode(String.self,
                forKey: .digits))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(digits)
    }
}

extension BookingSource {
    /// Its stored code: `nhs111`, `ed` or `ed:<uuid>`, `phone`, `walk-in`, `central`.
    public init(from decoder: Decoder) throws {
        self = try decodeWire(decoder, what: "a booking source", make: BookingSource.init(code:)) { _ in nil }
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(code)
    }
}

extension EmailAddress {
    public init(from decoder: Decoder) throws {
        self = try decodeWire(decoder, what: "an email address", make: { try? EmailAddress(parsing: $0) }) { decoder in
            try? EmailAddress(parsing: try decoder.container(keyedBy: ValueKey.self).decode(String.self,
                forKey: .value))
        }
    }

    private enum ValueKey: String, CodingKey { case value }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(value)
    }
}

extension InboundMail: Codable {
    private enum Keys: String, CodingKey { case headers, body }

    /// Headers as `[[name, value], …]`, in order: a message may repeat one.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: Keys.self)
        let pairs = try keyed.decode([[String]].self, forKey: .headers)
        guard pairs.allSatisfy({ $0.count == 2 }) else {
            throw DecodingError.dataCorruptedError(forKey: .headers, in: keyed,
                                                   debugDescription: "each header is [name, value]")
        }
        self.init(headers: pairs.map { (name: $0[0], value: $0[1]) }, body: try keyed.decode(String.self,
            forKey: .body))
    }

    public func encode(to encoder: Encoder) throws {
        var keyed = encoder.container(keyedBy: Keys.self)
        try keyed.encode(headers.map { [$0.name, $0.value] }, forKey: .headers)
        try keyed.encode(body, forKey: .body)
    }
}
