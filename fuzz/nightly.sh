#!/usr/bin/env bash
# nightly.sh: the nightly fuzzing job (docs/fuzzing.md).
#
#   fuzz/nightly.sh [--engine libfuzzer|afl] [--budget SECONDS] [--jobs N]
#                   [--targets a,b] [--out DIR] [--corpus-dir DIR]
#                   [--no-merge] [--no-collisions] [--no-coverage]
#
# Builds the targets if needed (presets fuzz-libfuzzer, fuzz-collisions,
# fuzz-afl, fuzz-afl-cmplog, and fuzz-afl with AFL_USE_ASAN=1 in
# fuzz-afl-asan; trees under $CAMSIM_FUZZ_BUILD_ROOT, default build/; the
# words of $CAMSIM_NIGHTLY_CMAKE_ARGS are appended to every configure). The
# default targets are those fuzz/targets.cmake registers. With
# libFuzzer, eval and policy_parse also run from the fuzz-collisions build
# (runs eval@collisions, policy_parse@collisions). The budget (default 120 s)
# is split evenly across the runs; a libFuzzer run's slice starts once it has
# replayed its corpus. Each run fuzzes its corpus directory
# (--corpus-dir or $CAMSIM_CORPUS_DIR, default fuzz-runs/corpus, git-ignored;
# <run>/ is seeded from corpus/<target> and corpus/regressions/<target>) and
# prunes it by merging into an empty directory. Crashes are replayed on the
# ASan/UBSan libFuzzer build (-timeout=10, so timeouts get a stack), keyed by
# crash type + top 3 frames of the project's code, minimized
# (-minimize_crash, checked to keep the signature), and written to
# OUT/report.md, OUT/report.json and OUT/report.sarif; then fuzz/coverage.sh
# measures engine/src over the corpus and report.md links its HTML
# (--no-coverage skips it). Exit status 1 when a
# crash, leak, timeout or camsim-fuzz MISMATCH was found whose signature is
# not in corpus/regressions/known-signatures.txt, 2 on a usage or build
# error, 0 otherwise.
set -euo pipefail
# An unexpected failure (set -e) is an error of the job, 2, never 1: that
# means "a new crash was found" and is only returned by the last line.
FOUND_EXIT=0
trap 'rc=$?; if [ "$rc" -ne 0 ] && [ "$FOUND_EXIT" = 0 ] && [ "$rc" -ne 2 ]; then
        echo "nightly.sh: failed (status $rc); see the log above" >&2; exit 2; fi' EXIT

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENGINE=libfuzzer
BUDGET=120
JOBS=1
# Every target fuzz/targets.cmake registers (CAMSIM_FUZZ_TARGETS).
TARGETS=$(awk '/^set\(CAMSIM_FUZZ_TARGETS/ { f = 1; sub(/^set\(CAMSIM_FUZZ_TARGETS/, "") }
                f { e = sub(/\).*/, ""); printf "%s ", $0; if (e) exit }' "$ROOT/fuzz/targets.cmake" 2>/dev/null \
          | tr -s ' \t' '\n\n' | grep -E '^[a-z_0-9]+$' | paste -sd, || true)
TARGETS=${TARGETS:-policy_parse,action_match,resource_match,condition,eval,requests_jsonl}
OUT=""
MERGE=1
COLLISIONS=1
COVERAGE=1
CORPUS_DIR=${CAMSIM_CORPUS_DIR:-}
usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --engine) ENGINE=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --corpus-dir) CORPUS_DIR=$2; shift 2 ;;
    --no-merge) MERGE=0; shift ;;
    --no-collisions) COLLISIONS=0; shift ;;
    --no-coverage) COVERAGE=0; shift ;;
    -h|--help) usage ;;
    *) echo "nightly.sh: unknown argument $1" >&2; usage ;;
  esac
