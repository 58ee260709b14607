import OpenAPIDocument

/// Cross-origin answers, as Prism gives them by default, so that a docs site's try-it console on another
/// origin can call the mock and the proxy: preflight requests are answered here, every other answer names
/// the caller's origin and exposes its headers (`sl-violations` among them).
package enum CORS {
    /// The answer to a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`), or nil
    /// when `request` is not one.
    package static func preflight(_ request: APIRequest) -> APIResponse? {
        guard request.method == "OPTIONS", let origin = request.header("Origin"),
            let method = request.header("Access-Control-Request-Method")
        else { return nil }
        var headers: [(name: String, value: String)] = [
            ("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Methods", method),
            ("Access-Control-Allow-Credentials", "true"), ("Access-Control-Max-Age", "600"), ("Vary", "Origin"),
        ]
        if let asked = request.header("Access-Control-Request-Headers") {
            headers.append(("Access-Control-Allow-Headers", asked))
        }
        return APIResponse(status: 204, headers: headers)
    }

    /// Adds the headers an answer to `request` carries: the caller's origin allowed (`*` without one), and
    /// every header of the answer readable by the page. In place, as this runs for every answer.
    package static func add(to answer: inout APIResponse, for request: APIRequest) {
        var exposed = ""
        for (name, _) in answer.headers where !name.caseInsensitiveEquals("content-type") {
            if !exposed.isEmpty { exposed += ", " }
            exposed += name
        }
        if let origin = request.header("Origin") {
            answer.headers.append(("Access-Control-Allow-Origin", origin))
            answer.headers.append(("Access-Control-Allow-Credentials", "true"))
            answer.headers.append(("Vary", "Origin"))
        } else {
            answer.headers.append(("Access-Control-Allow-Origin", "*"))
        }
        if !exposed.isEmpty { answer.headers.append(("Access-Control-Expose-Headers", exposed)) }
    }
}
