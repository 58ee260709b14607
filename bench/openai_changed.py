"""Writes OpenAI's document with the 20 changes of Tests/SpecDiffTests (DiffDocumentsTests) to argv[2]."""
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
d = yaml.load(open(sys.argv[1]), Loader=Loader)
S = d["components"]["schemas"]
P = d["paths"]
del P["/files/{file_id}"]["delete"]
P["/health"] = {"get": {"responses": {"200": {"description": "OK"}}}}
P["/models"]["get"]["operationId"] = "listAllModels"
P["/embeddings"]["post"]["deprecated"] = True
files = P["/files"]["get"]
files["parameters"][2]["schema"]["enum"] = ["desc"]
files["parameters"][1]["schema"]["maximum"] = 10000
files["parameters"].append({"name": "project", "in": "query", "required": True, "schema": {"type": "string"}})
del files["parameters"][0]
S["CreateEmbeddingRequest"]["properties"]["project"] = {"type": "string"}
S["CreateEmbeddingRequest"].setdefault("required", []).append("project")
S["CreateBatchRequest"]["properties"]["completion_window"]["enum"].append("48h")
del S["DeleteModelResponse"]["required"][2]
del S["CreateModerationResponse"]["properties"]["model"]
S["CreateSpeechRequest"]["properties"]["input"]["maxLength"] = 2048
S["ProjectCreateRequest"]["properties"]["name"]["maxLength"] = 64
del P["/batches"]["post"]["responses"]["200"]
P["/models"]["get"]["responses"]["200"]["content"]["text/plain"] = {"schema": {"type": "string"}}
P["/embeddings"]["post"]["requestBody"]["required"] = False
files["tags"].append("Storage")
d["components"]["securitySchemes"]["AdminApiKeyAuth"]["type"] = "apiKey"
P["/models"]["get"]["responses"]["200"]["headers"] = {"X-Request-Id": {"schema": {"type": "string"}}}
with open(sys.argv[2], "w") as out:
    yaml.dump(d, out, Dumper=Dumper, sort_keys=False, allow_unicode=True)
