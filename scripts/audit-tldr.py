#!/usr/bin/env python3
"""Draws one explained option span from each of COUNT random tldr command lines, for a precision
audit by hand: each is printed with its line and the help it points at (page, head, body start).

    python3 scripts/audit-tldr.py SEED COUNT > audit.txt     # uses target/release/explain

Read each entry, count the ones whose help documents the typed option, and write the figure
and the wrong ones in BENCHMARKS.md ("Precision on tldr").
"""
import json, random, subprocess, sys
random.seed(int(sys.argv[1])); n=int(sys.argv[2])
lines=[json.loads(l) for l in open('/work/shared/corpus/tldr-commands.jsonl')][1:]
random.shuffle(lines)
out=0
for rec in lines:
    cmd=rec['command']
    if rec.get('variant')=='long': continue
    r=subprocess.run(['target/release/explain','--json',cmd],capture_output=True,text=True)
    if r.returncode: continue
    v=json.loads(r.stdout); h={x['id']:x for x in v['helps']}
    opts=[s for s in v['spans'] if s['kind']=='option' and s['help'] is not None]
    if not opts: continue
    s=random.choice(opts); x=h[s['help']]
    print(f"{out+1}. {cmd}\n   [{s['text']}] -> {x['page']}: {(x['head'] or '')[:70]} :: {(x['body'] or '')[:110]}")
    out+=1
    if out>=n: break
