import JSONCore
import OpenAPIDocument
import Testing

@testable import SpecDiff

/// The document the rule table edits: a small pet store with every kind of place a change can be in.
enum DiffFixture {
    static let base = """
        openapi: 3.1.0
        info:
          title: Pets
          version: 1.0.0
        security:
          - bearer: []
        paths:
          /pets:
            get:
              operationId: listPets
              tags:
                - pets
              security:
                - oauth:
                    - read
              parameters:
                - name: limit
                  in: query
                  schema:
                    type: integer
                    minimum: 1
                    maximum: 100
                    default: 20
                - name: status
                  in: query
                  schema:
                    type: string
                    enum:
                      - available
                      - sold
                - name: X-Trace
                  in: header
                  schema:
                    type: string
              responses:
                "200":
                  description: The pets
                  headers:
                    X-Rate-Limit:
                      required: true
                      schema:
                        type: integer
                    X-Next:
                      schema:
                        type: string
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/Pet"
                "400":
                  description: Bad request
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Error"
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/NewPet"
              responses:
                "201":
                  description: Created
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Pet"
          /pets/{petId}:
            parameters:
              - name: petId
                in: path
                required: true
                schema:
                  type: string
            get:
              operationId: getPet
              security: []
              responses:
                "200":
                  description: The pet
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Pet"
            delete:
              operationId: deletePet
              responses:
                "204":
                  description: Deleted
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
            oauth:
              type: oauth2
              flows:
                clientCredentials:
                  tokenUrl: https://example.com/token
                  scopes:
                    read: Read pets
                    write: Write pets
          schemas:
            Pet:
              type: object
              required:
                - id
                - name
              properties:
                id:
                  type: string
                  format: uuid
                name:
                  type: string
                  maxLength: 64
                tag:
                  type: string
                status:
                  type: string
                  enum:
                    - available
                    - sold
                owner:
                  type:
                    - string
                    - "null"
                kind:
                  oneOf:
                    - $ref: "#/components/schemas/Cat"
                    - $ref: "#/components/schemas/Dog"
                  discriminator:
                    propertyName: type
            NewPet:
              type: object
              required:
                - name
              properties:
                name:
                  type: string
                  minLength: 1
                  maxLength: 64
                  pattern: ^[a-z]+$
                tag:
                  type: string
                age:
                  type: integer
                  minimum: 0
                tags:
                  type: array
                  maxItems: 10
                  items:
                    type: string
                readonlyId:
                  type: string
                  readOnly: true
                food:
                  oneOf:
                    - title: Brand
                      type: string
                    - title: Code
                      type: integer
            Cat:
              type: object
              properties:
                type:
                  const: cat
                meows:
                  type: boolean
            Dog:
              type: object
              properties:
                type:
                  const: dog
                barks:
                  type: boolean
            Error:
              type: object
              required:
                - message
              properties:
                message:
                  type: string
                code:
                  type: integer
            Unused:
              type: object
              properties:
                note:
                  type: string

        """

    static var baseValue: JSONValue {
        get throws { try SpecDocument.load(bytes: Array(base.utf8), name: "base.yaml").value }
    }

    /// A document read from `value` written as YAML, so that its changes have lines.
    static func document(_ value: JSONValue, name: String) throws -> SpecDocument {
        try SpecDocument.load(bytes: Array(value.yaml().utf8), name: name)
    }
}

extension JSONValue {
    /// Sets (or with nil removes) the value at `pointer`, making objects on the way.
    mutating func set(_ pointer: String, _ newValue: JSONValue?) {
        guard let tokens = JSONPointer(pointer)?.tokens else { return }
        set(tokens[...], newValue)
    }

    private mutating func set(_ tokens: ArraySlice<String>, _ newValue: JSONValue?) {
        guard let first = tokens.first else {
            if let newValue { self = newValue }
            return
        }
        let rest = tokens.dropFirst()
        switch self {
        case .array(var items):
            let index = first == "-" ? items.count : Int(first) ?? items.count
            if rest.isEmpty {
                if let newValue {
                    if index < items.count { items[index] = newValue } else { items.append(newValue) }
                } else if index < items.count {
                    items.remove(at: index)
                }
            } else if index < items.count {
                items[index].set(rest, newValue)
            }
            self = .array(items)
        default:
            var object = objectValue ?? JSONObject()
            if rest.isEmpty {
                object[first] = newValue
            } else {
                var child = object[first] ?? .object(JSONObject())
                child.set(rest, newValue)
                object[first] = child
            }
            self = .object(object)
        }
    }
}
