#!/usr/bin/python3
"""report.py OUT ROOT BUILD_ROOT TARGET...: write OUT/report.json and OUT/report.md
from what fuzz/nightly.sh left in OUT/<target>/ (meta.env, crashes.tsv)."""
import json
import os
import sys


def read_env(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = int(v) if v.lstrip("-").isdigit() else v
    return out


def main():
    out, root, build_root, targets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    repro = os.path.relpath(os.path.join(build_root, "fuzz-libfuzzer", "fuzz"), root)
    report = {"out": out, "targets": {}}
    for t in targets:
        meta = read_env(os.path.join(out, t, "meta.env"))
        crashes = []
        tsv = os.path.join(out, t, "crashes.tsv")
        if os.path.exists(tsv):
            for line in open(tsv):
                sig, new, raw, minimized, frames = line.rstrip("\n").split("\t", 4)
                crashes.append({
                    "signature": sig, "new": new == "1", "frames": frames, "input": raw,
                    "minimized": minimized,
                    "reproduce": "%s/%s %s" % (repro, t, minimized),
                    "log": minimized + ".log",
                })
        meta["crashes"] = crashes
        report["targets"][t] = meta
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    lines = ["# camsim nightly fuzzing report", "", "Run directory: `%s`" % out, "",
             "| target | engine | seconds | execs | execs/s | coverage | corpus | new inputs | crashes |",
             "|---|---|---|---|---|---|---|---|---|"]
    for t, m in report["targets"].items():
        if m.get("engine") == "afl":
            cov = "%s edges (%s)" % (m.get("edges", 0), m.get("bitmap_cvg", "?"))
        else:
            cov = "cov %s / ft %s" % (m.get("cov", 0), m.get("ft", 0))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %d (%d new) |" % (
            t, m.get("engine", "?"), m.get("seconds", 0), m.get("execs", 0),
            m.get("exec_per_sec", 0), cov, m.get("corpus_size", 0), m.get("new_inputs", 0),
            len(m["crashes"]), sum(c["new"] for c in m["crashes"])))
    for t, m in report["targets"].items():
        for c in m["crashes"]:
            lines += ["", "## %s: crash %s%s" % (t, c["signature"], " (NEW)" if c["new"] else ""),
                      "", "Top frames: `%s`" % c["frames"], "",
                      "Minimized input: `%s`" % c["minimized"], "",
                      "Reproduce (symbolized ASan/UBSan stack, the whole input printed):", "",
                      "    %s" % c["reproduce"], "",
                      "Add as a regression: `cp %s corpus/regressions/%s/`" % (c["minimized"], t)]
    if not any(m["crashes"] for m in report["targets"].values()):
        lines += ["", "No crashes."]
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[:6 + len(targets)]))


if __name__ == "__main__":
    main()
