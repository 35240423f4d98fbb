import Foundation
import DeskCore

/// One parser of outside input, fuzzed by `desk-fuzz` (libFuzzer) and replayed from `Fuzz/corpus/` by the tests.
/// Each checks more than "no crash": what it refuses is refused in words fit for a terminal, and what it accepts
/// holds its invariants. A broken invariant is thrown; the fuzzer turns it into a crash with its input saved.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case directoryCSV = "directory-csv"
    case slotTemplateCSV = "slot-template-csv"
    case bookingsCSV = "bookings-csv"
    case fhirBundle = "fhir-bundle"
    case maildirMessage = "maildir-message"
    case noticeTemplate = "notice-template"
    case continuityPlan = "continuity-plan"
    case settings = "settings"
    case keyDecoder = "key-decoder"
    case values = "values"
    case operation = "operation"

    /// The text a target makes of the bytes before parsing, where it makes one (the TOML files): what to look at
    /// when an input fails.
    public func text(of bytes: [UInt8]) -> String? {
        var generator = TOMLFromBytes(bytes)
        switch self {
        case .continuityPlan:
            return generator.document(sections: ConfigTargets.planSections, keys: ConfigTargets.planKeys)
        case .settings: return generator.document(sections: ConfigTargets.settingsSectionsOrNone,
                                                  keys: ConfigTargets.settingsKeys)
        default: return nil
        }
    }

    /// Runs one input through the parser and checks what came out.
    public func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        switch self {
        case .directoryCSV: try ImporterTargets.directory(bytes)
        case .slotTemplateCSV: try ImporterTargets.slotTemplates(bytes)
        case .bookingsCSV, .fhirBundle: try ImporterTargets.bookings(bytes)
        case .maildirMessage: try TextTargets.mailMessage(bytes)
        case .noticeTemplate: try TextTargets.noticeTemplate(bytes)
        case .continuityPlan: try ConfigTargets.continuityPlan(bytes)
        case .settings: try ConfigTargets.settings(bytes)
        case .keyDecoder: try KeyTarget.decode(bytes)
        case .values: try ValueTargets.parse(bytes)
        case .operation: try OperationTarget.decode(bytes)
        }
    }
}

/// An invariant an input broke, in words, with what it concerns.
public struct FuzzViolation: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

enum Invariant {
    /// A message fit for a terminal: no control character (as `Sanitise` defines one) beyond line breaks, and no
    /// Swift type's name leaking out of an error.
    static func inWords(_ message: String, _ what: String) throws(FuzzViolation) {
        if message.unicodeScalars.contains(where: { $0 != "\n" && Sanitise.isControl($0) }) {
            throw FuzzViolation("\(what): a refusal carries a control character: \(message.debugDescription)")
        }
        for leak in ["DecodingError", "Swift.", "Optional(", "CodingKeys("] where message.contains(leak) {
            throw FuzzViolation("\(what): a refusal names a Swift type (\(leak)): \(message.debugDescription)")
        }
        if message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw FuzzViolation("\(what): a refusal says nothing")
        }
    }

    /// An accepted name or text: no control character, no invisible one.
    static func clean(_ text: String, _ what: String) throws(FuzzViolation) {
        if Sanitise.containsControl(text) {
            throw FuzzViolation("\(what) accepted with a control or invisible character: \(text.debugDescription)")
        }
    }

    static func that(_ holds: Bool, _ words: @autoclosure () -> String) throws(FuzzViolation) {
        if !holds { throw FuzzViolation(words()) }
    }
}
