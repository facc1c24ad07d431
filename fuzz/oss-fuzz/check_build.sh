#!/usr/bin/env bash
# check_build.sh: OSS-Fuzz's `build_fuzzers` + `check_build` for camsim,
# without Docker. For each sanitizer/engine pair it
#   1. lays out $SRC the way fuzz/oss-fuzz/Dockerfile does: $SRC/camsim (this
#      checkout), $SRC/cjson (cJSON v1.7.15), $SRC/jansson (jansson v2.14);
#      locally the same upstream releases come from Debian's source packages
#      (the *.orig.tar.gz, sha256 pinned below), never from GitHub;
#   2. sets the environment base-builder's `compile` gives build.sh (CC, CXX,
#      CFLAGS = base flags + SANITIZER_FLAGS_<s> + COVERAGE_FLAGS, CXXFLAGS,
#      LIB_FUZZING_ENGINE, SANITIZER, FUZZING_ENGINE, SRC, OUT, WORK) and runs
#      `bash -eux $SRC/build.sh`;
#   3. checks $OUT the way base-runner's bad_build_check does (architecture,
#      mixed-sanitizer call counts, engine start-up and instrumentation, seed
#      corpus) and adds: every target of fuzz/targets.cmake is there with its
#      .options, and nothing but the C/C++ runtime is linked dynamically.
#
# usage: check_build.sh [--all] [--keep] [SANITIZER:ENGINE ...]
#   default          address:libfuzzer (the CI contract check, fuzz/smoke.sh)
#   --all            address, undefined, memory, coverage x libfuzzer; address x afl
#                    (the pairs OSS-Fuzz builds; honggfuzz is not checked locally)
#   SANITIZER:ENGINE any pairs, e.g. memory:libfuzzer address:afl
#   --keep           keep the work directory
# env: OSS_WORK (work directory, default mktemp), CHECK_BUILD_ALL=1 (= --all),
#      CAMSIM_OSS_CACHE (where the source tarballs are kept, default
#      build/oss-fuzz-cache), CJSON_TARBALL / JANSSON_TARBALL (use these files,
#      still sha256-checked), CAMSIM_CHECK_SRC (the camsim tree to build,
#      default this checkout), CAMSIM_BUILD_JOBS, AFL_SECONDS (afl-fuzz start-up
#      check, default 20).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# The camsim tree to build ($SRC/camsim): this checkout, or CAMSIM_CHECK_SRC
# (e.g. a `git archive` snapshot while the checkout is being edited).
CAMSIM_TREE=$(cd "${CAMSIM_CHECK_SRC:-$ROOT}" && pwd)

# The pinned releases. Dockerfile: git clone --depth 1 --branch v1.7.15 / v2.14.
CJSON_VERSION=1.7.15
CJSON_SHA256=5308fd4bd90cef7aa060558514de6a1a4a0819974a26e6ed13973c5f624c24b2
JANSSON_VERSION=2.14
JANSSON_SHA256=c739578bf6b764aa0752db9a2fdadcfe921c78f1228c7ec0bb47fa804c55d17b

# base-clang / base-builder (infra/base-images) environment.
BASE_CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
# base-clang's CXXFLAGS_EXTRA is -stdlib=libc++, which OSS-Fuzz's libFuzzer
# (built against a private libc++) allows. Debian's libclang_rt.fuzzer is built
# against libstdc++, so the local libFuzzer builds link libstdc++ (our code is
# C: only the engine's own runtime differs); the AFL++ builds keep libc++.
CXXFLAGS_EXTRA_libfuzzer=${CHECK_BUILD_CXXFLAGS_EXTRA-}
CXXFLAGS_EXTRA_afl=${CHECK_BUILD_CXXFLAGS_EXTRA-"-stdlib=libc++"}
SANITIZER_FLAGS_address="-fsanitize=address -fsanitize-address-use-after-scope"
SANITIZER_FLAGS_undefined="-fsanitize=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,vla-bound,vptr -fno-sanitize-recover=array-bounds,bool,builtin,enum,float-divide-by-zero,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow,unreachable,vla-bound,vptr"
SANITIZER_FLAGS_memory="-fsanitize=memory -fsanitize-memory-track-origins"
SANITIZER_FLAGS_coverage=""
COVERAGE_FLAGS_default="-fsanitize=fuzzer-no-link"
COVERAGE_FLAGS_coverage="-fprofile-instr-generate -fcoverage-mapping -pthread -Wl,--no-as-needed -Wl,-ldl -Wl,-lm -Wno-unused-command-line-argument"
# bad_build_check thresholds.
MIN_NUMBER_OF_RUNS=4
THRESHOLD_FOR_NUMBER_OF_EDGES=100
ASAN_CALLS_THRESHOLD_FOR_ASAN_BUILD=1000
MSAN_CALLS_THRESHOLD_FOR_MSAN_BUILD=1000
MSAN_CALLS_THRESHOLD_FOR_NON_MSAN_BUILD=3
UBSAN_CALLS_THRESHOLD_FOR_UBSAN_BUILD=168
UBSAN_CALLS_THRESHOLD_FOR_NON_UBSAN_BUILD=200
# Dynamic dependencies a runner image has: the C and C++ runtimes.
ALLOWED_SO='^(linux-vdso\.so|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libgcc_s\.so|libstdc\+\+\.so|libc\+\+\.so|libc\+\+abi\.so|libunwind\.so|ld-linux[-a-z0-9_]*\.so)'