done
case $ENGINE in libfuzzer|afl) ;; *) echo "nightly.sh: --engine must be libfuzzer or afl" >&2; exit 2 ;; esac
[[ $BUDGET =~ ^[0-9]+$ && $JOBS =~ ^[0-9]+$ && $JOBS -ge 1 ]] || { echo "nightly.sh: --budget and --jobs take integers" >&2; exit 2; }
# Debian's python3: the report needs nothing else than the standard library.
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
OUT=${OUT:-$ROOT/fuzz-runs/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CORPUS_DIR=${CORPUS_DIR:-$ROOT/fuzz-runs/corpus}
mkdir -p "$CORPUS_DIR"
CORPUS_DIR=$(cd "$CORPUS_DIR" && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
CMAKE_EXTRA=()
read -r -a CMAKE_EXTRA <<< "${CAMSIM_NIGHTLY_CMAKE_ARGS:-}"
KNOWN=$ROOT/corpus/regressions/known-signatures.txt
log() { printf '[nightly %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/nightly.log" >&2; }

# Runs: a target, or TARGET@collisions (libFuzzer only) for the collision build.
IFS=, read -r -a TARGET_LIST <<< "$TARGETS"
RUNS=()
for t in "${TARGET_LIST[@]}"; do
  case $t in
    *@collisions) [ "$ENGINE" = libfuzzer ] || { echo "nightly.sh: $t needs --engine libfuzzer" >&2; exit 2; } ;;
    *@*) echo "nightly.sh: unknown build in $t (only TARGET@collisions)" >&2; exit 2 ;;
  esac
  RUNS+=("$t")
done
if [ "$ENGINE" = libfuzzer ] && [ "$COLLISIONS" = 1 ]; then
  for t in eval policy_parse; do
    if [[ ",$TARGETS," == *",$t,"* && ",$TARGETS," != *",$t@collisions,"* ]]; then RUNS+=("$t@collisions"); fi
  done
fi
NR=${#RUNS[@]}
PER=$(( BUDGET / NR )); [ "$PER" -ge 5 ] || PER=5
LOAD_CAP=600 # most seconds a libFuzzer run may spend replaying its corpus

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_QUIET=1
# afl-cmin refuses to work under /tmp unless told; run directories may live there.
export AFL_ALLOW_TMP=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
command -v llvm-symbolizer >/dev/null && export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer)

build() { # tree preset [VAR=value...]: configure (preset + CAMSIM_NIGHTLY_CMAKE_ARGS) and build
  local name=$1 preset=$2; shift 2
  local dir=$BUILD_ROOT/$name env=(env "$@")
  local want="$preset ${CMAKE_EXTRA[*]:-} $*"
  log "building $name in $dir${CMAKE_EXTRA[*]:+ (cmake ${CMAKE_EXTRA[*]})}"
  # A tree configured with other arguments (a plant, say) is configured anew:
  # its cache would otherwise keep the old values.
  if [ -f "$dir/CMakeCache.txt" ] && [ "$(cat "$dir/.nightly-cmake-args" 2>/dev/null || echo "$preset  $*")" != "$want" ]; then
    log "$name: configured with other arguments; configuring again"
    rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
  fi
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    "${env[@]}" cmake --preset "$preset" -B "$dir" ${CMAKE_EXTRA[@]+"${CMAKE_EXTRA[@]}"} >"$OUT/build-$name.log" 2>&1 \
      || { cat "$OUT/build-$name.log" >&2; exit 2; }
    printf '%s\n' "$want" >"$dir/.nightly-cmake-args"
  fi
  "${env[@]}" cmake --build "$dir" -j "$(nproc)" >>"$OUT/build-$name.log" 2>&1 \
    || { tail -40 "$OUT/build-$name.log" >&2; exit 2; }
}

# The ASan/UBSan libFuzzer build is the reproducer for every engine: it gives
# the symbolized stack used for the signatures and in the report.
build fuzz-libfuzzer fuzz-libfuzzer
if [ "$ENGINE" = afl ]; then
  build fuzz-afl fuzz-afl
  build fuzz-afl-cmplog fuzz-afl-cmplog AFL_LLVM_CMPLOG=1
  build fuzz-afl-asan fuzz-afl AFL_USE_ASAN=1
fi
[[ " ${RUNS[*]} " == *@collisions* ]] && build fuzz-collisions fuzz-collisions

run_tree() { case $1 in *@collisions) echo fuzz-collisions ;; *) echo fuzz-libfuzzer ;; esac; }
repro_bin() { echo "$BUILD_ROOT/$(run_tree "$1")/fuzz/${1%@*}"; }

