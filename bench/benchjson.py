#!/usr/bin/python3
"""benchjson.py: JSON plumbing for the benchmark scripts (docs/benchmarking.md).

  merge OUT IN...                    concatenate the per-repetition entries of
                                     Google Benchmark JSON files (aggregates
                                     dropped), for alternating runs
  verdict DIFF THRESHOLD ALPHA METRIC [BASE_RUNS HEAD_RUNS]
                                     read compare.py --dump_to_json output,
                                     print a verdict table, exit 1 when a
                                     benchmark is slower by more than
                                     THRESHOLD (fraction) with U-test p < ALPHA
                                     and, given the per-round run files
                                     (comma-separated, in round order), in
                                     more than half of the rounds
  plotdata BASE HEAD OUT TOP FILTER  per-benchmark median change for plot.sh
  gate BASELINE CURRENT THRESHOLD    compare instruction counts (callgrind
                                     gate); exit 1 when a ratio > 1+THRESHOLD
"""
import json
import re
import statistics
import sys

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def load(path):
    with open(path) as f:
        return json.load(f)


def iterations(doc):
    """The per-repetition entries of a benchmark JSON document."""
    return [b for b in doc.get("benchmarks", [])
            if b.get("run_type", "iteration") == "iteration" and not b.get("error_occurred")]


def cmd_merge(out, inputs):
    docs = [load(p) for p in inputs]
    merged = {"context": docs[0].get("context", {}), "benchmarks": []}
    for d in docs:
        merged["benchmarks"].extend(iterations(d))
    with open(out, "w") as f:
        json.dump(merged, f, indent=1)
    return 0


def metric_for(name, metric):
    if metric in ("cpu", "real"):
        return metric
    return "real" if "/real_time" in name else "cpu"  # auto: what the benchmark reports


def round_changes(base_runs, head_runs, metric):
    """Per benchmark, the median change of each round (base run r vs head run r)."""
    out = {}
    for bf, hf in zip(base_runs, head_runs):
        med = []
        for f in (bf, hf):
            acc = {}
            for b in iterations(load(f)):
                key = "cpu_time" if metric_for(b["name"], metric) == "cpu" else "real_time"
                acc.setdefault(b["name"], []).append(b[key])
            med.append({k: statistics.median(v) for k, v in acc.items()})
        for name, base in med[0].items():
            if name in med[1] and base > 0:
                out.setdefault(name, []).append(med[1][name] / base - 1.0)
    return out


def cmd_verdict(diff_path, threshold, alpha, metric, base_runs=None, head_runs=None):
    threshold, alpha = float(threshold), float(alpha)
    rounds = {}
    if base_runs and head_runs:
        rounds = round_changes(base_runs.split(","), head_runs.split(","), metric)
    rows, regressions, unverified = [], [], []
    for e in load(diff_path):
        if e["name"].startswith("OVERALL_") or e.get("run_type") == "aggregate":
            continue
        m = metric_for(e["name"], metric)
        key = "cpu_time" if m == "cpu" else "real_time"
        base = statistics.median(x[key] for x in e["measurements"])
        head = statistics.median(x[key + "_other"] for x in e["measurements"])
        change = head / base - 1.0 if base > 0 else 0.0
        u = e.get("utest") or {}
        p = u.get("cpu_pvalue" if m == "cpu" else "time_pvalue")
        verdict = ""
        per_round = rounds.get(e["name"], [])
        slow_rounds = sum(1 for c in per_round if c > threshold)
        consistent = not per_round or 2 * slow_rounds > len(per_round)
        if change > threshold and not consistent:
            verdict = "slower in %d of %d rounds only: load, not code" % (slow_rounds, len(per_round))
        elif change > threshold:
            if p is None:
                verdict = "SLOWER (no U test: too few repetitions)"
                unverified.append(e["name"])
                regressions.append(e["name"])
            elif p < alpha:
                verdict = "SLOWER"
                regressions.append(e["name"])
            else:
                verdict = "slower, not significant"
        elif change < -threshold:
            verdict = "faster" if p is not None and p < alpha else "faster, not significant"
        rows.append((change, e["name"], base, head, e["time_unit"], p, m, verdict))
    rows.sort(key=lambda r: -r[0])
    width = max([len(r[1]) for r in rows] + [9])
    print("%-*s %12s %12s %4s %9s %9s  %s" % (width, "benchmark", "base", "head", "", "change",
                                             "p(U)", "verdict"))
    for change, name, base, head, unit, p, m, verdict in rows:
        print("%-*s %12.4g %12.4g %-4s %+8.1f%% %9s  %s" % (
            width, name, base, head, unit, 100 * change,
            "-" if p is None else "%.4f" % p, verdict))
    print()
    print("compared %d benchmarks: %d slower than %+.0f%% with p < %g%s%s" % (
        len(rows), len(regressions), 100 * threshold, alpha,
        " in most of %d rounds" % len(base_runs.split(",")) if rounds else "",
        (" (%d without a U test)" % len(unverified)) if unverified else ""))
    for name in regressions:
        print("REGRESSION: %s" % name)
    return 1 if regressions else 0