pairs=() keep=0 all=${CHECK_BUILD_ALL:-0}
for a in "$@"; do
  case $a in
    --all) all=1 ;;
    --keep) keep=1 ;;
    *:*) pairs+=("$a") ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "check_build: unknown argument $a" >&2; exit 2 ;;
  esac
done
if [ "$all" = 1 ]; then
  pairs=(address:libfuzzer undefined:libfuzzer memory:libfuzzer coverage:libfuzzer address:afl)
fi
[ ${#pairs[@]} -gt 0 ] || pairs=(address:libfuzzer)

W=${OSS_WORK:-$(mktemp -d /tmp/h-oss-check.XXXXXX)}
mkdir -p "$W"
W=$(cd "$W" && pwd)
rm -f "$W/.bad"
if [ "$keep" = 0 ] && [ -z "${OSS_WORK:-}" ]; then trap 'rm -rf "$W"' EXIT; fi
CACHE=${CAMSIM_OSS_CACHE:-$ROOT/build/oss-fuzz-cache}
say() { printf 'check_build: %s\n' "$*"; }
# bad() may run in a $(...) subshell: the verdict is a file, the message stderr.
bad() { printf 'check_build: BAD BUILD (%s): %s\n' "$combo" "$*" >&2; touch "$W/.bad"; }

# --- 1. the dependency sources, as the Dockerfile's git clones would give them
fetch_debian_orig() {  # package version -> path of <package>_<version>.orig.tar.gz
  local pkg=$1 ver=$2 f="$CACHE/${1}_${2}.orig.tar.gz"
  if [ ! -f "$f" ]; then
    mkdir -p "$CACHE/apt/lists/partial"
    printf 'deb-src http://deb.debian.org/debian bookworm main\n' >"$CACHE/apt/sources.list"
    local o=(-o "Dir::Etc::SourceList=$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o "Dir::State::Lists=$CACHE/apt/lists" -o Debug::NoLocking=1)
    [ -n "$(ls "$CACHE/apt/lists" 2>/dev/null | grep -v partial)" ] || apt-get "${o[@]}" update -qq >&2
    # Stale lists name a Debian revision the mirror dropped: update once, retry.
    (cd "$CACHE" && apt-get "${o[@]}" source --download-only "$pkg" >&2) ||
      { apt-get "${o[@]}" update -qq >&2 && (cd "$CACHE" && apt-get "${o[@]}" source --download-only "$pkg" >&2); }
    [ -f "$f" ] || { echo "check_build: apt-get source $pkg gave no ${pkg}_${ver}.orig.tar.gz" >&2; return 1; }
  fi
  echo "$f"
}
unpack() {  # tarball sha256 destdir
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$got" != "$2" ]; then
    echo "check_build: $1: sha256 $got, pinned $2" >&2; return 1
  fi
  rm -rf "$3" && mkdir -p "$3"
  tar -xzf "$1" -C "$3" --strip-components=1
}
cjson_tgz=${CJSON_TARBALL:-$(fetch_debian_orig cjson "$CJSON_VERSION")}
jansson_tgz=${JANSSON_TARBALL:-$(fetch_debian_orig jansson "$JANSSON_VERSION")}
unpack "$cjson_tgz" "$CJSON_SHA256" "$W/deps-src/cjson"
unpack "$jansson_tgz" "$JANSSON_SHA256" "$W/deps-src/jansson"
grep -q "CJSON_VERSION_PATCH 15" "$W/deps-src/cjson/cJSON.h"
say "cJSON $CJSON_VERSION and jansson $JANSSON_VERSION sources: sha256 ok"

# --- helpers for the checks
objdump_counts() {  # binary -> "asan msan ubsan dfsan" call counts
  objdump -d --no-show-raw-insn "$1" | awk '
    /call[q]?[ \t]+[0-9a-f]+ <__asan/ {a++} /call[q]?[ \t]+[0-9a-f]+ <__msan/ {m++}
    /call[q]?[ \t]+[0-9a-f]+ <__ubsan/ {u++} /call[q]?[ \t]+[0-9a-f]+ <__dfsan/ {d++}
    END {printf "%d %d %d %d\n", a, m, u, d}'
}
options_args() {  # <target>.options [libfuzzer] section -> -key=value words
  local f=$1 sec=""
  [ -f "$f" ] || return 0
  while IFS= read -r line; do
    line=${line%%#*}
    case $line in
      \[*\]*) sec=${line#[}; sec=${sec%%]*} ;;
      *=*) if [ "$sec" = libfuzzer ]; then
             local k v; k=$(echo "${line%%=*}" | tr -d ' \t'); v=$(echo "${line#*=}" | sed 's/^[ \t]*//;s/[ \t]*$//')
             [ "$k" = dict ] && v="$(dirname "$f")/$v"
             printf -- '-%s=%s\n' "$k" "$v"
           fi ;;
    esac
  done <"$f"
}

check_links() {  # binary: direct and transitive shared objects
  local b=$1 so
  for so in $(readelf -d "$b" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    [[ $so =~ $ALLOWED_SO ]] || bad "$(basename "$b") needs $so (readelf -d)"
  done
  for so in $(ldd "$b" | awk '{print $1}'); do
    so=$(basename "$so")
    [[ $so =~ $ALLOWED_SO ]] || bad "$(basename "$b") loads $so (ldd)"
  done
}

check_mixed_sanitizers() {  # binary sanitizer engine
  local b=$1 s=$2 e=$3 n asan msan ubsan dfsan
  read -r asan msan ubsan dfsan < <(objdump_counts "$b")
  n=$(basename "$b")
  [ "$dfsan" -eq 0 ] || bad "$n has $dfsan DFSan calls"
  case $s in
    address)
      [ "$asan" -ge $ASAN_CALLS_THRESHOLD_FOR_ASAN_BUILD ] || bad "$n: $asan ASan calls, not an ASan build"
      [ "$msan" -le $MSAN_CALLS_THRESHOLD_FOR_NON_MSAN_BUILD ] || bad "$n: ASan build with $msan MSan calls"
      [ "$ubsan" -le $UBSAN_CALLS_THRESHOLD_FOR_NON_UBSAN_BUILD ] || bad "$n: ASan build with $ubsan UBSan calls" ;;
    memory)
      [ "$msan" -ge $MSAN_CALLS_THRESHOLD_FOR_MSAN_BUILD ] || bad "$n: $msan MSan calls, not an MSan build"
      [ "$asan" -eq 0 ] || bad "$n: MSan build with $asan ASan calls"
      [ "$ubsan" -le $UBSAN_CALLS_THRESHOLD_FOR_NON_UBSAN_BUILD ] || bad "$n: MSan build with $ubsan UBSan calls" ;;
    undefined)
      if [ "$e" = libfuzzer ]; then
        [ "$ubsan" -ge $UBSAN_CALLS_THRESHOLD_FOR_UBSAN_BUILD ] || bad "$n: $ubsan UBSan calls, not a UBSan build"
        [ "$asan" -eq 0 ] || bad "$n: UBSan build with $asan ASan calls"
        [ "$msan" -le $MSAN_CALLS_THRESHOLD_FOR_NON_MSAN_BUILD ] || bad "$n: UBSan build with $msan MSan calls"
      fi ;;
    coverage)
      [ "$asan" -eq 0 ] && [ "$msan" -eq 0 ] || bad "$n: coverage build with sanitizer calls ($asan ASan, $msan MSan)" ;;
  esac
  echo "asan=$asan msan=$msan ubsan=$ubsan"
}

