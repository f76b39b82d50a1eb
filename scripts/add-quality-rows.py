#!/usr/bin/env python3
"""Add the quality-gate rows (tests/quality/) of shipped pages that have none yet.

The inventories in ../shared/quality (see its README) cover the man pages
installed on the machine that built them.  For every page of manpages/ that has
rows there but none in tests/quality/, this script appends them:

  - man-generators.tsv: the row as it is;
  - mandoc-tags.tsv: the rows as they are when the shipped page is the same file
    as the one the inventory was made from (/usr/share/man/PAGE, same bytes once
    uncompressed); otherwise regenerated from the shipped page with
    ../shared/quality/mandoc-options.sh (needs `mandoc`);
  - help-options.tsv: the rows whose option the shipped page still mentions.

Rows already in tests/quality/ are never changed.  Prints what it added.

Usage: python3 scripts/add-quality-rows.py [--shared ../shared/quality]
Python 3 standard library only.
"""

import argparse
import gzip
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(REPO, "manpages")
GATE = os.path.join(REPO, "tests", "quality")


def rows(path):
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or cols[0] == "page":
                continue
            out.setdefault(cols[0], []).append(line.rstrip("\n"))
    return out


def text(path):
    try:
        with gzip.open(path, "rb") as fh:
            return fh.read()
    except OSError:
        with open(path, "rb") as fh:
            return fh.read()


def mentions(page_text, option):
    plain = page_text.decode("utf-8", "replace")
    plain = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", plain)
    plain = re.sub(r"\\[\^|%:,/&)]", "", plain).replace("\\-", "-").replace("\\(hy", "-")
    plain = re.sub(r"(?<![\w-])Fl\s+(?=\S)", "-", plain)
    return re.search(r"(?<![\w-])%s(?![\w])" % re.escape(option), plain) is not None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "quality"))
    args = ap.parse_args()
    shipped = []
    for sec in sorted(os.listdir(CORPUS)):
        folder = os.path.join(CORPUS, sec)
        if re.fullmatch(r"man\w+", sec) and os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if not os.path.islink(os.path.join(folder, name)):
                    shipped.append(sec + "/" + name)
    have = set()
    for name in ("mandoc-tags.tsv", "help-options.tsv", "man-generators.tsv"):
        have |= set(rows(os.path.join(GATE, name)))
    added = {}
    for name in ("man-generators.tsv", "mandoc-tags.tsv", "help-options.tsv"):
        theirs = rows(os.path.join(args.shared, name))
        new = []
        for page in shipped:
            if page in have or page not in theirs:
                continue
            ours = os.path.join(CORPUS, page)
            local = os.path.join("/usr/share/man", page)
            same = os.path.exists(local) and text(local) == text(ours)
            if name == "mandoc-tags.tsv" and not same:
                out = subprocess.run(["sh", os.path.join(args.shared, "mandoc-options.sh"), ours],
                                     stdout=subprocess.PIPE, universal_newlines=True, check=True)
                new += ["%s\t%s" % (page, o) for o in out.stdout.split()]
            elif name == "help-options.tsv" and not same:
                body = text(ours)
                new += [r for r in theirs[page] if mentions(body, r.split("\t")[1])]
            else:
                new += theirs[page]
        if new:
            with open(os.path.join(GATE, name), "a", encoding="utf-8") as fh:
                fh.write("".join(r + "\n" for r in new))
        added[name] = new
    for name, new in added.items():
        pages = sorted({r.split("\t")[0] for r in new})
        print("%s: %d rows for %d pages: %s" % (name, len(new), len(pages), " ".join(pages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
