#!/usr/bin/env python3
"""Writes tests/pages/<name>.toml: the full option list that `explain` extracts from one page
now, for a person to check against the rendered page (`man -P cat PAGE`) and correct.

    cargo build --release -p manpage --examples
    python3 scripts/new-page-case.py manpages/man1/gzip.1.gz [generator]
    python3 scripts/new-page-case.py tests/fixtures/pages/man1/llc-14.1.gz sphinx

The page is given by its path under manpages/ (the shipped corpus) or tests/fixtures/pages/.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def plain(texts):
    paras = []
    for t in texts:
        p = re.sub(r"\s+", " ", "".join(r["text"] for r in t["runs"])).strip()
        if p:
            paras.append(p)
    return "\n\n".join(paras)


def main():
    path = sys.argv[1]
    generator = sys.argv[2] if len(sys.argv) > 2 else ""
    for base in ("manpages/", "tests/fixtures/pages/"):
        if path.startswith(base):
            rel = path[len(base):]
            break
    else:
        sys.exit("the page must be under manpages/ or tests/fixtures/pages/")
    out = subprocess.run(
        [os.path.join(ROOT, "target/release/examples/page"), os.path.join(ROOT, path), "--json"],
        check=True, capture_output=True, text=True,
    ).stdout
    page = json.loads(out)
    name = os.path.basename(rel).split(".")[0]
    lines = [
        f"# {page['name']}({page['section']}): every option the page defines, read against",
        "# `man -P cat` of the page. Written by scripts/new-page-case.py, then checked by hand.",
        f"page = {toml_str(path)}",
        f"generator = {toml_str(generator)}",
        "",
    ]
    for o in page["options"]:
        lines.append("[[option]]")
        lines.append("flags = [" + ", ".join(toml_str(f["text"]) for f in o["flags"]) + "]")
        a = o.get("argument")
        if a:
            lines.append(f"argument = {toml_str(a['name'])}")
            if a["need"] == "Optional":
                lines.append("optional = true")
        if o.get("values"):
            lines.append("values = [" + ", ".join(toml_str(v["name"]) for v in o["values"]) + "]")
        help_start = plain(o["help"])[:60].rstrip()
        lines.append(f"help = {toml_str(help_start)}")
        lines.append("")
    dest = os.path.join(ROOT, "tests/pages", name + ".toml")
    with open(dest, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {dest}: {len(page['options'])} options")


if __name__ == "__main__":
    main()
