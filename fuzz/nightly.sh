#!/usr/bin/env bash
# nightly.sh: the nightly fuzzing job (docs/fuzzing.md).
#
#   fuzz/nightly.sh [--engine libfuzzer|afl] [--budget SECONDS] [--jobs N]
#                   [--targets a,b] [--out DIR] [--no-merge]
#
# Builds the targets if needed (presets fuzz-libfuzzer, fuzz-afl,
# fuzz-afl-cmplog; build trees under $CAMSIM_FUZZ_BUILD_ROOT, default build/),
# splits the total budget (default 120 s) across the targets, runs each,
# merges new coverage back into corpus/<target>/ (-merge=1 / afl-cmin),
# collects crashes, dedupes them by the top 3 frames of the sanitizer stack,
# minimizes each (-minimize_crash / afl-tmin), and writes OUT/report.md and
# OUT/report.json (plus afl-plot graphs for AFL++). Exit status 1 when a new
# crash was found, 2 on a usage or build error, 0 otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENGINE=libfuzzer
BUDGET=120
JOBS=1
TARGETS=policy_parse,action_match,resource_match,condition,eval,requests_jsonl
OUT=""
MERGE=1
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --engine) ENGINE=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-merge) MERGE=0; shift ;;
    -h|--help) usage ;;
    *) echo "nightly.sh: unknown argument $1" >&2; usage ;;
  esac
