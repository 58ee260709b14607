"""Where the tests find the public documents they read in place: ../shared/testdata next to the checkout,
$SHARED_DIR, or /work/shared (where these machines keep it)."""
import os
import pathlib

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
