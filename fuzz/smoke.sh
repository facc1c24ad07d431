#!/usr/bin/env bash
# smoke.sh: the CI fuzzing check (under ~5 minutes on 2 cores).
#  1. build every target for libFuzzer (ASan+UBSan) and AFL++ (build only);
#  2. run each libFuzzer target for SMOKE_SECONDS (default 12) from its seeds,
#     and eval and policy_parse from the fuzz-collisions build (libFuzzer + ASan,
#     every engine hash cut to two bits) for SMOKE_COLLISION_SECONDS (default 6);
#  3. replay the regressions and seeds with the plain replay main();
#  4. run fuzz/oss-fuzz/test_build.sh (the OSS-Fuzz contract).
# Exit non-zero on any build failure, crash or mismatch.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
SECS=${SMOKE_SECONDS:-12}
CSECS=${SMOKE_COLLISION_SECONDS:-6}
TARGETS=(policy_parse action_match resource_match condition eval requests_jsonl diff)
export AFL_QUIET=1 ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
step() { printf '\n== smoke: %s\n' "$*"; }

for preset in fuzz-libfuzzer fuzz-collisions fuzz-afl fuzz-repro; do
  if [ "$preset" = fuzz-afl ] && ! command -v afl-clang-fast >/dev/null; then
    step "afl-clang-fast not installed: skipping the AFL++ build"; continue
  fi
  step "build $preset"
  dir=$BUILD_ROOT/$preset
  [ -f "$dir/build.ninja" ] || cmake --preset "$preset" -B "$dir" >/dev/null
  only=()  # the collision build serves two targets only
  [ "$preset" = fuzz-collisions ] && only=(--target camsim_fuzz_eval camsim_fuzz_policy_parse)
  cmake --build "$dir" -j "$(nproc)" ${only[@]+"${only[@]}"} >/dev/null
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for t in "${TARGETS[@]}"; do
  step "libFuzzer $t for ${SECS}s"
  mkdir -p "$work/$t"
  (cd "$work/$t" && "$BUILD_ROOT/fuzz-libfuzzer/fuzz/$t" -max_total_time="$SECS" \
     -dict="$ROOT/fuzz/$t.dict" -timeout=10 -print_final_stats=1 "$work/$t" "$ROOT/corpus/$t" \
     >"$work/$t.log" 2>&1) || { tail -60 "$work/$t.log"; echo "smoke: $t FAILED"; exit 1; }
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$work/$t.log" | tr '\n' ' '; echo
done

for t in eval policy_parse; do
  step "libFuzzer $t@collisions (fuzz-collisions) for ${CSECS}s"
  mkdir -p "$work/$t@collisions"
  (cd "$work/$t@collisions" && "$BUILD_ROOT/fuzz-collisions/fuzz/$t" -max_total_time="$CSECS" \
     -dict="$ROOT/fuzz/$t.dict" -timeout=10 -print_final_stats=1 "$work/$t@collisions" "$ROOT/corpus/$t" \
     >"$work/$t@collisions.log" 2>&1) || { tail -60 "$work/$t@collisions.log"; echo "smoke: $t@collisions FAILED"; exit 1; }
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$work/$t@collisions.log" | tr '\n' ' '; echo
done

step "replay regressions and seeds (plain main)"
for t in "${TARGETS[@]}"; do
  dirs=("$ROOT/corpus/$t")
  [ -d "$ROOT/corpus/regressions/$t" ] && dirs+=("$ROOT/corpus/regressions/$t")
  "$BUILD_ROOT/fuzz-repro/fuzz/$t" "${dirs[@]}" 2>&1 | tail -1
done

step "OSS-Fuzz build contract"
OSS_WORK=$work/oss "$ROOT/fuzz/oss-fuzz/test_build.sh"
step "ok"
