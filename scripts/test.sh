#!/usr/bin/env bash
# Build camsim and pass every test: ctest in the release and ASan+UBSan
# presets (unit, catalog, conformance, CLI and crash-regression suites), the
# thread tests under ThreadSanitizer (the tsan preset: two test programs), the
# fuzz smoke (every target under libFuzzer and AFL++), and the benchmark
# smoke with the instruction-count regression gate.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
passed=0

step() { printf '\n==> %s\n' "$*"; }
done_step() { passed=$((passed + 1)); }

for preset in release asan; do
  step "$preset: configure, build, ctest"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
  done_step
done

step "tsan: configure, build and run the thread tests under ThreadSanitizer"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan -j "$jobs"
done_step

step "fuzz smoke: build all targets (libFuzzer, AFL++), short libFuzzer runs, regressions, OSS-Fuzz build"
bash fuzz/smoke.sh
done_step

step "benchmarks: build, run once briefly, instruction-count gate against bench/baselines"
bash bench/smoke.sh
done_step

printf '\ncamsim test steps: %d passed, 0 failed\n' "$passed"
