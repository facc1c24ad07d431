#!/bin/bash -eu
# OSS-Fuzz build script for camsim (the OSS-Fuzz contract): compile with
# $CC $CFLAGS, link with $CXX $CXXFLAGS $LIB_FUZZING_ENGINE, and put each
# target, <target>_seed_corpus.zip, <target>.dict and <target>.options in $OUT.
SRC_DIR=${SRC_DIR:-$SRC/camsim}
BUILD=${WORK:-/tmp}/camsim-oss-build
cmake -S "$SRC_DIR" -B "$BUILD" -G Ninja \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAMSIM_BUILD_TESTS=OFF \
  -DCAMSIM_BUILD_FUZZ=ON -DCAMSIM_FUZZ_ENGINE=external -DCAMSIM_FUZZ_LINK_CXX=ON \
  -DCAMSIM_FUZZ_LINK_FLAGS="$LIB_FUZZING_ENGINE"
cmake --build "$BUILD" -j "$(nproc)"
for t in policy_parse action_match resource_match condition eval requests_jsonl; do
  [ -x "$BUILD/fuzz/$t" ] || continue
  cp "$BUILD/fuzz/$t" "$OUT/$t"
  cp "$SRC_DIR/fuzz/$t.dict" "$SRC_DIR/fuzz/$t.options" "$OUT/"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$SRC_DIR/corpus/$t" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
  if [ -d "$SRC_DIR/corpus/regressions/$t" ] && [ -n "$(ls "$SRC_DIR/corpus/regressions/$t")" ]; then
    (cd "$SRC_DIR/corpus/regressions/$t" && zip -q -j "$OUT/${t}_seed_corpus.zip" ./*)
  fi
done
