#!/usr/bin/env bash
# prove_oracles.sh: show that every oracle fires. For each planted bug n
# (fuzz/harness/fuzz.h: the HARNESS distorts the engine's answer in one
# defined way; engine/src is never touched) build the target with
# -DCAMSIM_FUZZ_PLANT_BUG=n, fuzz it from its seeds for up to PROVE_SECONDS
# (default 60) and require a "camsim-fuzz MISMATCH" report.
# Exit 0 when every planted bug was reported.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
SECS=${PROVE_SECONDS:-60}
PLANTS=("1 policy_parse" "2 resource_match" "3 action_match" "4 condition" "5 eval"
        "6 requests_jsonl" "7 eval")
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${PLANTS[@]}"; do
  set -- $entry
  n=$1 t=$2 dir=$BUILD_ROOT/fuzz-plant-$1
  if [ ! -f "$dir/build.ninja" ]; then
    cmake --preset fuzz-libfuzzer -B "$dir" -DCAMSIM_FUZZ_PLANT_BUG="$n" >/dev/null || exit 2
  fi
  cmake --build "$dir" --target "camsim_fuzz_$t" >/dev/null || exit 2
  mkdir -p "$work/$n"
  start=$SECONDS
  (cd "$work/$n" && "$dir/fuzz/$t" -max_total_time="$SECS" -dict="$ROOT/fuzz/$t.dict" \
     "$work/$n" "$ROOT/corpus/$t" >"$work/$n.log" 2>&1)
  if grep -q "camsim-fuzz MISMATCH" "$work/$n.log"; then
    printf 'planted bug %s (%s): reported after %ss: %s\n' "$n" "$t" "$((SECONDS - start))" \
      "$(grep -m1 -o 'MISMATCH in .*' "$work/$n.log")"
  else
    printf 'planted bug %s (%s): NOT reported in %ss\n' "$n" "$t" "$SECS"
    fail=1
  fi
done
exit $fail