done
case $ENGINE in libfuzzer|afl) ;; *) echo "nightly.sh: --engine must be libfuzzer or afl" >&2; exit 2 ;; esac
[[ $BUDGET =~ ^[0-9]+$ && $JOBS =~ ^[0-9]+$ && $JOBS -ge 1 ]] || { echo "nightly.sh: --budget and --jobs take integers" >&2; exit 2; }
OUT=${OUT:-$ROOT/fuzz-runs/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BUILD_ROOT=${CAMSIM_FUZZ_BUILD_ROOT:-$ROOT/build}
IFS=, read -r -a TARGET_LIST <<< "$TARGETS"
NT=${#TARGET_LIST[@]}
PER=$(( BUDGET / NT )); [ "$PER" -ge 5 ] || PER=5
log() { printf '[nightly %s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/nightly.log" >&2; }

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_QUIET=1
# afl-cmin refuses to work under /tmp unless told; run directories may live there.
export AFL_ALLOW_TMP=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
command -v llvm-symbolizer >/dev/null && export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer)

build() { # preset
  local dir=$BUILD_ROOT/$1
  log "building $1 in $dir"
  if [ ! -f "$dir/build.ninja" ] && [ ! -f "$dir/Makefile" ]; then
    cmake --preset "$1" -B "$dir" >"$OUT/build-$1.log" 2>&1 || { cat "$OUT/build-$1.log" >&2; exit 2; }
  fi
  local env=()
  [ "$1" = fuzz-afl-cmplog ] && env=(env AFL_LLVM_CMPLOG=1)
  "${env[@]}" cmake --build "$dir" -j "$(nproc)" >>"$OUT/build-$1.log" 2>&1 \
    || { tail -40 "$OUT/build-$1.log" >&2; exit 2; }
}

# The ASan/UBSan libFuzzer build is the reproducer for every engine: it gives
# the symbolized stack used for dedup and in the report.
build fuzz-libfuzzer
REPRO=$BUILD_ROOT/fuzz-libfuzzer/fuzz
if [ "$ENGINE" = afl ]; then
  build fuzz-afl
  build fuzz-afl-cmplog
fi

# signature FILE TARGET -> prints "sig<TAB>frame1 | frame2 | frame3"; the log goes to FILE.log
signature() {
  local f=$1 t=$2
  timeout 60 "$REPRO/$t" "$f" >"$f.log" 2>&1 || true
  python3 - "$f.log" <<'PY'
import hashlib, re, sys
text = open(sys.argv[1], errors="replace").read()
skip = re.compile(r"(__sanitizer|__asan|__ubsan|__interceptor|fuzzer::|LLVMFuzzerRunDriver|"
                  r"libc_start|_start$|^abort$|^raise$|gsignal|fz_fail|__GI_|libc\.so|pthread_kill)")
frames = []
for m in re.finditer(r"^\s*#\d+ 0x[0-9a-f]+ in (\S+)(?: (\S+))?", text, re.M):
    fn, loc = m.group(1), (m.group(2) or "")
    if skip.search(fn) or "compiler-rt" in loc or "/libfuzzer/" in loc:
        continue
    frames.append(fn)
    if len(frames) == 3:
        break
if not frames:
    kind = re.search(r"(MISMATCH in \S+|ERROR: \w+: [\w-]+|runtime error)", text)
    frames = [kind.group(1) if kind else "no-stack"]
key = " | ".join(frames)
mm = re.search(r"MISMATCH in \S+: ([^\n(]{0,60})", text)
if mm:  # harness oracles all abort from the same frames: keep the verdict in the key
    key = mm.group(1).strip() + " @ " + key
print(hashlib.sha1(key.encode()).hexdigest()[:12] + "\t" + key)
PY
}

KNOWN=$ROOT/corpus/regressions/known-signatures.txt
NEW_CRASHES=0

collect_crashes() { # target, list of crash files on stdin
  local t=$1 dir=$OUT/$t
  mkdir -p "$dir/unique"
  : >"$dir/crashes.tsv"
  declare -A seen=()
  while IFS= read -r c; do
    [ -f "$c" ] || continue
    local line sig frames
    line=$(signature "$c" "$t"); sig=${line%%$'\t'*}; frames=${line#*$'\t'}
    [ -n "${seen[$sig]:-}" ] && continue
    seen[$sig]=1
    local u=$dir/unique/crash-$sig min=$dir/unique/crash-$sig.min
    cp "$c" "$u"
    log "$t: crash $sig ($frames); minimizing"
    if [ "$ENGINE" = afl ]; then
      timeout 60 env -u ASAN_OPTIONS afl-tmin -i "$u" -o "$min" -t 2000 -m none -- "$BUILD_ROOT/fuzz-afl/fuzz/$t" >/dev/null 2>&1 || cp "$u" "$min"
    else
      timeout 60 "$REPRO/$t" -minimize_crash=1 -runs=5000 -exact_artifact_path="$min" "$u" >"$u.minimize.log" 2>&1 || true
      [ -s "$min" ] || cp "$u" "$min"
    fi
    signature "$min" "$t" >/dev/null
    local new=1
    [ -f "$KNOWN" ] && grep -q "^$sig" "$KNOWN" && new=0
    NEW_CRASHES=$(( NEW_CRASHES + new ))
    printf '%s\t%s\t%s\t%s\t%s\n' "$sig" "$new" "$u" "$min" "$frames" >>"$dir/crashes.tsv"
  done
}

run_libfuzzer() {
  local t=$1 dir=$OUT/$1 bin=$REPRO/$1
  mkdir -p "$dir/new" "$dir/artifacts"
  local seeds=("$ROOT/corpus/$t")
  [ -d "$ROOT/corpus/regressions/$t" ] && seeds+=("$ROOT/corpus/regressions/$t")
  local args=(-max_total_time="$PER" -print_final_stats=1 -artifact_prefix="$dir/artifacts/"
              -dict="$ROOT/fuzz/$t.dict" -max_len="$(sed -n 's/^max_len = //p' "$ROOT/fuzz/$t.options")"
              -timeout=10 -rss_limit_mb=2048)
  [ "$JOBS" -gt 1 ] && args+=(-fork="$JOBS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  log "$t: libFuzzer for ${PER}s (jobs $JOBS)"
  local start=$SECONDS
  (cd "$dir" && "$bin" "${args[@]}" "$dir/new" "${seeds[@]}") >"$dir/fuzz.log" 2>&1 || true
  local secs=$(( SECONDS - start )); [ "$secs" -gt 0 ] || secs=1
  local last execs cov ft
  last=$(grep -E '(#[0-9]+|DONE).*cov: ' "$dir/fuzz.log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log" | tail -1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#' || echo 0)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | awk '{print $2}' || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | awk '{print $2}' || true)
  if [ "$MERGE" = 1 ]; then
    "$bin" -merge=1 -max_len=8192 "$ROOT/corpus/$t" "$dir/new" >"$dir/merge.log" 2>&1 || true
  fi
  cat >"$dir/meta.env" <<EOM
engine=libfuzzer
seconds=$secs
execs=${execs:-0}
exec_per_sec=$(( ${execs:-0} / secs ))
cov=${cov:-0}
ft=${ft:-0}
corpus_size=$(find "$ROOT/corpus/$t" -type f | wc -l)
new_inputs=$(find "$dir/new" -type f | wc -l)
EOM
  collect_crashes "$t" < <(find "$dir/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \))
}

run_afl() {
  local t=$1 dir=$OUT/$1 bin=$BUILD_ROOT/fuzz-afl/fuzz/$1 cmp=$BUILD_ROOT/fuzz-afl-cmplog/fuzz/$1
  mkdir -p "$dir/in"
  find "$ROOT/corpus/$t" "$ROOT/corpus/regressions/$t" -maxdepth 1 -type f ! -name '.*' -size -64k \
    -exec cp {} "$dir/in/" \; 2>/dev/null || true
  [ -n "$(ls -A "$dir/in")" ] || printf 'x' >"$dir/in/empty"
  log "$t: AFL++ for ${PER}s (jobs $JOBS, CMPLOG on the main instance)"
  local common=(-i "$dir/in" -o "$dir/sync" -V "$PER" -t 2000 -m none -x "$ROOT/fuzz/$t.dict")
  local pids=()
  for ((j = 1; j < JOBS; j++)); do
    env -u ASAN_OPTIONS -u UBSAN_OPTIONS afl-fuzz "${common[@]}" -S "s$j" -- "$bin" >"$dir/afl-s$j.log" 2>&1 &
    pids+=($!)
  done
  env -u ASAN_OPTIONS -u UBSAN_OPTIONS afl-fuzz "${common[@]}" -M main -c "$cmp" -- "$bin" >"$dir/afl-main.log" 2>&1 || true
  for p in "${pids[@]}"; do wait "$p" || true; done
  local stats=$dir/sync/main/fuzzer_stats execs=0 eps=0 edges=0 cvg=0 secs=$PER
  if [ -f "$stats" ]; then
    for f in "$dir"/sync/*/fuzzer_stats; do
      execs=$(( execs + $(awk -F' *: *' '$1=="execs_done"{print $2}' "$f") ))
    done
    edges=$(awk -F' *: *' '$1=="edges_found"{print $2}' "$stats")
    cvg=$(awk -F' *: *' '$1=="bitmap_cvg"{print $2}' "$stats")
    secs=$(awk -F' *: *' '$1=="run_time"{print $2}' "$stats"); [ "${secs:-0}" -gt 0 ] || secs=$PER
    eps=$(( execs / secs ))
    # afl-plot refuses runs too short to plot; say why rather than guess.
    if ! plot_out=$(afl-plot "$dir/sync/main" "$dir/plot" 2>&1); then
      log "$t: no afl-plot graphs: $(printf '%s\n' "$plot_out" | grep -m1 -iE 'error|not found' || echo 'afl-plot failed')"
    fi
  else
    log "$t: AFL++ did not start; see $dir/afl-main.log"
  fi
  if [ "$MERGE" = 1 ] && [ -d "$dir/sync/main/queue" ]; then
    mkdir -p "$dir/cmin-in"
    cp "$dir"/sync/*/queue/id:* "$dir/cmin-in/" 2>/dev/null || true
    cp "$ROOT/corpus/$t"/* "$dir/cmin-in/" 2>/dev/null || true
    if timeout 300 env -u ASAN_OPTIONS afl-cmin -i "$dir/cmin-in" -o "$dir/cmin-out" -t 2000 -m none -- "$bin" >"$dir/cmin.log" 2>&1; then
      local have; have=$(cd "$ROOT/corpus/$t" && sha1sum -- * 2>/dev/null | cut -c1-16)
      for f in "$dir"/cmin-out/*; do
        local h; h=$(sha1sum "$f" | cut -c1-16)
        grep -qx "$h" <<<"$have" || cp "$f" "$ROOT/corpus/$t/afl-$h"
      done
    else
      log "$t: afl-cmin failed, corpus not merged; see $dir/cmin.log"
    fi
  fi
  cat >"$dir/meta.env" <<EOM
engine=afl
seconds=$secs
execs=$execs
exec_per_sec=$eps
edges=${edges:-0}
bitmap_cvg=${cvg:-0}
corpus_size=$(find "$ROOT/corpus/$t" -type f | wc -l)
new_inputs=$(find "$dir"/sync/*/queue -type f 2>/dev/null | wc -l)
EOM
  collect_crashes "$t" < <(find "$dir"/sync/*/crashes "$dir"/sync/*/hangs -type f -name 'id:*' 2>/dev/null)
}

for t in "${TARGET_LIST[@]}"; do
  [ -x "$REPRO/$t" ] || { log "$t: no such target in $REPRO"; exit 2; }
  mkdir -p "$OUT/$t"
  if [ "$ENGINE" = libfuzzer ]; then run_libfuzzer "$t"; else run_afl "$t"; fi
  log "$t: $(tr '\n' ' ' <"$OUT/$t/meta.env")"
done

python3 "$ROOT/fuzz/report.py" "$OUT" "$ROOT" "$BUILD_ROOT" "${TARGET_LIST[@]}"
log "report: $OUT/report.md"
if [ "$NEW_CRASHES" -gt 0 ]; then
  log "$NEW_CRASHES new crash(es): see $OUT/report.md"
  exit 1
fi
exit 0
