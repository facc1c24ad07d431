#!/usr/bin/env bash
# coverage.sh: replay every corpus (seeds, merged inputs, regressions) through
# the coverage preset's replay builds (clang -fprofile-instr-generate
# -fcoverage-mapping) and print line and branch coverage of engine/.
# Targets: 90% lines, 80% branches. HTML report: BUILD/coverage-html/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
dir=$BUILD_ROOT/coverage
[ -f "$dir/build.ninja" ] || cmake --preset coverage -B "$dir" >/dev/null
cmake --build "$dir" -j "$(nproc)" >/dev/null
rm -rf "$dir/profiles" && mkdir -p "$dir/profiles"
objects=()
for t in policy_parse action_match resource_match condition eval requests_jsonl; do
  bin=$dir/fuzz/$t
  [ -x "$bin" ] || continue
  dirs=("$ROOT/corpus/$t")
  [ -d "$ROOT/corpus/regressions/$t" ] && dirs+=("$ROOT/corpus/regressions/$t")
  LLVM_PROFILE_FILE="$dir/profiles/$t-%p.profraw" "$bin" "${dirs[@]}" >/dev/null 2>&1 \
    || echo "coverage: $t failed on its corpus (run it under the asan preset)" >&2
  objects+=(-object "$bin")
done
llvm-profdata merge -sparse "$dir"/profiles/*.profraw -o "$dir/fuzz.profdata"
# Drop the first -object: llvm-cov takes the first binary positionally.
first=${objects[1]}
llvm-cov report "$first" "${objects[@]:2}" -instr-profile="$dir/fuzz.profdata" \
  "$ROOT/engine/src" "$ROOT/engine/cli/request_json.c" | tee "$dir/coverage.txt"
llvm-cov show "$first" "${objects[@]:2}" -instr-profile="$dir/fuzz.profdata" -format=html \
  -output-dir="$dir/coverage-html" "$ROOT/engine/src" >/dev/null
tail -1 "$dir/coverage.txt" | awk '{printf "engine/: lines %s, branches %s (targets 90%% / 80%%)\n", $10, $13}'
