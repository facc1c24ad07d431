#!/usr/bin/env bash
# prove_diff_oracles.sh: show that the diff fuzz target catches analyzer bugs.
#
#   fuzz/prove_diff_oracles.sh [--plants LIST]
#
# For each planted analyzer bug n (engine/src/diff/plant.h: 1 a resource
# glob's tail after its last `*` ignored, 2 old denies never examined, 3 no
# number above a listed bound tried, 4 a failed allocation forgotten) build the diff target with
# -DCAMSIM_DIFF_PLANT=n, fuzz it from corpus/diff for up to PROVE_SECONDS
# (default 60) and require a "camsim-fuzz MISMATCH" report. Exit 0 when
# every plant was reported.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
SECS=${PROVE_SECONDS:-60}
PLANTS=(1 2 3 4)
only=""
while [ $# -gt 0 ]; do
  case $1 in
    --plants) only=,$2,; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "prove_diff_oracles.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${PLANTS[@]}"; do
  [ -z "$only" ] || [[ $only == *",$n,"* ]] || continue
  dir=$BUILD_ROOT/fuzz-diff-plant-$n
  if [ ! -f "$dir/build.ninja" ]; then
    cmake --preset fuzz-libfuzzer -B "$dir" -DCAMSIM_DIFF_PLANT="$n" >/dev/null || exit 2
  fi
  cmake --build "$dir" -j2 --target camsim_fuzz_diff >/dev/null || exit 2
  mkdir -p "$work/$n"
  start=$SECONDS
  (cd "$work/$n" && "$dir/fuzz/diff" -max_total_time="$SECS" -max_len=1024 -len_control=0 \
     -timeout=20 "$work/$n" "$ROOT/corpus/diff" >"$work/$n.log" 2>&1)
  if grep -q "camsim-fuzz MISMATCH" "$work/$n.log"; then
    printf 'diff plant %s: reported after %ss: %s\n' "$n" "$((SECONDS - start))" \
      "$(grep -m1 -o 'MISMATCH in .*' "$work/$n.log" | cut -c1-200)"
  else
    printf 'diff plant %s: NOT reported within %ss\n' "$n" "$SECS"
    fail=1
  fi
done
exit $fail
