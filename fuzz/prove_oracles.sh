#!/usr/bin/env bash
# prove_oracles.sh: show that the fuzz harness finds the bugs it exists for.
#
#   fuzz/prove_oracles.sh [--harness] [--engine] [--plants LIST]
#
# --harness (the quick check): for each harness plant n (fuzz/harness/fuzz.h:
#   the HARNESS distorts the engine's answer in one defined way) build the
#   target with -DCAMSIM_FUZZ_PLANT_BUG=n, fuzz it from its seeds for up to
#   PROVE_SECONDS (default 60) and require a "camsim-fuzz MISMATCH" report.
# --engine (the real proof): for each engine plant n (engine/src/support/plant.h:
#   bugs of the kinds review found, planted INSIDE the engine: a lookup
#   trusting the hash, a string truncated at a bad \u escape, control bytes
#   taken as whitespace, numbers rounded to a double's precision, a swallowed
#   allocation failure, resource segments matched ignoring case) run the
#   nightly job, unchanged and at its default budget, on an engine built
#   with -DCAMSIM_ENGINE_PLANT=n, and require it to report a new finding
#   (exit 1). Each run's report is kept under PROVE_OUT (default
#   fuzz-runs/prove-<date>/plant-<n>/).
# Without --harness or --engine both run. --plants 1,3 limits either list.
# Exit 0 when every plant was reported.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
SECS=${PROVE_SECONDS:-60}
OUT_ROOT=${PROVE_OUT:-$ROOT/fuzz-runs/prove-$(date +%Y%m%d-%H%M%S)}
HARNESS_PLANTS=("1 policy_parse" "2 resource_match" "3 action_match" "4 condition" "5 eval"
                "6 requests_jsonl" "7 eval")
ENGINE_PLANTS=(1 2 3 4 5 6)
do_harness=0 do_engine=0 only=""
while [ $# -gt 0 ]; do
  case $1 in
    --harness) do_harness=1; shift ;;
    --engine) do_engine=1; shift ;;
    --plants) only=,$2,; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "prove_oracles.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$do_harness$do_engine" = 00 ] && do_harness=1 do_engine=1
wanted() { [ -z "$only" ] || [[ $only == *",$1,"* ]]; }
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$do_harness" = 1 ]; then
  for entry in "${HARNESS_PLANTS[@]}"; do
    set -- $entry
    n=$1 t=$2 dir=$BUILD_ROOT/fuzz-plant-$1
    wanted "$n" || continue
    if [ ! -f "$dir/build.ninja" ]; then
      cmake --preset fuzz-libfuzzer -B "$dir" -DCAMSIM_FUZZ_PLANT_BUG="$n" >/dev/null || exit 2
    fi
    cmake --build "$dir" --target "camsim_fuzz_$t" >/dev/null || exit 2
    mkdir -p "$work/$n"
    start=$SECONDS
    (cd "$work/$n" && "$dir/fuzz/$t" -max_total_time="$SECS" -dict="$ROOT/fuzz/$t.dict" \
       "$work/$n" "$ROOT/corpus/$t" >"$work/$n.log" 2>&1)
    if grep -q "camsim-fuzz MISMATCH" "$work/$n.log"; then
      printf 'harness plant %s (%s): reported after %ss: %s\n' "$n" "$t" "$((SECONDS - start))" \
        "$(grep -m1 -o 'MISMATCH in .*' "$work/$n.log")"
    else
      printf 'harness plant %s (%s): NOT reported in %ss\n' "$n" "$t" "$SECS"
      fail=1
    fi
  done
fi

if [ "$do_engine" = 1 ]; then
  for n in "${ENGINE_PLANTS[@]}"; do
    wanted "$n" || continue
    out=$OUT_ROOT/plant-$n
    mkdir -p "$out"
    start=$SECONDS
    CAMSIM_FUZZ_BUILD_ROOT=$BUILD_ROOT/engine-plant-$n \
    CAMSIM_NIGHTLY_CMAKE_ARGS="-DCAMSIM_ENGINE_PLANT=$n" \
      bash "$ROOT/fuzz/nightly.sh" --out "$out" --corpus-dir "$work/corpus-$n" >"$out/prove.log" 2>&1
    rc=$?
    if [ "$rc" = 1 ]; then
      printf 'engine plant %s: the nightly job reported it (%ss with builds): %s\n' "$n" \
        "$((SECONDS - start))" \
        "$(grep -E '^## .*NEW\)' "$out/report.md" | sed 's/^## //' | paste -sd ';' | cut -c1-300)"
    else
      printf 'engine plant %s: NOT reported by the nightly job (exit %s); see %s\n' "$n" "$rc" "$out"
      fail=1
    fi
  done
fi
exit $fail