# corpus_dir RUN: its directory in CORPUS_DIR, created and seeded when missing.
corpus_dir() {
  local r=$1 t=${1%@*} d=$CORPUS_DIR/$1
  if [ ! -d "$d" ]; then
    mkdir -p "$d"
    local s
    for s in "$ROOT/corpus/$t" "$ROOT/corpus/regressions/$t"; do
      [ -d "$s" ] && find "$s" -maxdepth 1 -type f ! -name '.*' -exec cp -n -t "$d/" {} +
    done
    log "$r: new corpus directory $d, seeded from corpus/$t and corpus/regressions/$t"
  fi
  echo "$d"
}

# The checkout's seeds for a target: also given to every run and merge, so
# seeds added to the repository reach corpus directories that already exist.
seed_dirs() {
  local t=${1%@*}
  echo "$ROOT/corpus/$t"
  [ -d "$ROOT/corpus/regressions/$t" ] && echo "$ROOT/corpus/regressions/$t"
  # The collision build starts from what the plain build found.
  [[ $1 == *@collisions && -d $CORPUS_DIR/$t ]] && echo "$CORPUS_DIR/$t"
  return 0
}

# replace_corpus RUN NEWDIR: NEWDIR (the merge/cmin output) becomes the corpus.
replace_corpus() {
  local d=$CORPUS_DIR/$1
  if [ -n "$(ls -A "$2" 2>/dev/null)" ]; then
    rm -rf "$d.old"; mv "$d" "$d.old"; mv "$2" "$d"; rm -rf "$d.old"
    log "$1: corpus pruned to $(find "$d" -type f | wc -l) inputs"
  else
    rm -rf "$2"; log "$1: the merge produced nothing; corpus kept as it was"
  fi
}

