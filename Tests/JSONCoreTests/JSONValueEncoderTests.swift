import Foundation
import JSONCore
import Testing

@Suite struct JSONValueEncoderTests {
    struct Inner: Encodable {
        let url: URL
        let ratio: Double
    }

    struct Outer: Encodable {
        let zulu: String
        let alpha: Int?
        let inner: Inner
        let list: [Int]
        enum CodingKeys: String, CodingKey { case zulu, alpha, inner, list }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(zulu, forKey: .zulu)
            try c.encodeIfPresent(alpha, forKey: .alpha)
            try c.encode(inner, forKey: .inner)
            var l = c.nestedUnkeyedContainer(forKey: .list)
            for i in list { try l.encode(i) }
        }
    }

    @Test func keepsTheOrderKeysWereEncodedIn() throws {
        let value = try JSONValueEncoder().encode(
            Outer(zulu: "z", alpha: nil, inner: Inner(url: URL(string: "https://x.dev/a")!, ratio: 0.5), list: [3, 1]))
        #expect(value.compactJSON() == #"{"zulu":"z","inner":{"url":"https://x.dev/a","ratio":0.5},"list":[3,1]}"#)
    }

    @Test func rejectsNonFiniteNumbers() {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Double.nan]) }
    }

    @Test func jsonValuesEncodeAsThemselves() throws {
        let value: JSONValue = ["b": 1, "a": ["c": nil]]
        #expect(try JSONValueEncoder().encode(value).compactJSON() == #"{"b":1,"a":{"c":null}}"#)
    }
}
