"""Writes a synthetic documentation corpus for the site benchmark (BENCHMARKS.md):

    python3 bench/gen_corpus.py OUT_DIR [PAGES]

OUT_DIR/content/ gets PAGES markdown pages (default 5,000) in sections of 100, each with YAML front
matter (title, description, order), headings, paragraphs with emphasis, inline code and links to
neighbouring pages, a GFM table, a task list, and fenced code blocks (json, bash, python); the
pages are deterministic (seeded), about 4 KB each. OUT_DIR/hugo/ is a Hugo site over the same
markdown (a symlink to content/) with minimal layouts that, like docgen's, put the page in a layout
with its section's navigation and previous/next links.
"""
import os
import random
import sys

WORDS = (
    "agent job credit balance cursor page request response schema token header status queue retry "
    "limit window input output result progress webhook event schedule transcript video upload file "
    "model prompt workflow node trigger deploy server client error field value default required"
).split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 18)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    i = rng.randrange(1, n)
    words[i] = rng.choice([f"**{words[i]}**", f"*{words[i]}*", f"`{words[i]}`"])
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def page(rng, section, number, sections, per_section):
    title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}"
    lines = [
        "---",
        f"title: \"{title}\"",
        f"description: \"{sentence(rng, 10)[:-1]}\"",
        f"order: {number}",
        "---",
        "",
        paragraph(rng),
        "",
    ]
    for h in range(3):
        lines += [f"## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {h + 1}", "", paragraph(rng), ""]
        other = rng.randrange(per_section)
        lines += [f"See [the {rng.choice(WORDS)} page](page-{other:04d}.md) for more.", ""]
        if h == 0:
            lines += ["| Field | Type | Required | Description |", "|---|---|:-:|---|"]
            for _ in range(5):
                lines.append(
                    f"| `{rng.choice(WORDS)}` | {rng.choice(['string', 'integer', 'boolean', 'object'])} | "
                    f"{rng.choice(['yes', 'no'])} | {sentence(rng, 6)} |"
                )
            lines.append("")
        if h == 1:
            lines += ["```json", "{", f'  "{rng.choice(WORDS)}": "{rng.choice(WORDS)}",',
                      f'  "{rng.choice(WORDS)}": {rng.randint(1, 999)},', f'  "ok": true', "}", "```", ""]
            lines += ["```bash", f"curl -s https://api.example.com/v1/{rng.choice(WORDS)} \\",
                      '  -H "Authorization: Bearer $TOKEN"', "```", ""]
        if h == 2:
            lines += ["### Steps", "", f"- [x] {sentence(rng, 5)}", f"- [ ] {sentence(rng, 5)}",
                      f"- [ ] ~~{rng.choice(WORDS)}~~ {sentence(rng, 4)}", ""]
            lines += ["```python", "import requests", "", f"response = requests.get(\"https://api.example.com/v1/"
                      f"{rng.choice(WORDS)}\", timeout=30)", "print(response.json())", "```", ""]
    return "\n".join(lines)


HUGO_CONFIG = """baseURL = "http://localhost:8000/"
title = "Benchmark corpus"
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false
[markup.goldmark.renderer]
unsafe = false
[markup.highlight]
codeFences = true
noClasses = false
"""

BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}"><link rel="stylesheet" href="/style.css"></head>
<body><nav>{{ with .CurrentSection }}<h2>{{ .Title }}</h2><ul>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""


def main():
    out = sys.argv[1]
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    rng = random.Random(20261123)
    per_section = 100
    sections = (pages + per_section - 1) // per_section
    content = os.path.join(out, "content")
    written = 0
    for s in range(sections):
        folder = os.path.join(content, f"section-{s:03d}")
        os.makedirs(folder, exist_ok=True)
        count = min(per_section, pages - written)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            # Hugo's section page; docgen reads it as one more page of the section.
            f.write(f"---\ntitle: \"Section {s}\"\norder: 0\n---\n\n{paragraph(rng)}\n")
        for n in range(count - 1):
            with open(os.path.join(folder, f"page-{n:04d}.md"), "w") as f:
                f.write(page(rng, s, n, sections, count - 1))
        written += count
    hugo = os.path.join(out, "hugo")
    for d in ("layouts/_default", "static"):
        os.makedirs(os.path.join(hugo, d), exist_ok=True)
    files = {
        "hugo.toml": HUGO_CONFIG,
        "layouts/_default/baseof.html": BASEOF,
        "layouts/_default/single.html": SINGLE,
        "layouts/_default/list.html": LIST,
        "static/style.css": "body{font-family:sans-serif}\n",
    }
    for name, text in files.items():
        with open(os.path.join(hugo, name), "w") as f:
            f.write(text)
    link = os.path.join(hugo, "content")
    if not os.path.islink(link):
        os.symlink(os.path.abspath(content), link)
    print(f"wrote {written} pages in {sections} sections to {content}")


if __name__ == "__main__":
    main()
