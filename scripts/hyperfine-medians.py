#!/usr/bin/env python3
"""Prints the median of each command in a hyperfine JSON export, and first/second median ratio."""
import json
import sys

data = json.load(open(sys.argv[1]))
medians = []
for r in data["results"]:
    medians.append(r["median"])
    print("%s: median %.2f ms, mean %.2f ms +- %.2f, %d runs"
          % (r["command"], r["median"] * 1000, r["mean"] * 1000, r["stddev"] * 1000, len(r["times"])))
print("ratio (first/second): %.3f" % (medians[0] / medians[1]))
