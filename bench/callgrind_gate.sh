#!/usr/bin/env bash
# callgrind_gate.sh: the deterministic regression gate (for CI on noisy,
# shared machines). Runs every workload of camsim_bench_fixed under
# valgrind --tool=callgrind, counting only instructions executed inside the
# measured region (fixed_measured), and compares the counts (Ir) with
# bench/baselines/instructions.json.
#
#   bench/callgrind_gate.sh [--build DIR] [--threshold F] [--update]
#                           [--baseline FILE] [--out FILE] [--workload NAME]...
#
#   --build DIR      build directory holding bench/camsim_bench_fixed
#                    (default: build/bench, the "bench" preset)
#   --threshold F    fail when current/baseline > 1 + F (default 0.05)
#   --update         write the current counts as the new baseline and exit 0
#   --baseline FILE  default bench/baselines/instructions.json
#   --out FILE       also write the current counts (same JSON shape) here
#   --workload NAME  only this workload (repeatable; default: all)
#   --keep-dir DIR   where the callgrind output of failing workloads is kept
#                    (default build/bench/callgrind-failures)
# A failing workload keeps its callgrind output and the gate prints
# callgrind_annotate's top functions for it, so the regression has a place.
# Exit: 0 within threshold (or --update), 1 regression, 2 usage/tool error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
py=/usr/bin/python3
build=$repo/build/bench threshold=0.05 update=0 baseline=$here/baselines/instructions.json out='' keep_dir=''
only=()

die() { echo "callgrind_gate.sh: $*" >&2; exit 2; }
need() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) need "$@"; build=$2; shift 2 ;;
    --threshold) need "$@"; threshold=$2; shift 2 ;;
    --update) update=1; shift ;;
    --baseline) need "$@"; baseline=$2; shift 2 ;;
    --out) need "$@"; out=$2; shift 2 ;;
    --workload) need "$@"; only+=("$2"); shift 2 ;;
    --keep-dir) need "$@"; keep_dir=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

driver=$build/bench/camsim_bench_fixed
[[ -x $driver ]] || die "no $driver; build it: cmake --preset bench && cmake --build --preset bench --target camsim_bench_fixed"
command -v valgrind >/dev/null || die "valgrind is not installed"
[[ $threshold =~ ^[0-9]*\.?[0-9]+$ ]] || die "--threshold must be a fraction like 0.05, not '$threshold'"

work=$(mktemp -d "${TMPDIR:-/tmp}/camsim-callgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ ${#only[@]} -gt 0 ]]; then workloads=("${only[@]}"); else mapfile -t workloads < <("$driver" --list); fi
[[ ${#workloads[@]} -gt 0 ]] || die "$driver --list printed no workloads"

compiler=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null | head -1)
compiler_version=$("${compiler:-cc}" --version 2>/dev/null | head -1 || echo unknown)
counts=$work/current.json
{
  printf '{\n  "tool": "valgrind --tool=callgrind --collect-atstart=no --toggle-collect=fixed_measured*",\n'
  printf '  "valgrind": "%s",\n  "compiler": "%s",\n  "workloads": {\n' "$(valgrind --version)" "$compiler_version"
} >"$counts"
sep=
for w in "${workloads[@]}"; do
  cg=$work/cg-$(printf '%s' "$w" | tr -c 'A-Za-z0-9_.-' '_').out
  if ! valgrind --tool=callgrind --callgrind-out-file="$cg" --collect-atstart=no \
      --toggle-collect='fixed_measured*' "$driver" --workload "$w" >"$work/run.log" 2>&1; then
    cat "$work/run.log" >&2
    die "workload '$w' failed under valgrind"
  fi
  # "totals:" (or "summary:") holds the event counts; Ir is the first event.
  ir=$(awk '/^(totals|summary):/ { print $2; exit }' "$cg")
  [[ $ir =~ ^[0-9]+$ ]] || die "no instruction total in callgrind output for '$w'"
  [[ $ir -gt 0 ]] || die "workload '$w' counted 0 instructions: is fixed_measured in the binary's symbol table?"
  printf '%s    "%s": %s' "$sep" "$w" "$ir" >>"$counts"
  sep=$',\n'
  printf '  %-32s %14s Ir   %s\n' "$w" "$ir" "$(grep -m1 checksum "$work/run.log" | sed 's/.*\(checksum=[0-9a-f]*\).*/\1/')" >&2
done
printf '\n  }\n}\n' >>"$counts"
[[ -z $out ]] || cp "$counts" "$out"

if [[ $update == 1 ]]; then
  mkdir -p "$(dirname "$baseline")"
  cp "$counts" "$baseline"
  echo "callgrind_gate.sh: wrote baseline $baseline" >&2
  exit 0
fi
[[ -f $baseline ]] || die "no baseline $baseline; create it with --update"
status=0
set +e
"$py" "$here/benchjson.py" gate "$baseline" "$counts" "$threshold" | tee "$work/gate.txt"
status=${PIPESTATUS[0]}
set -e
if [[ $status == 1 ]]; then
  keep_dir=${keep_dir:-$build/callgrind-failures}
  mkdir -p "$keep_dir"
  while read -r w; do
    cg=$work/cg-$(printf '%s' "$w" | tr -c 'A-Za-z0-9_.-' '_').out
    [[ -f $cg ]] || continue
    cp "$cg" "$keep_dir/"
    echo
    echo "== $w: top functions (callgrind_annotate $keep_dir/$(basename "$cg"))"
    callgrind_annotate --inclusive=no "$cg" 2>/dev/null | sed -n '/^-* *$/,$p' | grep -E '^ *[0-9,]+ ' | head -15
  done < <(sed -n 's/^REGRESSION: //p' "$work/gate.txt")
fi
exit "$status"
