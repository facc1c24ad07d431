#!/usr/bin/env bash
# smoke.sh: the benchmarks' CI check. Builds the "bench" preset, runs every
# benchmark once briefly so none of them rots, then runs the deterministic
# instruction-count gate (callgrind_gate.sh) against bench/baselines.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
build/bench/bench/camsim_bench --benchmark_min_time=0.001 --benchmark_format=json >"$out"
count=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["benchmarks"]))' "$out")
echo "bench smoke: $count benchmarks ran"
[ "$count" -gt 0 ]

bash bench/callgrind_gate.sh --build build/bench
