import MockServer
import OpenAPIDocument
import Testing

/// The value a request carries for an `Authorization` scheme: the scheme matched without case, one space,
/// the rest without the blanks around it; nothing for a bare scheme, another scheme, or no space.
@Suite struct CredentialTests {
    @Test(arguments: [
        ("Bearer sk_test", "sk_test"), ("bearer sk_test", "sk_test"), ("BEARER  sk_test ", "sk_test"),
        ("Bearer", nil), ("Bearer ", nil), ("Bearer    ", nil), ("Bearersk_test", nil), ("Basic sk_test", nil),
        ("Beare sk_test", nil), ("Bearér sk_test", nil),
    ] as [(String, String?)])
    func theAuthorizationSchemeIsReadFromTheHeader(header: String, expected: String?) {
        let request = APIRequest(method: "GET", target: "/", headers: [("Authorization", header)])
        #expect(MockOperation.credential(for: .authorization(scheme: "Bearer"), in: request) == expected)
    }
}
