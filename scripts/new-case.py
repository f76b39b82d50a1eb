#!/usr/bin/env python3
"""Writes a golden case for a command line from what explain says now, for review.

    python3 scripts/new-case.py NAME 'tar -xzvf x.tgz'      # writes tests/cases/NAME.toml
    python3 scripts/new-case.py NAME 'demo -a x' matcher    # against tests/fixtures/matcher

Read the file before committing it: a case asserts what is right, not what the code does.
Each span's `help` keeps the first line of the help and the start of its first paragraph;
the test checks that the real help starts with it.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

def toml_str(s):
    return json.dumps(s, ensure_ascii=False)

def main():
    name, command = sys.argv[1], sys.argv[2]
    fixture = sys.argv[3] if len(sys.argv) > 3 else None
    root = Path(__file__).resolve().parent.parent
    # EXPLAIN_BIN=target/release/explain uses a release build instead of the debug one.
    exe = Path(os.environ.get("EXPLAIN_BIN", root / "target" / "debug" / "explain"))
    args = [str(exe), "--json", command]
    if fixture:
        index = root / "target" / f"fixture-index-{fixture}"
        subprocess.run([str(exe), "index", "--output", str(index), str(root / "tests" / "fixtures" / fixture)],
                       capture_output=True, check=True)
        args = [str(exe), "--index", str(index), "--json", command]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    helps = {h["id"]: h for h in data["helps"]}
    lines = [f"command = {toml_str(command)}"]
    if fixture:
        lines.append(f"index = {toml_str(fixture)}")
    lines.append("")
    for s in data["spans"]:
        h = helps.get(s["help"])
        s = dict(s, page=h and h["page"],
                 help=h and "\n\n".join(p for p in [h["head"] or "", h["body"]] if p))
        lines.append("[[span]]")
        lines.append(f"text = {toml_str(s['text'])}")
        lines.append(f"kind = {toml_str(s['kind'])}")
        lines.append(f"group = {s['group']}")
        if s["page"]:
            lines.append(f"page = {toml_str(s['page'])}")
        if s["option"]:
            lines.append(f"option = {toml_str(s['option'])}")
        if s.get("other_pages"):
            lines.append(f"other_pages = {json.dumps(s['other_pages'])}")
        if s["help"]:
            paras = s["help"].split("\n\n")
            start = paras[0]
            if len(paras) > 1 and len(start) < 60:
                start += "\n\n" + paras[1][:70]
            else:
                start = start[:90]
            lines.append(f"help = {toml_str(start)}")
        lines.append("")
    path = Path(__file__).resolve().parent.parent / "tests" / "cases" / f"{name}.toml"
    path.write_text("\n".join(lines))
    print(path)

if __name__ == "__main__":
    main()
