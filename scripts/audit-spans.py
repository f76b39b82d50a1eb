#!/usr/bin/env python3
"""Draws option and argument spans at random from this machine's shell scripts, for a
precision audit by hand: each is printed with its script line and the help it points at.

    python3 scripts/audit-spans.py target/release/explain SEED COUNT > audit.txt

Scripts: maintainer scripts (/var/lib/dpkg/info), /etc/init.d, /usr/bin and /usr/sbin files
with a sh, bash or dash shebang. Read each entry and count the ones whose help documents the
word; write the figure and the wrong ones in BENCHMARKS.md.
"""
import glob
import json
import random
import subprocess
import sys

FOLDERS = ["/var/lib/dpkg/info", "/etc/init.d", "/usr/bin", "/usr/sbin"]


def shell_scripts():
    for folder in FOLDERS:
        for path in sorted(glob.glob(folder + "/*")):
            try:
                with open(path, "rb") as f:
                    first = f.readline(100)
            except OSError:
                continue
            shells = (b"/sh", b"bash", b"dash")
            if first.startswith(b"#!") and any(s in first for s in shells):
                if b"python" not in first and b"perl" not in first:
                    yield path


def main():
    exe, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    random.seed(seed)
    pool = []
    for path in shell_scripts():
        source = open(path, "rb").read()
        text = source.decode("utf-8", "replace")
        out = subprocess.run([exe, "--json", "--", text], capture_output=True, text=True)
        try:
            explanation = json.loads(out.stdout)
        except json.JSONDecodeError:
            continue
        # Offsets are into the UTF-8 text explain was given.
        encoded = text.encode()
        helps = {h["id"]: h for h in explanation["helps"]}
        for span in explanation["spans"]:
            if span["kind"] in ("option", "argument") and span["help"]:
                pool.append((encoded, span, helps[span["help"]]))
    for i, (encoded, span, help) in enumerate(random.sample(pool, count), 1):
        start, end = span["start"], span["end"]
        line_start = encoded.rfind(b"\n", 0, start) + 1
        line_end = encoded.find(b"\n", end)
        line_end = len(encoded) if line_end < 0 else line_end
        line = encoded[line_start:line_end].decode("utf-8", "replace").strip()[:140]
        word = encoded[start:end].decode("utf-8", "replace")
        head = (help["head"] or "").replace("\n", " ")[:90]
        body = help["body"].replace("\n", " ")[:150]
        print(f"{i:3} [{span['kind']}] {word!r} in: {line}")
        print(f"     {help['page']} | {head} | {body}")
    print(f"{len(pool)} spans in the pool", file=sys.stderr)


if __name__ == "__main__":
    main()
