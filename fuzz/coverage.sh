#!/usr/bin/env bash
# coverage.sh: replay every corpus (seeds, regressions, and the nightly job's
# corpus directory when there is one) through the coverage preset's replay
# builds (clang -fprofile-instr-generate -fcoverage-mapping) and report line
# and branch coverage of the engine.
#
#   fuzz/coverage.sh [--corpus-dir DIR] [--no-gate]
#
# Writes, under BUILD/coverage/ (BUILD: $CAMSIM_FUZZ_BUILD_ROOT or build/):
#   coverage.txt   llvm-cov's per-file table
#   html/          the same files as HTML, with branch counts shown
#   coverage.lcov  the same files as an lcov trace (for genhtml, Codecov, ...)
# Fails (exit 1) below 90% lines or 80% branches of engine/src.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
CORPUS_DIR=${CAMSIM_CORPUS_DIR:-}
GATE=1 MIN_LINES=90 MIN_BRANCHES=80
while [ $# -gt 0 ]; do
  case $1 in
    --corpus-dir) CORPUS_DIR=$2; shift 2 ;;
    --no-gate) GATE=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "coverage.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
dir=$BUILD_ROOT/coverage
[ -f "$dir/build.ninja" ] || cmake --preset coverage -B "$dir" >/dev/null
cmake --build "$dir" -j "$(nproc)" >/dev/null
rm -rf "$dir/profiles" "$dir/html" && mkdir -p "$dir/profiles"
objects=()
for opt in "$ROOT"/fuzz/*.options; do
  t=$(basename "$opt" .options)
  bin=$dir/fuzz/$t
  [ -x "$bin" ] || continue
  dirs=()
  for d in "$ROOT/corpus/$t" "$ROOT/corpus/regressions/$t" ${CORPUS_DIR:+"$CORPUS_DIR/$t"}; do
    [ -d "$d" ] && dirs+=("$d")
  done
  [ ${#dirs[@]} -gt 0 ] || continue
  LLVM_PROFILE_FILE="$dir/profiles/$t-%p.profraw" "$bin" "${dirs[@]}" >/dev/null 2>&1 \
    || echo "coverage: $t failed on its corpus (run it under the asan preset)" >&2
  objects+=("$bin")
done
llvm-profdata merge -sparse "$dir"/profiles/*.profraw -o "$dir/fuzz.profdata"
# llvm-cov takes the first binary positionally, the others with -object.
args=("${objects[0]}")
for o in "${objects[@]:1}"; do args+=(-object "$o"); done
args+=(-instr-profile="$dir/fuzz.profdata")
files=("$ROOT/engine/src" "$ROOT/cli/request_json.c")
llvm-cov report "${args[@]}" -show-branch-summary "${files[@]}" | tee "$dir/coverage.txt"
llvm-cov show "${args[@]}" -format=html -show-branches=count -show-line-counts-or-regions \
  -output-dir="$dir/html" "${files[@]}" >/dev/null
llvm-cov export "${args[@]}" -format=lcov "${files[@]}" >"$dir/coverage.lcov"

# The gate: engine/src alone, from llvm-cov's own summary.
read -r lines branches < <(llvm-cov export "${args[@]}" -summary-only "$ROOT/engine/src" |
  /usr/bin/python3 -c 'import json,sys; t=json.load(sys.stdin)["data"][0]["totals"]; print("%.2f %.2f" % (t["lines"]["percent"], t["branches"]["percent"]))')
echo "engine/src: lines $lines%, branches $branches% (gate: $MIN_LINES% / $MIN_BRANCHES%)"
echo "html: $dir/html/index.html  lcov: $dir/coverage.lcov"
if [ "$GATE" = 1 ] && ! awk -v l="$lines" -v b="$branches" -v ml="$MIN_LINES" -v mb="$MIN_BRANCHES" \
     'BEGIN { exit !(l >= ml && b >= mb) }'; then
  echo "coverage.sh: below the gate" >&2
  exit 1
fi
