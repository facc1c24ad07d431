#!/usr/bin/env bash
# e2e_requests.sh: end-to-end throughput of `camsim eval --requests`
# (docs/cli.md): process start, policy load and compile, JSONL parsing,
# evaluation and JSON output, as a script or CI job would drive it.
#
#   bench/e2e_requests.sh [--build DIR] [--camsim PATH] [--requests N]
#                         [--profile NAME]... [--runs K] [--json OUT]
#
#   --build DIR    build directory with cli/camsim and
#                  bench/camsim_bench_gen (default build/bench)
#   --camsim PATH  the camsim binary (default DIR/cli/camsim)
#   --requests N   request lines per run (default 100000), cycling through
#                  the 81 catalog actions with the benchmark parameters
#   --profile P    policy profile (repeatable; default trtc_full_access,
#                  ip_and_tag, stmts_1000; list: camsim_bench_gen --profiles)
#   --runs K       timed runs per profile (default 5); reports the median
#   --json OUT     also write Google Benchmark-shaped JSON (one entry per run,
#                  name e2e/eval_requests/<profile>) for compare.sh --files
# Every run must exit 0 and print exactly N lines, or the script fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
py=/usr/bin/python3
build=$repo/build/bench camsim='' n=100000 runs=5 json='' profiles=()

die() { echo "e2e_requests.sh: $*" >&2; exit 2; }
need() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) need "$@"; build=$2; shift 2 ;;
    --camsim) need "$@"; camsim=$2; shift 2 ;;
    --requests) need "$@"; n=$2; shift 2 ;;
    --profile) need "$@"; profiles+=("$2"); shift 2 ;;
    --runs) need "$@"; runs=$2; shift 2 ;;
    --json) need "$@"; json=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ ${#profiles[@]} -gt 0 ]] || profiles=(trtc_full_access ip_and_tag stmts_1000)
[[ -n $camsim ]] || camsim=$build/cli/camsim
gen=$build/bench/camsim_bench_gen
[[ -x $camsim ]] || die "no camsim binary at $camsim (build target camsim, or pass --camsim)"
[[ -x $gen ]] || die "no $gen (build target camsim_bench_gen)"
[[ $n =~ ^[1-9][0-9]*$ ]] || die "--requests must be a positive count, not '$n'"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive count, not '$runs'"

work=$(mktemp -d "${TMPDIR:-/tmp}/camsim-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$gen" --requests "$n" >"$work/requests.jsonl"
bytes=$(stat -c %s "$work/requests.jsonl")
results=$work/results.txt
: >"$results"

printf '%-26s %10s %12s %14s %12s\n' profile requests "median s" "requests/s" "MB/s in"
for p in "${profiles[@]}"; do
  "$gen" --policy "$p" >"$work/$p.json" || die "camsim_bench_gen does not know profile '$p'"
  times=()
  for ((r = 0; r < runs; r++)); do
    start=$(date +%s%N)
    set +e
    "$camsim" eval --policy "$work/$p.json" --requests "$work/requests.jsonl" >"$work/out.jsonl" 2>"$work/err.txt"
    rc=$?
    set -e
    end=$(date +%s%N)
    [[ $rc == 0 ]] || { head -5 "$work/err.txt" >&2; die "$p: camsim eval --requests exited $rc"; }
    lines=$(wc -l <"$work/out.jsonl")
    [[ $lines == "$n" ]] || die "$p: $lines output lines for $n requests"
    times+=($((end - start)))
    echo "$p $r $((end - start))" >>"$results"
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  awk -v p="$p" -v n="$n" -v ns="$median" -v b="$bytes" \
    'BEGIN { s = ns / 1e9; printf "%-26s %10d %12.3f %14.0f %12.1f\n", p, n, s, n / s, b / s / 1e6 }'
done

if [[ -n $json ]]; then
  "$py" - "$results" "$n" "$json" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
doc = {"context": {"executable": "camsim eval --requests", "requests": n}, "benchmarks": []}
for p, r, ns in rows:
    t = int(ns) / n
    doc["benchmarks"].append({"name": "e2e/eval_requests/%s" % p, "run_name": "e2e/eval_requests/%s" % p,
                              "run_type": "iteration", "repetitions": 0, "repetition_index": int(r),
                              "threads": 1, "iterations": n, "real_time": t, "cpu_time": t,
                              "time_unit": "ns", "items_per_second": 1e9 / t})
json.dump(doc, open(sys.argv[3], "w"), indent=1)
PY
  echo "e2e_requests.sh: wrote $json" >&2
fi
