"""Writes a large synthetic OpenAPI 3.1 document for the site benchmark and the large-spec test:

    python3 bench/gen_spec.py OUT.json [OPERATIONS]

OPERATIONS (default 2,000) operations over OPERATIONS/5 resources in 40 tags: each resource has list
(cursor pagination, query parameters), create (request body), retrieve, update and delete; every
resource has a component schema with nested objects, arrays, enums, formats, an allOf of a shared
base, a $ref to another resource's schema, and examples; errors share one schema and responses.
Deterministic (seeded). 2,000 operations make a JSON document of several MB.
"""
import json
import random
import sys

WORDS = ("agent job credit invoice order customer file project team webhook event report model run "
         "token secret device region bucket alert metric trace log query dataset label comment").split()


def main():
    out = sys.argv[1]
    operations = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(2000)
    resources = max(1, operations // 5)
    names = [f"{WORDS[i % len(WORDS)]}{i // len(WORDS) or ''}" for i in range(resources)]
    schemas = {
        "Base": {
            "type": "object",
            "required": ["id", "createdAt"],
            "properties": {
                "id": {"type": "string", "format": "uuid", "readOnly": True, "description": "Unique id."},
                "createdAt": {"type": "string", "format": "date-time", "readOnly": True},
                "metadata": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 500},
                             "description": "Up to 16 key-value pairs."},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                "code": {"type": "string", "enum": ["bad_request", "unauthorized", "not_found", "rate_limited"]},
                "message": {"type": "string"},
                "pointer": {"type": "string", "format": "json-pointer"}}}},
            "example": {"error": {"code": "not_found", "message": "No such resource."}},
        },
    }
    paths = {}
    tags = [f"{WORDS[i % len(WORDS)].capitalize()} {i}" for i in range(40)]
    count = 0
    for i, name in enumerate(names):
        title = name[0].upper() + name[1:]
        other = names[(i + 1) % len(names)]
        other_title = other[0].upper() + other[1:]
        status = rng.sample(["draft", "active", "paused", "archived", "failed", "deleted"], 4)
        schemas[title] = {
            "description": f"A {name}: {' '.join(rng.choice(WORDS) for _ in range(12))}.",
            "allOf": [{"$ref": "#/components/schemas/Base"}, {
                "type": "object",
                "required": ["name", "status"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 120, "example": f"My {name}"},
                    "status": {"type": "string", "enum": status, "default": status[0]},
                    "count": {"type": "integer", "minimum": 0, "maximum": 10000},
                    "ratio": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "owner": {"type": "string", "format": "email"},
                    "settings": {"type": "object", "properties": {
                        "retries": {"type": "integer", "default": 3},
                        "window": {"type": "string", "format": "duration"},
                        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 20}}},
                    "related": {"$ref": f"#/components/schemas/{other_title}"} if other != name else {"type": "null"},
                },
            }],
        }
        tag = tags[i % len(tags)]
        collection = f"/{name}s"
        item = f"/{name}s/{{{name}Id}}"
        ref = {"$ref": f"#/components/schemas/{title}"}
        id_param = {"name": f"{name}Id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
        errors = {"401": {"$ref": "#/components/responses/Unauthorized"},
                  "404": {"$ref": "#/components/responses/NotFound"}}
        paths[collection] = {
            "get": {
                "operationId": f"list{title}s", "tags": [tag], "summary": f"List {name}s",
                "description": f"Returns a page of {name}s, newest first. Pass `after` to continue.",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
                    {"name": "after", "in": "query", "schema": {"type": "string"}, "description": "Cursor."},
                    {"name": "status", "in": "query", "schema": {"type": "string", "enum": status}},
                ],
                "responses": {"200": {"description": "A page.", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["data", "hasMore"], "properties": {
                        "data": {"type": "array", "items": ref}, "hasMore": {"type": "boolean"},
                        "nextCursor": {"type": ["string", "null"]}}}}}}, **errors},
            },
            "post": {
                "operationId": f"create{title}", "tags": [tag], "summary": f"Create a {name}",
                "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
                "responses": {"201": {"description": "Created.", "content": {"application/json": {"schema": ref}}},
                              "400": {"$ref": "#/components/responses/BadRequest"}, **errors},
            },
        }
        paths[item] = {
            "parameters": [id_param],
            "get": {"operationId": f"get{title}", "tags": [tag], "summary": f"Retrieve a {name}",
                    "responses": {"200": {"description": "The resource.", "content": {"application/json": {"schema": ref}}},
                                  **errors}},
            "patch": {"operationId": f"update{title}", "tags": [tag], "summary": f"Update a {name}",
                      "requestBody": {"content": {"application/json": {"schema": ref}}},
                      "responses": {"200": {"description": "Updated.", "content": {"application/json": {"schema": ref}}},
                                    **errors}},
            "delete": {"operationId": f"delete{title}", "tags": [tag], "summary": f"Delete a {name}",
                       "responses": {"204": {"description": "Deleted."}, **errors}},
        }
        count += 5
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Generated API", "version": "1.0.0",
                 "description": f"A generated document with {count} operations for benchmarks and tests."},
        "servers": [{"url": "https://api.example.com/v1"}],
        "security": [{"bearer": []}],
        "tags": [{"name": t, "description": f"Operations on {t.lower()}."} for t in tags],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                code: {"description": text, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                for code, text in [("BadRequest", "The request does not match the schema."),
                                   ("Unauthorized", "Missing or wrong API key."),
                                   ("NotFound", "No such resource.")]
            },
        },
    }
    with open(out, "w") as f:
        json.dump(document, f, indent=2, sort_keys=False)
        f.write("\n")
    print(f"wrote {count} operations, {len(schemas)} schemas to {out}")


if __name__ == "__main__":
    main()