def seconds(b, key):
    return b[key] * UNIT.get(b.get("time_unit", "ns"), 1e-9)


def cmd_plotdata(base_path, head_path, out, top, pattern):
    top = int(top)
    rx = re.compile(pattern)
    def medians(doc):
        acc = {}
        for b in iterations(doc):
            if rx.search(b["name"]):
                key = "real_time" if "/real_time" in b["name"] else "cpu_time"
                acc.setdefault(b["name"], []).append(seconds(b, key))
        return {k: (statistics.median(v), min(v), max(v)) for k, v in acc.items()}
    base, head = medians(load(base_path)), medians(load(head_path))
    names = [n for n in base if n in head]
    rows = []
    for n in names:
        b, h = base[n], head[n]
        change = 100 * (h[0] / b[0] - 1)
        lo = 100 * (h[1] / b[2] - 1)  # fastest head vs slowest base
        hi = 100 * (h[2] / b[1] - 1)  # slowest head vs fastest base
        rows.append((change, lo, hi, n))
    total = len(rows)
    if top > 0 and len(rows) > top:
        rows.sort(key=lambda r: -abs(r[0]))
        rows = rows[:top]
    rows.sort(key=lambda r: r[0])
    with open(out, "w") as f:
        for i, (c, lo, hi, n) in enumerate(rows):
            f.write('%d %.4f %.4f %.4f "%s"\n' % (i, c, lo, hi, n.replace('"', "'")))
    print("%d %d %d" % (len(rows), total, max([len(r[3]) for r in rows] + [10])))
    return 0


def cmd_gate(baseline_path, current_path, threshold):
    threshold = float(threshold)
    base = load(baseline_path)
    cur = load(current_path)
    bw, cw = base.get("workloads", {}), cur.get("workloads", {})
    if base.get("compiler") != cur.get("compiler"):
        print("note: baseline compiler '%s', current '%s'; counts may differ for that reason "
              "alone (refresh with --update)" % (base.get("compiler"), cur.get("compiler")))
    width = max([len(n) for n in list(bw) + list(cw)] + [8])
    print("%-*s %14s %14s %8s  %s" % (width, "workload", "baseline Ir", "current Ir", "ratio",
                                      "verdict"))
    failed = []
    for name in sorted(set(bw) | set(cw)):
        if name not in cw:
            print("%-*s %14d %14s %8s  missing (removed workload?)" % (width, name, bw[name], "-", "-"))
            continue
        if name not in bw:
            print("%-*s %14s %14d %8s  new (not in the baseline)" % (width, name, "-", cw[name], "-"))
            continue
        ratio = cw[name] / bw[name] if bw[name] else float("inf")
        verdict = ""
        if ratio > 1 + threshold:
            verdict = "SLOWER"
            failed.append(name)
        elif ratio < 1 - threshold:
            verdict = "faster (refresh the baseline with --update)"
        print("%-*s %14d %14d %8.4f  %s" % (width, name, bw[name], cw[name], ratio, verdict))
    print()
    print("%d workloads, %d above %.2f x baseline" % (len(cw), len(failed), 1 + threshold))
    for name in failed:
        print("REGRESSION: %s" % name)
    return 1 if failed else 0


def main(argv):
    cmds = {"merge": (cmd_merge, None), "verdict": (cmd_verdict, (4, 6)), "plotdata": (cmd_plotdata, 5),
            "gate": (cmd_gate, 3)}
    if len(argv) < 2 or argv[1] not in cmds:
        sys.stderr.write(__doc__)
        return 2
    fn, nargs = cmds[argv[1]]
    args = argv[2:]
    if argv[1] == "merge":
        if len(args) < 2:
            sys.stderr.write("benchjson.py merge OUT IN...\n")
            return 2
        return fn(args[0], args[1:])
    if len(args) not in (nargs if isinstance(nargs, tuple) else (nargs,)):
        sys.stderr.write(__doc__)
        return 2
    return fn(*args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