check_libfuzzer_target() {  # binary
  local b=$1 n log edges seeds nseeds
  n=$(basename "$b"); log=$W/$combo_dir/logs/$n
  if [ "$combo_san" = coverage ]; then check_coverage_target "$b"; return; fi
  # check_engine + check_startup_crash: four runs from an empty corpus.
  (cd "$W/$combo_dir/run" && "$b" -seed=1337 -runs=$MIN_NUMBER_OF_RUNS >"$log.engine" 2>&1) || true
  if grep -q "no interesting inputs were found" "$log.engine"; then
    bad "$n does not seem to have coverage instrumentation"; return
  fi
  grep -q "Done $MIN_NUMBER_OF_RUNS runs" "$log.engine" ||
    { bad "$n: start-up crash or exit"; tail -20 "$log.engine" >&2; return; }
  edges=$(grep -Po 'INFO: Loaded [[:digit:]]+ module.*\(.*(counters|guards)\):[[:space:]]+\K[[:digit:]]+' "$log.engine" | head -1)
  if [ "$combo_san" != coverage ]; then
    [ -n "$edges" ] && [ "$edges" -ge $THRESHOLD_FOR_NUMBER_OF_EDGES ] ||
      bad "$n: only ${edges:-0} instrumented edges"
  fi
  # check_seed_corpus: every seed once, with the target's .options.
  seeds=$W/$combo_dir/seeds/$n; rm -rf "$seeds"; mkdir -p "$seeds"
  if [ -f "$OUT/${n}_seed_corpus.zip" ]; then (cd "$seeds" && unzip -q "$OUT/${n}_seed_corpus.zip"); fi
  nseeds=$(find "$seeds" -type f | wc -l)
  mapfile -t opts < <(options_args "$OUT/$n.options")
  if ! (cd "$W/$combo_dir/run" && "$b" -rss_limit_mb=2560 -timeout=25 "${opts[@]}" -runs=0 "$seeds" >"$log.seeds" 2>&1); then
    bad "$n has a crashing input in its seed corpus"; tail -40 "$log.seeds" >&2; return
  fi
  echo "edges=${edges:-?} seeds=$nseeds $(grep -o 'cov: [0-9]*' "$log.seeds" | tail -1)"
}

