import JSONCore
import Testing

@Suite struct JSONNumberTests {
    @Test(arguments: [
        ("1", "1.0"), ("1", "1e0"), ("1", "10e-1"), ("0", "-0.0"),
        ("123456789012345678901234567890", "1.23456789012345678901234567890e29"), ("0.1", "1e-1"),
    ])
    func equalValuesCompareEqual(a: String, b: String) throws {
        let x = try #require(JSONNumber(a))
        let y = try #require(JSONNumber(b))
        #expect(x == y)
        #expect(x.hashValue == y.hashValue)
    }

    @Test func longIntegersStayExact() throws {
        let a = try #require(JSONNumber("123456789012345678901234567890"))
        let b = try #require(JSONNumber("123456789012345678901234567891"))
        #expect(a != b)
        #expect(a.text == "123456789012345678901234567890")
        #expect(a.isInteger)
        #expect(a.intValue == nil)
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "1e", "+1", "1.5e+", "NaN", "0x10", " 1"])
    func rejectsNonJSONNumbers(text: String) {
        #expect(JSONNumber(text) == nil)
    }

    @Test func integerness() throws {
        #expect(try #require(JSONNumber("2.0")).isInteger)
        #expect(try #require(JSONNumber("2e3")).intValue == 2000)
        #expect(try #require(JSONNumber("2.5")).isInteger == false)
        #expect(JSONNumber(12.142).text == "12.142")
        #expect(JSONNumber(100.0).text == "100")
    }
}
