"""The "Checking changes" guide shows what the tools do: its command's output is what the page quotes,
and its ignore and severity files are accepted as written.

Run by scripts/test.sh after `swift build`; SPECVALIDATE_BIN names the executable.
"""
import os
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("SPECVALIDATE_BIN", str(ROOT / ".build" / "debug" / "specvalidate"))
PAGE = (ROOT / "content" / "checking-changes.md").read_text()


def blocks(language):
    """The page's code blocks in `language`, without the indentation of a block nested in a list item."""
    found = re.findall(rf"```{language}\n(.*?)\n\s*```", PAGE, re.S)
    return [re.sub(r"(?m)^  ", "", block) if all(line.startswith("  ") for line in block.splitlines() if line)
            else block for block in found]


def test_the_quoted_output_is_what_the_command_prints():
    command = next(block for block in blocks("sh") if block.startswith("specvalidate diff git:48bd587"))
    result = subprocess.run([BIN, *command.split()[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    quoted = next(block for block in blocks("text") if block.startswith("ERR "))
    assert quoted in result.stdout


def test_the_ignore_and_severity_files_are_read_as_written(tmp_path):
    ignore, severity = [block for block in blocks("text") if not block.startswith("ERR ")]
    (tmp_path / "ignore.txt").write_text(ignore + "\n")
    (tmp_path / "levels.txt").write_text(severity + "\n")
    base = "git:48bd587:site/openapi/agentscode.openapi.yaml"
    revision = "git:7166839:site/openapi/agentscode.openapi.yaml"
    plain = subprocess.run([BIN, "diff", base, revision], cwd=ROOT, capture_output=True, text=True, timeout=120)
    result = subprocess.run([BIN, "diff", base, revision, "--ignore", str(tmp_path / "ignore.txt"), "--severity",
                             str(tmp_path / "levels.txt")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "fingerprint: ddc3575d9607b87c" in plain.stdout and "ddc3575d9607b87c" not in result.stdout
    assert "in GET /credits/history" in plain.stdout and "in GET /credits/history" not in result.stdout


def test_the_site_has_the_page():
    page = (ROOT / "site" / "checking-changes.html").read_text()
    assert "specvalidate diff" in page and 'href="spec-notes.html#breaking-changes"' in page
