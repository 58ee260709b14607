"""Where the tests find the public documents they read in place: ../shared/testdata next to the checkout,
$SHARED_DIR, or /work/shared (where these machines keep it)."""
import functools
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def shared_dir():
    for candidate in (os.environ.get("SHARED_DIR"), ROOT.parent / "shared", "/work/shared"):
        if candidate and (pathlib.Path(candidate) / "testdata").is_dir():
            return pathlib.Path(candidate)
    raise AssertionError("../shared/testdata not found; set SHARED_DIR")


def public_documents():
    """Every public OpenAPI document: the 36 single files of real-openapi/, DigitalOcean's split one (its
    entry file), and OpenAI's."""
    real = shared_dir() / "testdata" / "real-openapi"
    found = sorted(p for p in real.iterdir() if p.suffix in (".json", ".yaml"))
    found.append(real / "digitalocean" / "specification" / "DigitalOcean-public.v2.yaml")
    found.append(shared_dir() / "testdata" / "openai-openapi" / "openapi.yaml")
    return found


@functools.lru_cache(maxsize=None)
def lint_json(path):
    """`specvalidate lint --spec PATH --format json` as (exit status, report): run once per document in the
    pytest process, since several tests read the same report (OpenAI's takes 17 s in a debug build)."""
    specvalidate = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
    result = subprocess.run([specvalidate, "lint", "--spec", str(path), "--format", "json"], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)
