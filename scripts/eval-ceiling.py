#!/usr/bin/env python3
"""How much of `explain eval`'s shortfall the pages could make up at all.

    explain --index IDX eval tldr-commands.jsonl --misses 100000 --json > report.json
    python3 scripts/eval-ceiling.py report.json --index IDX [--roots manpages /usr/share/man]

For every option token left unexplained, finds the page that explains its command (the program
or sub-command span before it), renders that page with `man -l -P cat`, and asks whether the
flag appears in the text at all:

  in text   the page mentions the flag somewhere: an extraction or matching gap, or a mention
            that documents something else (an upper bound on what the extractor could add);
  absent    the page never mentions it: no extractor can explain it from this page.

Prints the counts, the ceiling share (explained + in text) / tokens, and writes one TSV row per
token (status, page, program, flag, command) to --out for reading.
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
from pathlib import Path


def page_file(page, roots):
    m = re.match(r"(.+)\((\w+)\)$", page)
    if not m:
        return None
    name, sec = m.group(1), m.group(2)
    for root in roots:
        for ext in (".gz", ""):
            hits = glob.glob(f"{root}/man{sec[0]}/{glob.escape(name)}.{sec}{ext}")
            if hits:
                return hits[0]
    return None


def rendered(path):
    env = {**os.environ, "MANWIDTH": "200", "LC_ALL": "C.UTF-8"}
    try:
        out = subprocess.run(["man", "-l", "-P", "cat", path], capture_output=True, timeout=30, env=env).stdout
    except subprocess.TimeoutExpired:
        return ""
    text = re.sub(r".\x08", "", out.decode("utf-8", "replace"))
    return text.replace("\u2010", "-").replace("\u2212", "-")


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", help="explain eval --json output")
    ap.add_argument("--index", required=True, help="the index the report was made with")
    ap.add_argument("--explain", default=str(root / "target" / "release" / "explain"))
    ap.add_argument("--roots", nargs="+", default=[str(root / "manpages"), "/usr/share/man"],
                    help="the trees the index was built from, in the same order")
    ap.add_argument("--out", default=None, help="write one TSV row per unexplained token here")
    args = ap.parse_args()

    report = json.load(open(args.report))
    texts = {}
    rows = []
    for missed in report["missed_lines"]:
        command = missed["command"]
        run = subprocess.run([args.explain, "--index", args.index, "--json", command],
                             capture_output=True, timeout=30)
        if run.returncode != 0:
            continue
        program = None
        for span in json.loads(run.stdout)["spans"]:
            if span["kind"] in ("program", "subcommand"):
                program = span
            elif span["kind"] == "unknown" and span["text"].startswith(("-", "+")) and program and program.get("page"):
                flag = span["text"].split("=")[0]
                page = program["page"]
                if page not in texts:
                    path = page_file(page, args.roots)
                    texts[page] = rendered(path) if path else None
                text = texts[page]
                if text is None:
                    status = "no file"
                elif re.search(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", text):
                    status = "in text"
                else:
                    status = "absent"
                rows.append((status, page, program["text"], flag, command))
    if args.out:
        with open(args.out, "w") as f:
            for r in rows:
                f.write("\t".join(r) + "\n")
    counts = collections.Counter(r[0] for r in rows)
    tokens, explained = report["option_tokens"], report["explained"]
    print(f"option tokens: {tokens}, explained: {explained} ({100 * explained / tokens:.2f}%)")
    for status in ("in text", "absent", "no file"):
        print(f"  unexplained, flag {status}: {counts.get(status, 0)}")
    ceiling = explained + counts.get("in text", 0)
    print(f"ceiling (explained + in text): {ceiling} ({100 * ceiling / tokens:.2f}%)")
    by_page = collections.Counter(r[1] for r in rows if r[0] == "absent")
    print("pages with the most tokens they never mention:",
          ", ".join(f"{p} {n}" for p, n in by_page.most_common(12)))


if __name__ == "__main__":
    sys.exit(main())
