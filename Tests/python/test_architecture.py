"""The layering ARCHITECTURE.md describes, checked from the manifest (`swift package dump-package`) and the
sources' imports: generic tools never reach the two APIs' model, and each third-party library lives in one
place.
"""
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]

# The site, the checks, the mock, the conformance run and the preview read documents through the
# document module; only the executables and publishing (SpecIO) join the model to the tools.
GENERIC = ["OpenAPIDocument", "JSONCore", "JSONSchema", "SpecCheck", "SpecDiff", "DocSite", "DocPreview", "MockServer",
           "Conformance"]
MODEL = {"SpecModel", "SpecIO"}
# Where each third-party product may be named (tests aside).
PRODUCTS = {
    "Yams": {"OpenAPIDocument"},
    "OpenAPIKit": {"SpecModel", "SpecIO", "SpecCheck"},
    "ArgumentParser": {"CommandLineTool", "docgen", "specvalidate"},
}


def manifest():
    result = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return {t["name"]: t for t in json.loads(result.stdout)["targets"]}


def local(target):
    return [d["byName"][0] for d in target["dependencies"] if "byName" in d] + \
        [d["target"][0] for d in target["dependencies"] if "target" in d]


def products(target):
    return [d["product"][0] for d in target["dependencies"] if "product" in d]


def closure(targets, name):
    seen, stack = set(), [name]
    while stack:
        for dependency in local(targets[stack.pop()]):
            if dependency in targets and dependency not in seen:
                seen.add(dependency)
                stack.append(dependency)
    return seen


def test_generic_libraries_do_not_depend_on_the_two_apis_model():
    targets = manifest()
    for name in GENERIC:
        assert name in targets, name
        reached = closure(targets, name)
        assert not reached & MODEL, f"{name} reaches {sorted(reached & MODEL)}"
    # Everything that reads a document goes through the document module.
    for name in ["SpecCheck", "SpecDiff", "DocSite", "MockServer", "Conformance", "DocPreview"]:
        assert "OpenAPIDocument" in closure(targets, name), name


def test_each_third_party_library_lives_in_one_place():
    targets = manifest()
    for name, target in targets.items():
        # Benchmarks' baselines may use what they measure against (bench/LoadDocument: the Yams loader before).
        if target["type"] == "test" or (target.get("path") or "").startswith("bench/"):
            continue
        for product in products(target):
            if product in PRODUCTS:
                assert name in PRODUCTS[product], f"{name} depends on {product}"


def test_sources_import_third_party_libraries_only_where_the_manifest_allows():
    for path in sorted((ROOT / "Sources").rglob("*.swift")):
        target = path.relative_to(ROOT / "Sources").parts[0]
        for module in re.findall(r"^(?:@\w+(?:\([^)]*\))? )*import (\w+)", path.read_text(), re.M):
            if module in PRODUCTS:
                assert target in PRODUCTS[module], f"{path.relative_to(ROOT)} imports {module}"
        if target == "SpecCheck" and "import OpenAPIKit" in path.read_text():
            # In the checks, OpenAPIKit is the structural lint's alone.
            assert path.name == "StructuralLint.swift", path


def test_executables_share_one_main_and_load_documents_through_the_library():
    for tool in ("docgen", "specvalidate"):
        sources = {p.name: p.read_text() for p in (ROOT / "Sources" / tool).glob("*.swift")}
        mains = [name for name, text in sources.items() if "static func main() async" in text]
        assert len(mains) == 1, (tool, mains)
        assert "await mainExitingTwoOnBadUsage()" in sources[mains[0]]
        for name, text in sources.items():
            # Documents are read by OpenAPIDocument (SpecDocument, SourceFile), never parsed here.
            assert "YAMLDecoder" not in text and "Yams" not in text, (tool, name)
