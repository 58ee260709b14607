import OpenAPIDocument
import JSONCore

/// Why a request was refused: status, a stable code, a message for people, and where the problem is
/// (a JSON pointer into the body or the name of a parameter). Each API shapes it into its own error body.
package struct MockProblem: Error, Sendable, Equatable {
    package var status: Int
    package var code: String
    package var message: String
    package var pointer: String?
    package var parameter: String?
    package var headers: [Header] = []

    package struct Header: Sendable, Equatable {
        package var name: String
        package var value: String
    }

    package init(
        status: Int, code: String, message: String, pointer: String? = nil, parameter: String? = nil,
        headers: [Header] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.pointer = pointer
        self.parameter = parameter
        self.headers = headers
    }

    static func invalid(_ message: String, pointer: String? = nil, parameter: String? = nil) -> MockProblem {
        MockProblem(status: 400, code: "invalid_request", message: message, pointer: pointer, parameter: parameter)
    }

    static func notFound(_ message: String) -> MockProblem {
        MockProblem(status: 404, code: "not_found", message: message)
    }
}

/// How an API writes its error body.
package enum ErrorStyle: Sendable {
    /// AgentsCode: `{"error": {"code", "message", "pointer"?, "parameter"?}}`.
    case agentsCode
    /// OpenAgents: `{"success": false, "message", "error": {"code", "pointer"?, "parameter"?}}`.
    case openAgents
    /// Any other document: RFC 9457 problem details, `application/problem+json`.
    case problemDetails

    func response(for problem: MockProblem) -> APIResponse {
        let headers = problem.headers.map { (name: $0.name, value: $0.value) }
        switch self {
        case .agentsCode:
            var error: JSONObject = ["code": .string(problem.code), "message": .string(problem.message)]
            if let pointer = problem.pointer { error["pointer"] = .string(pointer) }
            if let parameter = problem.parameter { error["parameter"] = .string(parameter) }
            return .json(problem.status, ["error": .object(error)], headers: headers)
        case .openAgents:
            var error: JSONObject = ["code": .string(problem.code)]
            if let pointer = problem.pointer { error["pointer"] = .string(pointer) }
            if let parameter = problem.parameter { error["parameter"] = .string(parameter) }
            return .json(
                problem.status, ["success": false, "message": .string(problem.message), "error": .object(error)],
                headers: headers)
        case .problemDetails:
            var body: JSONObject = [
                "type": "about:blank", "title": .string(Self.reason(problem.status)),
                "status": .number(JSONNumber(problem.status)), "detail": .string(problem.message),
                "code": .string(problem.code),
            ]
            if let pointer = problem.pointer { body["pointer"] = .string(pointer) }
            if let parameter = problem.parameter { body["parameter"] = .string(parameter) }
            return .json(problem.status, .object(body), contentType: "application/problem+json", headers: headers)
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        default: "Error"
        }
    }
}
