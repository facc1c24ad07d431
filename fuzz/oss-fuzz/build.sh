#!/bin/bash -eu
# build.sh: the OSS-Fuzz / ClusterFuzzLite build of camsim's fuzz targets.
# One script for both: fuzz/oss-fuzz/Dockerfile (OSS-Fuzz, projects/camsim)
# and .clusterfuzzlite/Dockerfile copy it to $SRC/build.sh; the base-builder
# image's `compile` runs it with $CC $CXX $CFLAGS $CXXFLAGS $LIB_FUZZING_ENGINE
# $SANITIZER $FUZZING_ENGINE $SRC $OUT $WORK set (fuzz/oss-fuzz/check_build.sh
# does the same locally, without Docker).
#
# The runner image has none of our build dependencies, so every library but
# the C/C++ runtime is built here from a pinned release with $CC $CFLAGS (the
# sanitizer and the engine's coverage instrumentation reach into it, which
# MemorySanitizer needs) and linked statically:
#   $SRC/cjson    cJSON v1.7.15   (git clone --branch v1.7.15, see Dockerfile)
#   $SRC/jansson  jansson v2.14   (git clone --branch v2.14), the independent
#                 JSON oracle of policy_parse and requests_jsonl
# Output in $OUT, per target listed in fuzz/targets.cmake: <target>,
# <target>.options, <target>.dict, <target>_seed_corpus.zip (corpus/<target>
# and corpus/regressions/<target>).
CAMSIM_SRC=${CAMSIM_SRC:-$SRC/camsim}
CJSON_SRC=${CJSON_SRC:-$SRC/cjson}
JANSSON_SRC=${JANSSON_SRC:-$SRC/jansson}
DEPS=$WORK/deps
JOBS=${CAMSIM_BUILD_JOBS:-$(nproc)}
GEN=Unix\ Makefiles
command -v ninja >/dev/null && GEN=Ninja

# OSS-Fuzz links with $CXX even for C (the engine is C++). Our code is C.
: "${CXXFLAGS:=$CFLAGS}"

# The dependencies: static, position independent (OSS-Fuzz's clang links PIE),
# no tests, installed with their pkg-config files into $DEPS.
dep() {
  local name=$1 src=$2; shift 2
  cmake -S "$src" -B "$WORK/build-$name" -G "$GEN" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" \
    -DCMAKE_BUILD_TYPE= -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DCMAKE_INSTALL_PREFIX="$DEPS" -DCMAKE_INSTALL_LIBDIR=lib "$@"
  cmake --build "$WORK/build-$name" -j "$JOBS"
  cmake --install "$WORK/build-$name"
}
rm -rf "$DEPS"
dep cjson "$CJSON_SRC" -DBUILD_SHARED_LIBS=OFF -DENABLE_CJSON_TEST=OFF \
  -DENABLE_CUSTOM_COMPILER_FLAGS=OFF -DENABLE_CJSON_UTILS=OFF
dep jansson "$JANSSON_SRC" -DJANSSON_BUILD_SHARED_LIBS=OFF -DJANSSON_WITHOUT_TESTS=ON \
  -DJANSSON_EXAMPLES=OFF -DJANSSON_BUILD_DOCS=OFF
# No shared copy may exist for the linker to prefer.
if ls "$DEPS"/lib/*.so* >/dev/null 2>&1; then
  echo "build.sh: shared libraries in $DEPS/lib" >&2; exit 1
fi
# pkg-config (pkg_check_modules) and find_package look in $DEPS first.
export PKG_CONFIG_PATH=$DEPS/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

BUILD=$WORK/camsim-build
rm -rf "$BUILD"
# CAMSIM_FUZZ_ENGINE=external: $CFLAGS carry the engine's instrumentation and
# $LIB_FUZZING_ENGINE is the link step's only engine input (fuzz/CMakeLists.txt).
# -lm at the end of every C link line: static cJSON needs it and the C driver
# (the catalog generator is a C program) does not add it.
cmake -S "$CAMSIM_SRC" -B "$BUILD" -G "$GEN" \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_TYPE= -DCMAKE_PREFIX_PATH="$DEPS" \
  -DCMAKE_C_STANDARD_LIBRARIES=-lm -DCMAKE_CXX_STANDARD_LIBRARIES=-lm \
  -DCAMSIM_BUILD_TESTS=OFF -DCAMSIM_BUILD_BENCH=OFF \
  -DCAMSIM_SANITIZE=OFF -DCAMSIM_COVERAGE=OFF \
  -DCAMSIM_BUILD_FUZZ=ON -DCAMSIM_FUZZ_ENGINE=external -DCAMSIM_FUZZ_LINK_CXX=ON \
  -DCAMSIM_FUZZ_LINK_FLAGS="$LIB_FUZZING_ENGINE"
cmake --build "$BUILD" -j "$JOBS"

# The targets: what fuzz/CMakeLists.txt built from targets.cmake's list.
mapfile -t targets < <(grep -v '^$' "$BUILD/fuzz/targets.txt")
[ ${#targets[@]} -gt 0 ] || { echo "build.sh: no fuzz targets built" >&2; exit 1; }
for t in "${targets[@]}"; do
  cp "$BUILD/fuzz/$t" "$OUT/$t"
  for f in "$t.options" "$t.dict"; do
    if [ -f "$CAMSIM_SRC/fuzz/$f" ]; then cp "$CAMSIM_SRC/fuzz/$f" "$OUT/$f"; fi
  done
  # Seeds and regressions in one zip; regression files get a prefix so a
  # name in both folders keeps both inputs.
  seeds=$WORK/seeds/$t
  rm -rf "$seeds" "$OUT/${t}_seed_corpus.zip"
  mkdir -p "$seeds"
  if [ -d "$CAMSIM_SRC/corpus/$t" ]; then
    find "$CAMSIM_SRC/corpus/$t" -maxdepth 1 -type f -exec cp -t "$seeds" {} +
  fi
  if [ -d "$CAMSIM_SRC/corpus/regressions/$t" ]; then
    for f in "$CAMSIM_SRC/corpus/regressions/$t"/*; do
      if [ -f "$f" ]; then cp "$f" "$seeds/regression-$(basename "$f")"; fi
    done
  fi
  if [ -n "$(ls -A "$seeds")" ]; then
    (cd "$seeds" && zip -q -X -r "$OUT/${t}_seed_corpus.zip" .)
  fi
done
echo "build.sh: ${targets[*]} -> $OUT"
