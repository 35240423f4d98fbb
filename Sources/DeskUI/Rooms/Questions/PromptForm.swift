import Foundation
import DeskCore

/// A short form of text fields and choices, for the outage chain's own forms: declaring an outage and logging a call.
public struct PromptForm: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case declareOutage
        case logCall(organisationID: UUID, party: String)
        case incidentNote(number: String)
        case incidentSeverity(number: String)
        case closeIncident(number: String)
        case recontactCall(itemID: UUID, bookingID: UUID)
    }

    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: String
        /// Non-empty: the value is one of these, stepped with Left/Right/Space.
        public var choices: [String]
        public var maxLength: Int

        public init(_ label: String, value: String = "", choices: [String] = [], maxLength: Int = 200) {
            self.label = label; self.value = value; self.choices = choices; self.maxLength = maxLength
        }
    }

    public var title: String
    public var purpose: Purpose
    public var fields: [Field]
    public var focused = 0
    /// What was wrong with the last Enter, shown in the form.
    public var problem: String?

    public init(title: String, purpose: Purpose, fields: [Field]) {
        self.title = title; self.purpose = purpose; self.fields = fields
    }

    public func value(_ label: String) -> String { fields.first { $0.label == label }?.value ?? "" }

    /// Edits for one key; Enter and Esc are the reducer's.
    mutating func handle(_ key: Key) {
        switch key {
        case .tab, .down: focused = (focused + 1) % fields.count; return
        case .backTab, .up: focused = (focused + fields.count - 1) % fields.count; return
        default: break
        }
        var field = fields[focused]
        if field.choices.isEmpty {
            switch key {
            case .backspace: field.value = String(field.value.dropLast())
            case .ctrl("u"): field.value = ""
            case .space where field.value.count < field.maxLength: field.value += " "
            case .char(let c) where field.value.count < field.maxLength: field.value.append(c)
            default: break
            }
        } else {
            switch key {
            case .left: step(&field, by: -1)
            case .right, .space: step(&field, by: 1)
            default: break
            }
        }
        fields[focused] = field
    }

    /// Puts pasted text into the focused field, cut to its limit; returns how many characters were left out, or nil
    /// for a choice field.
    mutating func paste(_ text: String) -> Int? {
        guard fields[focused].choices.isEmpty else { return nil }
        let (value, leftOut) = PastedText.append(text, to: fields[focused].value, limit: fields[focused].maxLength)
        fields[focused].value = value
        return leftOut
    }

    private func step(_ field: inout Field, by delta: Int) {
        let current = field.choices.firstIndex(of: field.value) ?? 0
        field.value = field.choices[(current + delta + field.choices.count) % field.choices.count]
    }
}