# The coverage build (ClusterFuzzLite's coverage mode) has no libFuzzer
# feedback by design and is not bad_build_check'ed: its seeds must run and
# leave a profile llvm-profdata can merge.
check_coverage_target() {  # binary
  local b=$1 n log seeds nseeds
  n=$(basename "$b"); log=$W/$combo_dir/logs/$n
  seeds=$W/$combo_dir/seeds/$n; rm -rf "$seeds"; mkdir -p "$seeds"
  if [ -f "$OUT/${n}_seed_corpus.zip" ]; then (cd "$seeds" && unzip -q "$OUT/${n}_seed_corpus.zip"); fi
  nseeds=$(find "$seeds" -type f | wc -l)
  rm -f "$log.profraw"
  if ! (cd "$W/$combo_dir/run" && LLVM_PROFILE_FILE=$log.profraw "$b" -runs=0 "$seeds" >"$log.seeds" 2>&1); then
    bad "$n has a crashing input in its seed corpus (coverage build)"; tail -40 "$log.seeds" >&2; return
  fi
  [ -s "$log.profraw" ] || { bad "$n wrote no profile"; return; }
  if command -v llvm-profdata >/dev/null; then
    llvm-profdata merge -sparse "$log.profraw" -o "$log.profdata" ||
      { bad "$n: llvm-profdata cannot merge its profile"; return; }
  fi
  echo "seeds=$nseeds profile=$(stat -c %s "$log.profraw") bytes"
}

