"""Python peers of the loading benchmark (scripts/bench-load.sh), one process per run:
    python3 bench/load_python.py pyyaml PATH    PyYAML's C loader (YAML 1.1), one file, references as written
    python3 bench/load_python.py prance PATH    prance's resolver: every file the references name, inlined
"""
import sys


def count(value):
    total, stack = 0, [value]
    while stack:
        node = stack.pop()
        total += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return total


mode, path = sys.argv[1], sys.argv[2]
if mode == "pyyaml":
    import yaml
    with open(path) as f:
        document = yaml.load(f, Loader=yaml.CSafeLoader)
    print(f"1 file, {count(document)} values")
elif mode == "prance":
    import pathlib
    import yaml
    from prance.util import resolver
    from prance.util.url import absurl
    url = absurl(str(pathlib.Path(path).resolve()))
    with open(path) as f:
        specs = yaml.load(f, Loader=yaml.CSafeLoader)
    # Files only, as a bundler does: references within a file stay references; a cycle stops at a reference.
    ref = resolver.RefResolver(specs, url, resolve_types=resolver.RESOLVE_FILES,
                               recursion_limit_handler=lambda limit, refstring, recursions: {"$ref": refstring})
    ref.resolve_references()
    print(f"{count(ref.specs)} values")
else:
    raise SystemExit(f"unknown mode {mode}")
