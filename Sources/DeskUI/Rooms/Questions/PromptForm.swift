import Foundation
import DeskCore

/// A short form of text fields and choices, for the outage chain's own forms: declaring an outage and logging a call.
public struct PromptForm: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case declareOutage
        case sendUpdate
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
        /// A choice field that also takes what is typed instead (a number learned on the phone).
        public var typeable: Bool
        /// More than one: a paragraph, wrapped over this many lines and edited with a cursor.
        public var lines: Int
        /// Where typing goes in a paragraph, in characters from its start.
        public var cursor: Int

        public init(_ label: String, value: String = "", choices: [String] = [], maxLength: Int = 200,
                    typeable: Bool = false, lines: Int = 1) {
            self.label = label; self.value = value; self.choices = choices; self.maxLength = maxLength
            self.typeable = typeable; self.lines = lines; self.cursor = value.count
        }

        var isParagraph: Bool { lines > 1 && choices.isEmpty }
        /// Typing replaces a chosen value, and edits a typed one.
        var isTyped: Bool { !choices.contains(value) }
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
        if field.isParagraph {
            edit(&field, key)
        } else if field.typeable {
            switch key {
            case .left: step(&field, by: -1)
            case .right: step(&field, by: 1)
            case .backspace: field.value = field.isTyped ? String(field.value.dropLast()) : ""
            case .ctrl("u"): field.value = ""
            case .space where field.isTyped && field.value.count < field.maxLength: field.value += " "
            case .char(let c) where field.value.count < field.maxLength:
                field.value = (field.isTyped ? field.value : "") + String(c)
            default: break
            }
        } else if field.choices.isEmpty {
            TypedLine.edit(&field.value, key, limit: field.maxLength)
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
        var field = fields[focused]
        guard field.choices.isEmpty || field.typeable else { return nil }
        if field.isParagraph {
            // Into the paragraph where the cursor is; what is after it stays after it.
            let at = min(field.cursor, field.value.count)
            let before = String(field.value.prefix(at)), after = String(field.value.dropFirst(at))
            let (value, leftOut) = PastedText.append(text, to: before, limit: field.maxLength - after.count)
            field.value = value + after
            field.cursor = value.count
            fields[focused] = field
            return leftOut
        }
        let (value, leftOut) = PastedText.append(text, to: field.isTyped ? field.value : "", limit: field.maxLength)
        fields[focused].value = value
        return leftOut
    }

    /// A paragraph's keys: the cursor moves along it, and typing and Backspace act where it is.
    private func edit(_ field: inout Field, _ key: Key) {
        var text = Array(field.value)
        let at = min(max(0, field.cursor), text.count)
        switch key {
        case .left: field.cursor = max(0, at - 1)
        case .right: field.cursor = min(text.count, at + 1)
        case .home: field.cursor = 0
        case .end: field.cursor = text.count
        case .backspace where at > 0:
            text.remove(at: at - 1)
            field.value = String(text); field.cursor = at - 1
        case .delete where at < text.count:
            text.remove(at: at)
            field.value = String(text)
        case .ctrl("u"): field.value = ""; field.cursor = 0
        case .space where text.count < field.maxLength:
            text.insert(" ", at: at); field.value = String(text); field.cursor = at + 1
        case .char(let c) where text.count < field.maxLength:
            text.insert(c, at: at); field.value = String(text); field.cursor = at + 1
        default: break
        }
    }

    private func step(_ field: inout Field, by delta: Int) {
        let current = field.choices.firstIndex(of: field.value) ?? 0
        field.value = field.choices[(current + delta + field.choices.count) % field.choices.count]
    }
}
