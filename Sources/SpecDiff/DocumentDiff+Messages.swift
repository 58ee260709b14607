import JSONCore
import OpenAPIDocument

extension DocumentDiff {
    mutating func compareRequestBodies(_ old: APIOperation, _ new: APIOperation, operation: APIChange.Operation) {
        let oldBody = old.value["requestBody"].map {
            LocalReference.resolve($0, at: old.pointer.appending("requestBody"), in: base.value)
        }
        let newBody = new.value["requestBody"].map {
            LocalReference.resolve($0, at: new.pointer.appending("requestBody"), in: revision.value)
        }
        switch (oldBody, newBody) {
        case (nil, let body?):
            let required = body.value["required"]?.boolValue == true
            emit(
                required ? "request-body-added-required" : "request-body-added-optional",
                "\(required ? "required" : "optional") request body added", operation: operation, subject: "",
                base: old.pointer, revision: body.pointer)
        case (let body?, nil):
            emit(
                "request-body-removed", "request body removed", operation: operation, subject: "",
                base: body.pointer, revision: new.pointer)
        case (let oldBody?, let newBody?):
            let oldRequired = oldBody.value["required"]?.boolValue == true
            let newRequired = newBody.value["required"]?.boolValue == true
            if oldRequired != newRequired {
                emit(
                    newRequired ? "request-body-became-required" : "request-body-became-optional",
                    "request body became \(newRequired ? "required" : "optional")", operation: operation, subject: "",
                    base: oldBody.pointer, revision: newBody.pointer)
            }
            compareContent(
                oldBody, newBody, request: true, label: "request body", operation: operation,
                removedID: "request-body-media-type-removed", addedID: "request-body-media-type-added")
        default: break
        }
    }

    /// The media types of a request body or response: each removed or added, and the schemas of those in both.
    private mutating func compareContent(
        _ old: (value: JSONValue, pointer: JSONPointer), _ new: (value: JSONValue, pointer: JSONPointer),
        request: Bool, label: String, operation: APIChange.Operation, removedID: String, addedID: String
    ) {
        let oldContent = old.value["content"]?.objectValue?.members ?? []
        let newContent = new.value["content"]?.objectValue?.members ?? []
        func find(_ type: String, in content: [(key: String, value: JSONValue)]) -> (key: String, value: JSONValue)? {
            content.first { MediaType.bare($0.key) == MediaType.bare(type) }
        }
        for (type, media) in oldContent {
            let oldPointer = old.pointer.appending("content").appending(type)
            guard let (newType, newMedia) = find(type, in: newContent) else {
                emit(
                    removedID, "\(label): media type \(type) removed", operation: operation,
                    subject: "\(label) \(type)",
                    base: oldPointer, revision: new.pointer)
                continue
            }
            let newPointer = new.pointer.appending("content").appending(newType)
            if let oldSchema = media["schema"], let newSchema = newMedia["schema"] {
                compareSchemas(
                    .init(value: oldSchema, pointer: oldPointer.appending("schema")),
                    .init(value: newSchema, pointer: newPointer.appending("schema")),
                    at: SchemaPlace(request: request, root: .body, label: "\(label) \(MediaType.bare(type))"),
                    operation: operation)
            }
        }
        for (type, _) in newContent where find(type, in: oldContent) == nil {
            emit(
                addedID, "\(label): media type \(type) added", operation: operation, subject: "\(label) \(type)",
                base: old.pointer, revision: new.pointer.appending("content").appending(type))
        }
    }

    mutating func compareResponses(_ old: APIOperation, _ new: APIOperation, operation: APIChange.Operation) {
        let oldResponses = old.value["responses"]?.objectValue?.members ?? []
        let newResponses = new.value["responses"]?.objectValue?.members ?? []
        let oldRoot = old.pointer.appending("responses"), newRoot = new.pointer.appending("responses")
        func find(_ status: String, in responses: [(key: String, value: JSONValue)]) -> (key: String, value: JSONValue)?
        {
            responses.first { $0.key.uppercased() == status.uppercased() }
        }
        for (status, value) in oldResponses where !status.hasPrefix("x-") {
            let success = status.hasPrefix("2")
            let oldResponse = LocalReference.resolve(value, at: oldRoot.appending(status), in: base.value)
            guard let (newStatus, newValue) = find(status, in: newResponses) else {
                emit(
                    success ? "response-success-status-removed" : "response-non-success-status-removed",
                    "response \(status) removed", operation: operation, subject: status,
                    base: oldRoot.appending(status), revision: newRoot)
                continue
            }
            let newResponse = LocalReference.resolve(newValue, at: newRoot.appending(newStatus), in: revision.value)
            compareContent(
                oldResponse, newResponse, request: false, label: "response \(status)", operation: operation,
                removedID: "response-media-type-removed", addedID: "response-media-type-added")
            compareHeaders(oldResponse, newResponse, status: status, operation: operation)
        }
        for (status, _) in newResponses where !status.hasPrefix("x-") && find(status, in: oldResponses) == nil {
            emit(
                status.hasPrefix("2") ? "response-success-status-added" : "response-non-success-status-added",
                "response \(status) added", operation: operation, subject: status, base: oldRoot,
                revision: newRoot.appending(status))
        }
    }

    private mutating func compareHeaders(
        _ old: (value: JSONValue, pointer: JSONPointer), _ new: (value: JSONValue, pointer: JSONPointer),
        status: String, operation: APIChange.Operation
    ) {
        let oldHeaders = old.value["headers"]?.objectValue?.members ?? []
        let newHeaders = new.value["headers"]?.objectValue?.members ?? []
        func find(_ name: String, in headers: [(key: String, value: JSONValue)]) -> (key: String, value: JSONValue)? {
            headers.first { $0.key.lowercased() == name.lowercased() }
        }
        for (name, value) in oldHeaders {
            let oldHeader = LocalReference.resolve(
                value, at: old.pointer.appending("headers").appending(name), in: base.value)
            let oldRequired = oldHeader.value["required"]?.boolValue == true
            let label = "response \(status) header \(name)"
            guard let (newName, newValue) = find(name, in: newHeaders) else {
                emit(
                    oldRequired ? "required-response-header-removed" : "optional-response-header-removed",
                    "\(label) removed", operation: operation, subject: label.lowercased(), base: oldHeader.pointer,
                    revision: new.pointer)
                continue
            }
            let newHeader = LocalReference.resolve(
                newValue, at: new.pointer.appending("headers").appending(newName), in: revision.value)
            let newRequired = newHeader.value["required"]?.boolValue == true
            if oldRequired != newRequired {
                emit(
                    newRequired ? "response-header-became-required" : "response-header-became-optional",
                    "\(label) became \(newRequired ? "required" : "optional")", operation: operation,
                    subject: label.lowercased(), base: oldHeader.pointer, revision: newHeader.pointer)
            }
            if let oldSchema = Self.schema(of: oldHeader.value, at: oldHeader.pointer),
                let newSchema = Self.schema(of: newHeader.value, at: newHeader.pointer)
            {
                compareSchemas(
                    oldSchema, newSchema, at: SchemaPlace(request: false, root: .header, label: label),
                    operation: operation)
            }
        }
        for (name, value) in newHeaders where find(name, in: oldHeaders) == nil {
            let label = "response \(status) header \(name)"
            emit(
                "response-header-added", "\(label) added", operation: operation, subject: label.lowercased(),
                base: old.pointer, revision: new.pointer.appending("headers").appending(name))
            _ = value
        }
    }
}
