import Testing
@testable import DeskCore

@Suite struct NHSNumberTests {
    @Test("known valid numbers pass, with spaces or dashes", arguments: ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
    func valid(_ text: String) throws {
        let number = try NHSNumber(parsing: text)
        #expect(number.digits.count == 10)
    }

    @Test func checkDigitMismatchIsRefused() {
        #expect(throws: NHSNumber.Problem.checkDigitMismatch) { try NHSNumber(parsing: "9434765918") }
    }

    @Test func numberWhoseCheckWouldBeTenIsRefused() {
        // 0,0,0,0,0,0,0,0,6: weighted sum 6 × 2 = 12, 12 mod 11 = 1, 11 - 1 = 10, so no check digit exists.
        #expect(NHSNumber.checkDigit(for: [0, 0, 0, 0, 0, 0, 0, 0, 6]) == nil)
        #expect(throws: NHSNumber.Problem.checkDigitInvalid) { try NHSNumber(parsing: "0000000060") }
        // 9,4,3,4,7,6,5,9,1: weighted sum 299, 299 mod 11 = 2, check digit 9.
        #expect(NHSNumber.checkDigit(for: [9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9)
    }

    @Test func wrongLengthAndLettersAreRefused() {
        #expect(throws: NHSNumber.Problem.wrongLength(9)) { try NHSNumber(parsing: "943476591") }
        #expect(throws: NHSNumber.Problem.invalidCharacter("x")) { try NHSNumber(parsing: "94347x5919") }
    }

    @Test func printedThreeThreeFour() throws {
        #expect(try NHSNumber(parsing: "9434765919").description == "943 476 5919")
    }
}

@Suite struct PhoneNumberTests {
    @Test("UK forms normalise to national digits", arguments: [
        ("01632 960123", "01632960123"), ("+44 1632 960123", "01632960123"), ("0044 (0)1632-960123", "01632960123"),
        ("07700 900123", "07700900123"), ("(01632) 960 123", "01632960123"),
    ])
    func normalises(_ input: String, _ digits: String) throws {
        #expect(try PhoneNumber(parsing: input).digits == digits)
    }

    @Test func groupsForReading() throws {
        #expect(try PhoneNumber(parsing: "01632960123").description == "01632 960123")
        #expect(try PhoneNumber(parsing: "02079460000").description == "020 7946 0000")
        #expect(try PhoneNumber(parsing: "01134960000").description == "0113 496 0000")
    }

    @Test func badNumbersAreRefused() {
        #expect(throws: PhoneNumber.Problem.empty) { try PhoneNumber(parsing: "  ") }
        #expect(throws: PhoneNumber.Problem.wrongLength(6)) { try PhoneNumber(parsing: "016329") }
        #expect(throws: PhoneNumber.Problem.notNational) { try PhoneNumber(parsing: "+1 555 0100 123") }
        #expect(throws: PhoneNumber.Problem.invalidCharacter("\n")) { try PhoneNumber(parsing: "01632\n960123") }
    }

    /// Found by fuzzing: "0044 0441 121122" was saved as 00441121122, shown as "00441 121122", and read back from
    /// the store as no number at all, so the booking holding it dropped out of the day. A 0 written after the
    /// country code is the national 0; whatever still starts 00 dials abroad and is refused in words.
    @Test func aNumberThatDialsAbroadIsRefusedAndTheNationalZeroAfterPlus44IsDropped() throws {
        #expect(try PhoneNumber(parsing: "0044 0441 121122").digits == "0441121122")
        #expect(try PhoneNumber(parsing: "+44 020 7946 0000").digits == "02079460000")
        #expect(try PhoneNumber(parsing: "+44 (0)20 7946 0000").digits == "02079460000")
        for abroad in ["00331234567", "0033 1 23 45 67 89", "+44 00 1234 5678", "0044 00441121122"] {
            #expect(throws: PhoneNumber.Problem.dialsAbroad, "\(abroad)") { try PhoneNumber(parsing: abroad) }
        }
        #expect(PhoneNumber.Problem.dialsAbroad.description
                == "phone number dials abroad (00); start with 0 or +44")
        for text in ["0044 0441 121122", "+44 020 7946 0000", "01632 960123", "07700900123"] {
            let phone = try PhoneNumber(parsing: text)
            #expect(try PhoneNumber(parsing: phone.description) == phone, "what is shown reads back: \(text)")
            #expect(PhoneNumber(stored: phone.digits) == phone)
        }
    }

    /// What an earlier version saved is read as it was saved, even where today's rules refuse it; only what is not
    /// digits is not a stored number.
    @Test func aStoredNumberReadsAsItWasSaved() {
        #expect(PhoneNumber(stored: "00441121122")?.digits == "00441121122")
        #expect(PhoneNumber(stored: "01632960123")?.description == "01632 960123")
        #expect(PhoneNumber(stored: "") == nil)
        #expect(PhoneNumber(stored: "01632 960123") == nil)
        #expect(PhoneNumber(stored: "0163296012x") == nil)
    }
}

@Suite struct EmailAddressTests {
    @Test func domainIsLowercasedLocalPartKept() throws {
        #expect(try EmailAddress(parsing: " Brooke@Example.ORG ").value == "Brooke@example.org")
    }

    @Test("header injection and malformed addresses are refused", arguments: [
        "a@example.org\r\nBcc: x@evil.example", "no-at-sign", "@example.org", "a@localhost", "a b@example.org", "a@exa..mple.org",
    ])
    func refused(_ text: String) {
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress(parsing: text) }
    }
}

@Suite struct SanitiseTests {
    @Test func escapeSequencesNeverPassThrough() {
        let shown = Sanitise.visible("Eve\u{1B}[2J\u{07}\u{202E}x")
        #expect(!shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(shown.hasPrefix("Eve·[2J"))
    }
}
