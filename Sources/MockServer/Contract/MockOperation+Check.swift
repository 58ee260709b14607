import OpenAPIDocument
import JSONCore
import JSONSchema
import SpecCheck

/// A request that passed its operation's checks: parameters as the JSON values their schemas describe,
/// and the body parsed.
package struct CheckedRequest: Sendable {
    /// Path and query parameters (and header parameters) by name, converted to their schema's type.
    package var parameters: [String: JSONValue] = [:]
    /// The JSON body, or for `multipart/form-data` an object of its text fields and file names.
    package var body: JSONValue?
    /// The parts of a multipart body.
    package var parts: [MultipartPart] = []
    /// The documented media type the body was matched to.
    package var mediaType: String?
}

extension MockOperation {
    /// The largest JSON body accepted (the documents say 1 MiB).
    package static let maxJSONBody = 1 << 20

    /// Checks parameters and body against the document. Problems name the parameter or point into the body.
    package func check(_ request: APIRequest, pathValues: [String: String]) throws(MockProblem) -> CheckedRequest {
        var checked = CheckedRequest()
        let queryNames = Set(parameters.filter { $0.location == "query" }.map(\.name))
        for parameter in parameters {
            guard let value = try parameter.value(in: request, pathValues: pathValues, queryNames: queryNames) else {
                continue
            }
            checked.parameters[parameter.name] = value
        }
        try checkBody(request, into: &checked)
        return checked
    }

    /// Every problem `check` would refuse the request for, not only the first: one per parameter, then the
    /// body's (a validating proxy reports them all).
    package func problems(_ request: APIRequest, pathValues: [String: String]) -> [MockProblem] {
        var found: [MockProblem] = []
        let queryNames = Set(parameters.filter { $0.location == "query" }.map(\.name))
        for parameter in parameters {
            do {
                _ = try parameter.value(in: request, pathValues: pathValues, queryNames: queryNames)
            } catch {
                found.append(error)
            }
        }
        var checked = CheckedRequest()
        do {
            try checkBody(request, into: &checked)
        } catch {
            found.append(error)
        }
        return found
    }

    private func checkBody(_ request: APIRequest, into checked: inout CheckedRequest) throws(MockProblem) {
        guard let body else { return }
        // An empty `application/x-www-form-urlencoded` body is a form with no fields, not a missing body.
        let emptyForm = request.header("Content-Type").map { MediaType.bare($0) == "application/x-www-form-urlencoded" } == true
        if request.body.isEmpty, !emptyForm {
            guard body.required else { return }
            let documented = body.media.map(\.type).joined(separator: " or ")
            throw .invalid("The request body is missing: send \(documented).", pointer: "")
        }
        let contentType = request.header("Content-Type")
        guard let key = MediaType.documentedKey(for: contentType, in: body.media.map(\.type)),
            let media = body.media.first(where: { $0.type == key })
        else {
            let documented = body.media.map { "'\($0.type)'" }.joined(separator: " or ")
            throw MockProblem(
                status: 415, code: "unsupported_media_type",
                message: contentType.map { "The body is '\($0)'; send it as \(documented)." }
                    ?? "The body has no Content-Type; send it as \(documented).")
        }
        checked.mediaType = media.type
        let bare = MediaType.bare(contentType ?? media.type)
        if bare == "application/json" || bare.hasSuffix("+json") {
            guard request.body.count <= Self.maxJSONBody else {
                throw MockProblem(
                    status: 413, code: "payload_too_large",
                    message: "The request body exceeds \(Self.maxJSONBody) bytes.")
            }
            let value: JSONValue
            do {
                value = try JSONParser(maxDepth: 128).parse(request.body)
            } catch {
                throw .invalid("The body is not valid JSON: \(error.description).")
            }
            try Self.validate(value, with: media.validator)
            checked.body = value
        } else if bare == "multipart/form-data" {
            let parts: [MultipartPart]
            do {
                parts = try MultipartParser.parse(request.body, contentType: contentType ?? "")
            } catch {
                throw .invalid("The multipart body is malformed: \(error.message).")
            }
            // Each field as its schema types it (`temperature=0` is a number), files by their names.
            let fields = parts.map { part in
                FormBody.Field(
                    name: part.name, value: part.filename ?? String(decoding: part.body, as: UTF8.self),
                    contentType: part.filename == nil ? part.contentType : nil)
            }
            let value = FormBody.value(of: fields, schema: media.schema, encoding: media.encoding, document: document)
            checked.body = try Self.validateForm(value, media: media, document: document)
            checked.parts = parts
        } else if bare == "application/x-www-form-urlencoded" {
            let value = FormBody.value(
                of: FormBody.urlEncodedFields(request.body), schema: media.schema, encoding: media.encoding,
                document: document)
            checked.body = try Self.validateForm(value, media: media, document: document)
        }
    }

