import Foundation
import DeskCore

/// The small parsers every form and file goes through. The bytes are split at a NUL into what is tried as each.
/// Whatever is accepted writes itself out in a form that reads back as the same value; what is refused is said
/// in words.
enum ValueTargets {
    static let zone = TimeZone(identifier: "Europe/London")!

    static func parse(_ bytes: [UInt8]) throws(FuzzViolation) {
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        switch Result(catching: { () throws(PhoneNumber.Problem) in try PhoneNumber(parsing: text) }) {
        case .success(let phone):
            try Invariant.that((try? PhoneNumber(parsing: phone.description)) == phone,
                               "a phone number does not read back: \(text.debugDescription) → \(phone)")
            try Invariant.that(phone.digits.allSatisfy(\.isASCII) && phone.digits.allSatisfy(\.isNumber),
                               "a phone number keeps a character that is not a digit: \(phone.digits.debugDescription)")
        case .failure(let problem): try Invariant.inWords(problem.description, "a phone number")
        }
        switch Result(catching: { () throws(EmailAddress.Problem) in try EmailAddress(parsing: text) }) {
        case .success(let email):
            try Invariant.that((try? EmailAddress(parsing: email.value)) == email,
                               "an email address does not read back: \(email.value.debugDescription)")
            for forbidden in ["<", ">", ",", ";", "\n", "\r", " "] where email.value.contains(forbidden) {
                throw FuzzViolation("an email address that could break a header: \(email.value.debugDescription)")
            }
        case .failure(let problem): try Invariant.inWords(problem.description, "an email address")
        }
        switch Result(catching: { () throws(NHSNumber.Problem) in try NHSNumber(parsing: text) }) {
        case .success(let nhs):
            try Invariant.that((try? NHSNumber(parsing: nhs.description)) == nhs,
                               "an NHS number does not read back: \(nhs)")
        case .failure(let problem): try Invariant.inWords(problem.description, "an NHS number")
        }
        if let day = LocalDate(iso: text) {
            try Invariant.that(LocalDate(iso: day.iso) == day, "a date does not read back: \(day.iso)")
        }
        if let day = LocalDate(ukSlashed: text) {
            try Invariant.that(LocalDate(iso: day.iso) == day, "a DD/MM/YYYY date does not read back: \(day.iso)")
        }
        _ = LocalDate.impossibleDate(text)
        if let time = TimeOfDay(parsing: text) {
            try Invariant.that(TimeOfDay(parsing: time.description) == time, "a time does not read back: \(time)")
        }
        if let instant = Instant.parse(text, zone: zone) {
            let again = Instant.parse(Instant.iso(instant), zone: zone)
            try Invariant.that(again.map { abs($0.timeIntervalSince(instant)) < 1 } == true,
                               "an instant does not read back: \(Instant.iso(instant))")
        }
        if let duration = PlanDuration(parsing: text) {
            try Invariant.that(PlanDuration(parsing: duration.description) == duration && duration.seconds > 0,
                               "a duration does not read back: \(duration)")
        }
        if let hours = SupportHours.parse(text) {
            var table = SupportHours.seed003
            table.bySeverity[3] = hours
            try Invariant.inWords(table.words(for: 3), "support hours in words")
        }
    }
}