check_afl_target() {  # binary
  local b=$1 n log seeds nseeds i=0 f
  n=$(basename "$b"); log=$W/$combo_dir/logs/$n
  seeds=$W/$combo_dir/seeds/$n; rm -rf "$seeds"; mkdir -p "$seeds"
  if [ -f "$OUT/${n}_seed_corpus.zip" ]; then (cd "$seeds" && unzip -q "$OUT/${n}_seed_corpus.zip"); fi
  nseeds=$(find "$seeds" -type f | wc -l)
  # The driver outside afl-fuzz runs the files it is given, one by one.
  local some=()
  while IFS= read -r f; do some+=("$f"); i=$((i + 1)); [ $i -lt 25 ] || break; done \
    < <(find "$seeds" -type f | sort)
  [ ${#some[@]} -gt 0 ] || some=(/dev/null)
  if ! (cd "$W/$combo_dir/run" && "$b" "${some[@]}" >"$log.seeds" 2>&1); then
    bad "$n crashed on a seed run directly"; tail -40 "$log.seeds" >&2; return
  fi
  # check_engine/check_startup_crash: afl-fuzz must reach the fuzzing loop.
  local afl_in=$W/$combo_dir/afl-in/$n afl_out=$W/$combo_dir/afl-out/$n
  rm -rf "$afl_in" "$afl_out"; mkdir -p "$afl_in" "$(dirname "$afl_out")"
  cp "${some[@]:0:5}" "$afl_in/" 2>/dev/null || echo x >"$afl_in/x"
  [ -n "$(ls -A "$afl_in")" ] || echo x >"$afl_in/x"
  # afl-fuzz insists on abort_on_error=1 and symbolize=0 in ASAN_OPTIONS and
  # exit_code=86 in MSAN_OPTIONS (run_fuzzer sets them; unset, it sets its own).
  (cd "$W/$combo_dir/run" && unset MSAN_OPTIONS UBSAN_OPTIONS &&
     ASAN_OPTIONS="$ASAN_OPTIONS:abort_on_error=1:symbolize=0:detect_leaks=0" \
     AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=30000 AFL_SKIP_CPUFREQ=1 \
     AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1 \
     timeout --preserve-status -s INT "${AFL_SECONDS:-20}s" \
     afl-fuzz -i "$afl_in" -o "$afl_out" -t 10000 -- "$b" >"$log.afl" 2>&1) || true
  grep -q "All set and ready to roll" "$log.afl" ||
    { bad "fuzzing $n with afl-fuzz failed"; tail -30 "$log.afl" >&2; return; }
  if grep -Eq "target binary (crashed|terminated)" "$log.afl"; then
    bad "$n: afl-fuzz start-up crash"; return
  fi
  echo "afl-fuzz ok, ${#some[@]} of $nseeds seeds run directly"
}

# base-runner's sanitizer options for the runs (unsigned overflow is
# instrumented as a coverage signal only, never reported).
export ASAN_OPTIONS=${CHECK_ASAN_OPTIONS:-alloc_dealloc_mismatch=0:allocator_may_return_null=1:allocator_release_to_os_interval_ms=500:check_malloc_usable_size=0:detect_container_overflow=1:detect_odr_violation=0:detect_leaks=1:detect_stack_use_after_return=1:fast_unwind_on_fatal=0:handle_abort=1:handle_segv=1:handle_sigill=1:max_uar_stack_size_log=16:print_scariness=1:quarantine_size_mb=10:strict_memcmp=1:symbolize=1:use_sigaltstack=1:dedup_token_length=3}
export UBSAN_OPTIONS=${CHECK_UBSAN_OPTIONS:-print_stacktrace=1:print_summary=1:silence_unsigned_overflow=1:symbolize=1:dedup_token_length=3}
export MSAN_OPTIONS=${CHECK_MSAN_OPTIONS:-print_stats=1:symbolize=1:dedup_token_length=3}

# --- 2 and 3, per pair
command -v honggfuzz >/dev/null 2>&1 ||
  say "honggfuzz: not checked locally (no honggfuzz in Debian; OSS-Fuzz builds it with address only)"
for combo in "${pairs[@]}"; do
  combo_san=${combo%%:*} combo_eng=${combo#*:}
  combo_dir=$combo_san-$combo_eng
  case $combo_san in address|undefined|memory|coverage) ;; *) echo "check_build: sanitizer $combo_san?" >&2; exit 2 ;; esac
  case $combo_eng in libfuzzer|afl) ;;
    honggfuzz) say "$combo: honggfuzz: not checked locally"; continue ;;
    *) echo "check_build: engine $combo_eng?" >&2; exit 2 ;; esac
  if [ "$combo_eng" = afl ] && ! command -v afl-clang-fast >/dev/null; then
    say "$combo: afl-clang-fast not installed, skipped"; continue
  fi
  start=$(date +%s)
  D=$W/$combo_dir
  rm -rf "$D"; mkdir -p "$D/src" "$D/out" "$D/work" "$D/logs" "$D/run" "$D/seeds"
  ln -s "$CAMSIM_TREE" "$D/src/camsim"
  ln -s "$W/deps-src/cjson" "$D/src/cjson"
  ln -s "$W/deps-src/jansson" "$D/src/jansson"
  cp "$CAMSIM_TREE/fuzz/oss-fuzz/build.sh" "$D/src/build.sh"   # Dockerfile: COPY ... $SRC/
  (
    export SRC=$D/src OUT=$D/out WORK=$D/work SANITIZER=$combo_san FUZZING_ENGINE=$combo_eng
    export ARCHITECTURE=x86_64 FUZZING_LANGUAGE=c UBSAN_OPTIONS=silence_unsigned_overflow=1
    unset ASAN_OPTIONS MSAN_OPTIONS
    flags_var=SANITIZER_FLAGS_$combo_san; SANITIZER_FLAGS=${!flags_var}
    COVERAGE_FLAGS=$COVERAGE_FLAGS_default
    [ "$combo_san" = coverage ] && COVERAGE_FLAGS=$COVERAGE_FLAGS_coverage
    if [ "$combo_eng" = afl ]; then
      # compile_afl: AFL++'s compilers and driver; no libFuzzer coverage flags.
      cp /usr/lib/afl/libAFLDriver.a "$WORK/libFuzzingEngine.a"
      export LIB_FUZZING_ENGINE=$WORK/libFuzzingEngine.a CC=afl-clang-fast CXX=afl-clang-fast++
      export AFL_QUIET=1 ASAN_OPTIONS="detect_leaks=0:symbolize=0:detect_odr_violation=0:abort_on_error=1"
      COVERAGE_FLAGS=
    else
      export LIB_FUZZING_ENGINE=-fsanitize=fuzzer CC=clang CXX=clang++
    fi
    export CFLAGS="$BASE_CFLAGS $SANITIZER_FLAGS $COVERAGE_FLAGS"
    extra_var=CXXFLAGS_EXTRA_$combo_eng
    export CXXFLAGS="$CFLAGS ${!extra_var}"
    export SANITIZER_FLAGS COVERAGE_FLAGS
    cd "$SRC/camsim"
    bash -eux "$SRC/build.sh"
  ) >"$D/logs/build.log" 2>&1 || { bad "build.sh failed (log: $D/logs/build.log)"; tail -40 "$D/logs/build.log" >&2; continue; }
  OUT=$D/out
  say "$combo: built in $(( $(date +%s) - start ))s"

  # The contract: every target of fuzz/targets.cmake, with its .options.
  mapfile -t targets < <(grep -v '^$' "$D/work/camsim-build/fuzz/targets.txt")
  for t in "${targets[@]}"; do
    for f in "$t" "$t.options"; do [ -e "$OUT/$f" ] || bad "missing \$OUT/$f"; done
    [ -e "$OUT/${t}_seed_corpus.zip" ] || say "$combo: note: $t has no seed corpus"
  done
  # ... and every fuzz/<target>.options is a target the build made.
  for f in "$CAMSIM_TREE"/fuzz/*.options; do
    t=$(basename "$f" .options)
    printf '%s\n' "${targets[@]}" | grep -qx "$t" || bad "fuzz/$t.options but no target $t (CAMSIM_FUZZ_TARGETS?)"
  done
  for t in "${targets[@]}"; do
    b=$OUT/$t
    [ -x "$b" ] || continue
    file "$b" | grep -q x86-64 || bad "$t is not built for x86_64"
    check_links "$b"
    counts=$(check_mixed_sanitizers "$b" "$combo_san" "$combo_eng")
    if [ "$combo_eng" = libfuzzer ]; then
      res=$(check_libfuzzer_target "$b")
    else
      res=$(check_afl_target "$b")
    fi
    say "$combo: $t: ${res:-failed}; $counts"
  done
  say "$combo: done in $(( $(date +%s) - start ))s"
done
if [ -e "$W/.bad" ]; then say "FAILED (work: $W)"; exit 1; fi
say "ok: ${pairs[*]}"