sig_of() { "$PY" "$ROOT/fuzz/report.py" sig "$1" "$ROOT" "$BUILD_ROOT"; }
# Every libFuzzer invocation runs in a scratch directory with its own
# -artifact_prefix: libFuzzer writes crash-* files to the current directory
# otherwise, which is the checkout when the job is started from there.
replay() { # BIN INPUT -> INPUT.log
  local s; s=$(dirname "$2")/scratch; mkdir -p "$s"
  (cd "$s" && timeout 120 "$1" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$s/" "$2") >"$2.log" 2>&1 || true
}
NEW_CRASHES=0

# collect_crashes RUN REPRO_BIN, "KIND<TAB>FILE" lines on stdin (KIND crash,
# leak, timeout, oom, hang). Writes OUT/RUN/crashes.tsv:
#   id new kind input minimized minimization reproducer reproducer.log
collect_crashes() {
  local r=$1 bin=$2 dir=$OUT/$1
  mkdir -p "$dir/unique/scratch"
  : >"$dir/crashes.tsv"
  declare -A seen=()
  local kind c
  while IFS=$'\t' read -r kind c; do
    [ -f "$c" ] || continue
    local u=$dir/unique/input-$(sha1sum "$c" | cut -c1-12)
    cp "$c" "$u"
    replay "$bin" "$u"
    local line id type frames
    line=$(sig_of "$u.log"); IFS=$'\t' read -r id type frames <<<"$line" || true
    local key=${id:-unreproduced-$kind}
    [ -n "${seen[$key]:-}" ] && { rm -f "$u" "$u.log"; continue; }
    seen[$key]=1
    local min=$dir/unique/crash-${id:-$kind-unreproduced}.min status repro=$u new=1
    if [ -n "$id" ] && [ -f "$KNOWN" ] && grep -Eq "^$id([[:space:]]|$)" "$KNOWN"; then
      new=0
    fi
    if [ "$new" = 0 ]; then
      status="not minimized: a known signature (corpus/regressions/known-signatures.txt)"
      cp "$u" "$min"; cp "$u.log" "$min.log"
      log "$r: $type $id ($frames) is listed in corpus/regressions/known-signatures.txt"
    elif [ -z "$id" ]; then
      status="not minimized: the reproducer build does not reproduce it"
      cp "$u" "$min"; cp "$u.log" "$min.log"
      log "$r: $kind $(basename "$c") does not reproduce on $(basename "$(dirname "$(dirname "$bin")")")"
    elif [ "$type" = Timeout ]; then
      status="not minimized: a timeout (minimizing costs 10 s a try)"
      cp "$u" "$min"; cp "$u.log" "$min.log"
      log "$r: $type $id ($frames)"
    else
      log "$r: $type $id ($frames); minimizing"
      # Each round of -minimize_crash is a child run of at most 10 s; 90 s in all.
      (cd "$dir/unique/scratch" && timeout 90 "$bin" -minimize_crash=1 -max_total_time=10 -timeout=10 \
         -artifact_prefix="$dir/unique/scratch/" -exact_artifact_path="$min" "$u") >"$u.minimize.log" 2>&1 || true
      if [ -s "$min" ]; then
        replay "$bin" "$min"
        local mline mid mtype
        mline=$(sig_of "$min.log"); IFS=$'\t' read -r mid mtype _ <<<"$mline" || true
        if [ "$mid" = "$id" ]; then
          status=same; repro=$min
        else
          status="the minimized input has another signature (${mid:-no crash}${mtype:+: $mtype})"
          log "$r: $id: $status; keeping the original input as the reproducer"
        fi
      else
        status="minimization produced nothing"; cp "$u" "$min"
      fi
    fi
    # An AFL++ hang that does not time out under -timeout=10 is a slow input, not a finding.
    [ -z "$id" ] && [ "$kind" = hang ] && new=0
    NEW_CRASHES=$(( NEW_CRASHES + new ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$new" "$kind" "$u" "$min" "$status" "$repro" "$repro.log" \
      >>"$dir/crashes.tsv"
  done
}

artifact_kinds() { # libFuzzer artifact names -> KIND<TAB>FILE
  local f
  while IFS= read -r f; do
    case $(basename "$f") in
      crash-*) printf 'crash\t%s\n' "$f" ;; leak-*) printf 'leak\t%s\n' "$f" ;;
      timeout-*) printf 'timeout\t%s\n' "$f" ;; oom-*) printf 'oom\t%s\n' "$f" ;;
    esac
  done
}

# Let libFuzzer process $1 (output in $2) fuzz PER seconds once it has
# replayed its corpus (its "INITED" line), then stop it with SIGINT, on
# which it prints its final statistics and exits.
fuzz_for_slice() {
  local pid=$1 log=$2 left=$PER
  while kill -0 "$pid" 2>/dev/null && ! grep -q 'INITED' "$log"; do sleep 1; done
  while [ "$left" -gt 0 ] && kill -0 "$pid" 2>/dev/null; do sleep 1; left=$(( left - 1 )); done
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" || true
}