    /// A form as read, or, when that fails its schema, with its nullable fields' `null` texts as `null`
    /// (Discord's `target_user_id=null`, a nullable snowflake); the first reading's error otherwise.
    static func validateForm(_ value: JSONValue, media: MockOperation.Media, document: JSONValue) throws(MockProblem)
        -> JSONValue
    {
        do {
            try validate(value, with: media.validator)
            return value
        } catch {
            guard let nulls = FormBody.withNulls(value, schema: media.schema, document: document),
                media.validator?.isValid(nulls) != false
            else { throw error }
            return nulls
        }
    }

    static func validate(_ value: JSONValue, with validator: Validator?) throws(MockProblem) {
        guard let validator, let error = validator.validate(value).first else { return }
        let (pointer, message) = describe(error)
        throw .invalid(message, pointer: pointer)
    }

    /// A pointer to the offending member and a message for people. A missing property points at where it
    /// should be (`/input`), as clients expect, rather than at the object that lacks it.
    static func describe(_ error: ValidationError) -> (pointer: String, message: String) {
        let at = error.instanceLocation
        if error.keywordLocation.tokens.last == "required", let name = quotedName(in: error.message) {
            return (
                at.appending(name).description, "'\(at.appending(name).tokens.joined(separator: "."))' is required."
            )
        }
        let place = at.tokens.isEmpty ? "the body" : "'\(at.tokens.joined(separator: "."))'"
        return (at.description, "Invalid \(place): \(error.message).")
    }

    /// The JSON string in `required property "name" is missing`.
    static func quotedName(in message: String) -> String? {
        guard let start = message.firstIndex(of: "\""), let end = message.lastIndex(of: "\""), start < end else {
            return nil
        }
        return try? JSONParser().parse(String(message[start...end])).stringValue
    }
}

extension MockOperation.Parameter {
    /// The parameter's value as JSON, read as its style writes it and checked against its schema; nil when
    /// it is absent and optional. `queryNames` are the operation's query parameters, which an exploded
    /// object parameter does not take for its properties.
    func value(in request: APIRequest, pathValues: [String: String], queryNames: Set<String>) throws(MockProblem)
        -> JSONValue?
    {
        let label = "\(location.prefix(1).uppercased() + location.dropFirst()) parameter '\(name)'"
        if location == "query", case .primitive = serialization.shape, request.queryValues(name).count > 1 {
            throw .invalid("\(label) is given \(request.queryValues(name).count) times; send it once.", parameter: name)
        }
        let source = ParameterSerialization.Source(
            query: request.query, path: pathValues[name], header: request.header(name),
            cookies: APIRequest.cookies(request.header("Cookie")).map { (name: $0.0, value: $0.1) },
            otherQueryNames: queryNames.subtracting([name]))
        guard let value = serialization.value(in: source) else {
            let sentEmpty = location == "query" && !request.queryValues(name).isEmpty
            if required && !(sentEmpty && serialization.allowEmptyValue) {
                throw .invalid("\(label) is required.", parameter: name)
            }
            return nil
        }
        guard let validator, let error = validator.validate(value).first else { return value }
        // The text can mean more than the first type of its schema says: a `oneOf` of a string and an array
        // (Discord's `tag=00` is the string), or a nullable item written `null` (`sku_ids=0&sku_ids=null`).
        let texts = location == "query" && serialization.style == .form ? request.queryValues(name) : []
        if let other = Self.otherReadings(of: value, text: texts).first(where: validator.isValid) {
            return other
        }
        throw .invalid("\(label): \(error.message).", parameter: name)
    }

    /// Other values a parameter's text may stand for, when the reading its schema's first type gives is
    /// refused: the one text of a form query parameter as a plain string, and `null` for each `null` text.
    static func otherReadings(of value: JSONValue, text: [String]) -> [JSONValue] {
        var readings: [JSONValue] = []
        if text.count == 1, value != .string(text[0]) { readings.append(.string(text[0])) }
        switch value {
        case .string("null"): readings.append(.null)
        case .array(let items) where items.contains("null"):
            readings.append(.array(items.map { $0 == "null" ? .null : $0 }))
        default: break
        }
        return readings
    }
}



extension APIRequest {
    static func cookies(_ header: String?) -> [(String, String)] {
        guard let header else { return [] }
        return header.split(separator: ";").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]).trimmingBlanks, String(parts[1]).trimmingBlanks)
        }
    }
}
