#!/usr/bin/env bash
# test_build.sh: run fuzz/oss-fuzz/build.sh locally the way OSS-Fuzz would
# (CC=clang, CFLAGS with ASan + fuzzer-no-link, LIB_FUZZING_ENGINE=-fsanitize=fuzzer)
# into a scratch $OUT, check the contract's files are there, and run each
# produced binary over its unzipped seed corpus.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=${OSS_WORK:-$(mktemp -d)}
mkdir -p "$W/out" "$W/work"
export SRC=$ROOT/.. SRC_DIR=$ROOT OUT=$W/out WORK=$W/work
export CC=clang CXX=clang++
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer
bash "$ROOT/fuzz/oss-fuzz/build.sh" >"$W/build.log" 2>&1 || { tail -40 "$W/build.log"; exit 1; }
for t in policy_parse action_match resource_match condition eval requests_jsonl; do
  for f in "$t" "$t.dict" "$t.options" "${t}_seed_corpus.zip"; do
    [ -e "$OUT/$f" ] || { echo "test_build: missing \$OUT/$f"; exit 1; }
  done
  rm -rf "$W/seeds-$t" && mkdir -p "$W/seeds-$t"
  (cd "$W/seeds-$t" && unzip -q "$OUT/${t}_seed_corpus.zip")
  "$OUT/$t" -runs=0 "$W/seeds-$t" >"$W/run-$t.log" 2>&1 || { tail -40 "$W/run-$t.log"; exit 1; }
  echo "test_build: $t ok ($(ls "$W/seeds-$t" | wc -l) seeds, $(grep -o 'cov: [0-9]*' "$W/run-$t.log" | tail -1))"
done