run_libfuzzer() {
  local r=$1 t=${1%@*} dir=$OUT/$1 bin
  bin=$(repro_bin "$r")
  [ -x "$bin" ] || { log "$r: no such target: $bin"; exit 2; }
  mkdir -p "$dir/new" "$dir/artifacts"
  local corpus seeds=()
  corpus=$(corpus_dir "$r")
  mapfile -t seeds < <(seed_dirs "$r")
  # -max_total_time counts from the start, corpus replay included, and diff
  # replays its corpus for longer than a short budget's slice: one process
  # gets its slice after the replay (fuzz_for_slice), the flag only caps a
  # replay that never ends. Fork mode (--jobs) keeps the flag as the slice:
  # SIGINT would stop the parent and leave its jobs running.
  local limit=$PER
  [ "$JOBS" -gt 1 ] || limit=$(( PER + LOAD_CAP ))
  local args=(-max_total_time="$limit" -print_final_stats=1 -artifact_prefix="$dir/artifacts/"
              -dict="$ROOT/fuzz/$t.dict" -max_len="$(sed -n 's/^max_len = //p' "$ROOT/fuzz/$t.options")"
              -timeout=10 -rss_limit_mb=2048)
  [ "$JOBS" -gt 1 ] && args+=(-fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  log "$r: libFuzzer ($(run_tree "$r")) for ${PER}s (jobs $JOBS) on $corpus"
  local start=$SECONDS
  if [ "$JOBS" -gt 1 ]; then
    (cd "$dir" && "$bin" "${args[@]}" "$dir/new" "$corpus" "${seeds[@]}") >"$dir/fuzz.log" 2>&1 || true
  else
    (cd "$dir" && exec "$bin" "${args[@]}" "$dir/new" "$corpus" "${seeds[@]}") >"$dir/fuzz.log" 2>&1 &
    fuzz_for_slice $! "$dir/fuzz.log"
  fi
  local secs=$(( SECONDS - start )); [ "$secs" -gt 0 ] || secs=1
  local last execs cov ft
  last=$(grep -E '(#[0-9]+|DONE).*cov: ' "$dir/fuzz.log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log" | tail -1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#' || echo 0)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | awk '{print $2}' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | awk '{print $2}' || true)
  if [ "$MERGE" = 1 ] && [ -n "$(ls -A "$dir/artifacts")" ]; then
    # A build that crashes would drop the crashing inputs from the merged
    # corpus (and libFuzzer restarts the merge once per crash): keep the corpus
    # and add the new inputs (they ran without a crash) unpruned.
    cp -n -t "$corpus/" "$dir"/new/* 2>/dev/null || true
    log "$r: the run found crashes: corpus not pruned, $(find "$dir/new" -type f | wc -l) new inputs added"
  elif [ "$MERGE" = 1 ]; then
    # Prune: merge everything into an empty directory, which then replaces the corpus.
    local tmp=$CORPUS_DIR/.$r.merge
    rm -rf "$tmp"; mkdir -p "$tmp" "$dir/merge-scratch"
    if (cd "$dir/merge-scratch" && timeout 600 "$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
         -artifact_prefix="$dir/merge-scratch/" "$tmp" "$corpus" "$dir/new" "${seeds[@]}") >"$dir/merge.log" 2>&1; then
      replace_corpus "$r" "$tmp"
    else
      rm -rf "$tmp"; log "$r: merge failed, corpus kept; see $dir/merge.log"
    fi
  fi
  cat >"$dir/meta.env" <<EOM
engine=libfuzzer
target=$t
build=$(run_tree "$r")
bin=$bin
seconds=$secs
execs=${execs:-0}
exec_per_sec=$(( ${execs:-0} / secs ))
cov=${cov:-0}
ft=${ft:-0}
corpus_dir=$corpus
corpus_size=$(find "$corpus" -type f | wc -l)
new_inputs=$(find "$dir/new" -type f | wc -l)
EOM
  collect_crashes "$r" "$bin" < <(find "$dir/artifacts" -type f | artifact_kinds)
}

run_afl() {
  local t=$1 dir=$OUT/$1 bin=$BUILD_ROOT/fuzz-afl/fuzz/$1 cmp=$BUILD_ROOT/fuzz-afl-cmplog/fuzz/$1
  local asan=$BUILD_ROOT/fuzz-afl-asan/fuzz/$1 corpus
  corpus=$(corpus_dir "$t")
  mkdir -p "$dir/in"
  find "$corpus" "$ROOT/corpus/$t" "$ROOT/corpus/regressions/$t" -maxdepth 1 -type f ! -name '.*' -size -64k \
    -exec cp -t "$dir/in/" {} + 2>/dev/null || true
  [ -n "$(ls -A "$dir/in")" ] || printf 'x' >"$dir/in/empty"
  log "$t: AFL++ for ${PER}s (jobs $JOBS, CMPLOG on the main instance, one AFL_USE_ASAN secondary)"
  local common=(-i "$dir/in" -o "$dir/sync" -V "$PER" -t 2000 -m none -x "$ROOT/fuzz/$t.dict")
  local pids=()
  for ((j = 1; j < JOBS; j++)); do
    env -u ASAN_OPTIONS -u UBSAN_OPTIONS afl-fuzz "${common[@]}" -S "s$j" -- "$bin" >"$dir/afl-s$j.log" 2>&1 &
    pids+=($!)
  done
  # afl-fuzz sets the ASAN_OPTIONS it needs (abort_on_error, symbolize=0) itself.
  env -u ASAN_OPTIONS -u UBSAN_OPTIONS afl-fuzz "${common[@]}" -S asan -- "$asan" >"$dir/afl-asan.log" 2>&1 &
  pids+=($!)
  env -u ASAN_OPTIONS -u UBSAN_OPTIONS afl-fuzz "${common[@]}" -M main -c "$cmp" -- "$bin" >"$dir/afl-main.log" 2>&1 || true
  for p in "${pids[@]}"; do wait "$p" || true; done
  local stats=$dir/sync/main/fuzzer_stats execs=0 eps=0 edges=0 cvg=0 secs=$PER total_execs=""
  if [ -f "$stats" ]; then
    for f in "$dir"/sync/*/fuzzer_stats; do
      execs=$(( execs + $(awk -F' *: *' '$1=="execs_done"{print $2}' "$f") ))
    done
    edges=$(awk -F' *: *' '$1=="edges_found"{print $2}' "$stats")
    cvg=$(awk -F' *: *' '$1=="bitmap_cvg"{print $2}' "$stats")
    secs=$(awk -F' *: *' '$1=="run_time"{print $2}' "$stats"); [ "${secs:-0}" -gt 0 ] || secs=$PER
    eps=$(( execs / secs ))
    # Totals over all instances (the ASan secondary too): afl-whatsup; -d counts
    # the instances that have finished.
    afl-whatsup -s -d "$dir/sync" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^tput:' >"$dir/whatsup.txt" || true
    local w; w=$(sed -n 's/^ *Cumulative speed : \([0-9]*\).*/\1/p' "$dir/whatsup.txt")
    [ -n "$w" ] && eps=$w
    total_execs=$(sed -n 's/^ *Total execs : //p' "$dir/whatsup.txt")
    # afl-plot refuses runs too short to plot; say why rather than guess.
    if ! plot_out=$(afl-plot "$dir/sync/main" "$dir/plot" 2>&1); then
      log "$t: no afl-plot graphs: $(printf '%s\n' "$plot_out" | grep -m1 -iE 'error|not found' || echo 'afl-plot failed')"
    fi
  else
    log "$t: AFL++ did not start; see $dir/afl-main.log"
  fi
  if [ "$MERGE" = 1 ] && [ -n "$(find "$dir"/sync/*/crashes -type f -name 'id:*' 2>/dev/null | head -1)" ]; then
    # As with libFuzzer: no pruning by a build that crashes; new queue entries added.
    local h f n=0
    while read -r h f; do
      [ -e "$corpus/afl-${h:0:16}" ] || { cp "$f" "$corpus/afl-${h:0:16}"; n=$((n + 1)); }
    done < <(find "$dir"/sync/*/queue -maxdepth 1 -type f -name 'id:*' -exec sha1sum {} + 2>/dev/null)
    log "$t: the run found crashes: corpus not pruned, $n new inputs added"
  elif [ "$MERGE" = 1 ] && [ -d "$dir/sync/main/queue" ]; then
    # Prune: afl-cmin over the corpus, the queues and the seeds into an empty
    # directory, which then replaces the corpus. Inputs named by content, so
    # the instances' id:... names do not overwrite each other.
    rm -rf "$dir/cmin-in"; mkdir -p "$dir/cmin-in"
    local h f
    while read -r h f; do
      cp "$f" "$dir/cmin-in/$h"
    done < <(find "$dir"/sync/*/queue "$corpus" "$ROOT/corpus/$t" "$ROOT/corpus/regressions/$t" \
               -maxdepth 1 -type f ! -name '.*' -exec sha1sum {} + 2>/dev/null)
    local tmp=$CORPUS_DIR/.$t.merge
    rm -rf "$tmp"
    if timeout 300 env -u ASAN_OPTIONS afl-cmin -i "$dir/cmin-in" -o "$tmp" -t 2000 -m none -- "$bin" >"$dir/cmin.log" 2>&1; then
      replace_corpus "$t" "$tmp"
    else
      rm -rf "$tmp"; log "$t: afl-cmin failed, corpus kept; see $dir/cmin.log"
    fi
  fi
  cat >"$dir/meta.env" <<EOM
engine=afl
target=$t
build=fuzz-libfuzzer
bin=$(repro_bin "$t")
seconds=$secs
execs=$execs
afl_total_execs=$total_execs
exec_per_sec=$eps
edges=${edges:-0}
bitmap_cvg=${cvg:-0}
corpus_dir=$corpus
corpus_size=$(find "$corpus" -type f | wc -l)
new_inputs=$(find "$dir"/sync/*/queue -maxdepth 1 -type f 2>/dev/null | wc -l)
EOM
  collect_crashes "$t" "$(repro_bin "$t")" < <(
    find "$dir"/sync/*/crashes -type f -name 'id:*' 2>/dev/null | sed 's/^/crash\t/'
    find "$dir"/sync/*/hangs -type f -name 'id:*' 2>/dev/null | sed 's/^/hang\t/')
}

for r in "${RUNS[@]}"; do
  [ -x "$(repro_bin "$r")" ] || { log "$r: no such target in $BUILD_ROOT/$(run_tree "$r")/fuzz"; exit 2; }
done
for r in "${RUNS[@]}"; do
  mkdir -p "$OUT/$r"
  if [ "$ENGINE" = libfuzzer ]; then run_libfuzzer "$r"; else run_afl "$r"; fi
  log "$r: $(grep -vE '^(bin|corpus_dir)=' "$OUT/$r/meta.env" | tr '\n' ' ')"
done

# Coverage of engine/src by everything the corpus now holds (fuzz/coverage.sh;
# its 90%/80% gate is reported, not fatal: exit 1 means a new finding).
if [ "$COVERAGE" = 1 ] && [ "$ENGINE" = libfuzzer ]; then
  log "coverage: fuzz/coverage.sh over the corpus directory"
  if CAMSIM_FUZZ_BUILD_ROOT=$BUILD_ROOT bash "$ROOT/fuzz/coverage.sh" --corpus-dir "$CORPUS_DIR" \
       >"$OUT/coverage.log" 2>&1; then gate=pass; else gate=fail; fi
  summary=$(grep -m1 '^engine/src: lines' "$OUT/coverage.log" || echo "coverage.sh failed: see coverage.log")
  printf 'summary=%s\ngate=%s\nhtml=%s\nlcov=%s\n' "$summary" "$gate" \
    "$BUILD_ROOT/coverage/html/index.html" "$BUILD_ROOT/coverage/coverage.lcov" >"$OUT/coverage.env"
fi

"$PY" "$ROOT/fuzz/report.py" report "$OUT" "$ROOT" "$BUILD_ROOT" "$CORPUS_DIR" "${RUNS[@]}"
"$PY" "$ROOT/fuzz/check_sarif.py" "$OUT/report.sarif" "$ROOT" \
  || { log "report.sarif fails the structure check"; exit 2; }
log "report: $OUT/report.md (report.json, report.sarif)"
if [ "$NEW_CRASHES" -gt 0 ]; then
  log "$NEW_CRASHES new finding(s): see $OUT/report.md"
  FOUND_EXIT=1
  exit 1
fi
exit 0
