import Testing
@testable import DeskCore

@Suite struct CSVTests {
    func parse(_ text: String) throws(InputError) -> [CSVRecord] { try CSV.parse(Array(text.utf8)) }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let records = try parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\nlast,row")
        #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\"\nthere"], ["last", "row"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAndBOMAreSkipped() throws {
        let records = try CSV.parse([0xEF, 0xBB, 0xBF] + Array("a,b\n\n1,2\n".utf8))
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func unclosedQuoteNamesTheLineItOpened() {
        #expect(throws: InputError(line: 2, "a quoted field is never closed (missing \")")) {
            try parse("a,b\n\"open,2\n3,4\n")
        }
    }

    @Test func quoteInsideUnquotedFieldIsRefused() {
        #expect(throws: InputError.self) { try parse("a,b\nab\"c,2\n") }
    }

    @Test func invalidUTF8NamesTheLine() {
        let bytes = Array("a,b\n1,2\n".utf8) + [0x66, 0xFF, 0x2C, 0x33, 0x0A]
        #expect(throws: InputError(line: 3, "text is not valid UTF-8 (save the file as UTF-8)")) { try CSV.parse(bytes) }
    }

    @Test func formulaCellsAreNeutralisedAndRestored() {
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("+44") == "\"'+44\"")
        #expect(CSV.unneutralise("'=1+1") == "=1+1")
        #expect(CSV.unneutralise("'quoted") == "'quoted")
    }
}
