#!/usr/bin/env bash
# compare.sh: is HEAD slower than BASE? Statistics before verdicts.
#
#   bench/compare.sh --base REV --head REV [options]
#   bench/compare.sh --files BASE.json HEAD.json [options]
#
# With --base/--head, builds camsim_bench of each revision in a temporary git
# worktree (REV may be any git revision, or WORKTREE for the current checkout
# with uncommitted changes), then runs base and head alternately (--rounds
# runs each; each round runs both, in a random order), every run with
# --benchmark_repetitions and --benchmark_enable_random_interleaving=true.
# Compares all repetitions with Google Benchmark's compare.py (-a
# benchmarks) and its Mann-Whitney U test, and exits 1 when a benchmark's
# median time grew by more than --threshold with p < --alpha, and also in
# more than half of the rounds (each round: one base run against the head
# run of the same round), so a burst of load from other jobs that hits one
# or two runs is not taken for a regression.
#
# Options:
#   --threshold F    slower-than fraction that fails (default 0.10 = 10%)
#   --alpha P        U-test significance level (default 0.05)
#   --filter RE      --benchmark_filter for both (default: all benchmarks)
#   --repetitions N  repetitions per run (default 9)
#   --rounds N       alternating runs per side (default 4; samples = N x reps).
#                    More rounds spread both sides over the same minutes, so
#                    load from other jobs hits both alike
#   --min-time S     --benchmark_min_time per repetition (default 0.05)
#   --metric M       cpu, real, or auto (default: real for */real_time, else cpu)
#   --out DIR        keep base.json, head.json, diff.json, compare.txt (compare.py's
#                    full table: every repetition, then the U test) and report.txt here
#   --cmake-args-base "ARGS" / --cmake-args-head "ARGS"
#                    extra configure arguments for one side (gate demos)
#   --keep           keep the temporary worktrees and builds
# Environment: COMPARE_PY, the compare.py to use (default Debian's
# /usr/share/benchmark/compare.py from libbenchmark-tools).
# Exit: 0 no regression, 1 regression, 2 usage or build error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
compare_py=${COMPARE_PY:-/usr/share/benchmark/compare.py} # COMPARE_PY: another compare.py (a source checkout)
py=/usr/bin/python3

base='' head='' base_json='' head_json=''
threshold=0.10 alpha=0.05 filter=. reps=9 rounds=4 min_time=0.05 metric=auto
out='' keep=0 cmake_base='' cmake_head=''
base_runs=() head_runs=()

die() { echo "compare.sh: $*" >&2; exit 2; }
need() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --base) need "$@"; base=$2; shift 2 ;;
    --head) need "$@"; head=$2; shift 2 ;;
    --files) [[ $# -ge 3 ]] || die "--files needs BASE.json HEAD.json"
             base_json=$2; head_json=$3; shift 3 ;;
    --threshold) need "$@"; threshold=$2; shift 2 ;;
    --alpha) need "$@"; alpha=$2; shift 2 ;;
    --filter) need "$@"; filter=$2; shift 2 ;;
    --repetitions) need "$@"; reps=$2; shift 2 ;;
    --rounds) need "$@"; rounds=$2; shift 2 ;;
    --min-time) need "$@"; min_time=$2; shift 2 ;;
    --metric) need "$@"; metric=$2; shift 2 ;;
    --out) need "$@"; out=$2; shift 2 ;;
    --cmake-args-base) need "$@"; cmake_base=$2; shift 2 ;;
    --cmake-args-head) need "$@"; cmake_head=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[[ -x $py && -f $compare_py ]] || die "needs $py and $compare_py (libbenchmark-tools)"
case $metric in cpu|real|auto) ;; *) die "--metric must be cpu, real or auto, not '$metric'" ;; esac
[[ $threshold =~ ^[0-9]*\.?[0-9]+$ ]] || die "--threshold must be a fraction like 0.10, not '$threshold'"

work=$(mktemp -d "${TMPDIR:-/tmp}/camsim-compare.XXXXXX")
worktrees=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  if [[ $keep == 0 ]]; then
    for w in "${worktrees[@]}"; do git -C "$repo" worktree remove --force "$w" >/dev/null 2>&1 || true; done
    rm -rf "$work"
  else
    echo "compare.sh: kept $work" >&2
  fi
}
trap cleanup EXIT

# build SIDE REV CMAKE_ARGS -> sets $built to the path of camsim_bench
build() {
  local side=$1 rev=$2 extra=$3 src
  if [[ $rev == WORKTREE ]]; then
    src=$repo
  else
    local sha
    sha=$(git -C "$repo" rev-parse --verify --quiet "$rev^{commit}") || die "$side: '$rev' is not a git revision"
    src=$work/src-$side
    git -C "$repo" worktree add --detach "$src" "$sha" >/dev/null 2>&1 || die "$side: git worktree add failed for $rev"
    worktrees+=("$src")
    [[ -f $src/bench/CMakeLists.txt ]] || die "$side: revision $rev has no bench/ (nothing to compare)"
  fi
  echo "compare.sh: building $side ($rev) in $work/build-$side" >&2
  # shellcheck disable=SC2086  # extra is a list of words on purpose
  cmake -S "$src" -B "$work/build-$side" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCAMSIM_BUILD_BENCH=ON -DCAMSIM_BUILD_TESTS=OFF -DCAMSIM_BUILD_FUZZ=OFF $extra \
    >"$work/configure-$side.log" 2>&1 || { tail -20 "$work/configure-$side.log" >&2; die "$side: configure failed"; }
  cmake --build "$work/build-$side" --target camsim_bench >"$work/build-$side.log" 2>&1 \
    || { tail -30 "$work/build-$side.log" >&2; die "$side: build failed"; }
  built=$work/build-$side/bench/camsim_bench
}

if [[ -n $base_json || -n $head_json ]]; then
  [[ -z $base && -z $head ]] || die "use either --files or --base/--head"
  [[ -f $base_json ]] || die "no such file: $base_json"
  [[ -f $head_json ]] || die "no such file: $head_json"
  "$py" "$here/benchjson.py" merge "$work/base.json" "$base_json"
  "$py" "$here/benchjson.py" merge "$work/head.json" "$head_json"
else
  [[ -n $base && -n $head ]] || die "give --base REV --head REV, or --files BASE.json HEAD.json"
  build base "$base" "$cmake_base"; bin_base=$built
  build head "$head" "$cmake_head"; bin_head=$built
  args=(--benchmark_filter="$filter" --benchmark_repetitions="$reps"
        --benchmark_enable_random_interleaving=true --benchmark_min_time="$min_time"
        --benchmark_format=json)
  for ((r = 0; r < rounds; r++)); do
    # A random order in each round: load from other jobs that repeats with
    # a period (a build loop, a fuzzer) must not line up with one side.
    if ((RANDOM % 2)); then order=(head base); else order=(base head); fi
    for side in "${order[@]}"; do
      bin=$bin_base; [[ $side == head ]] && bin=$bin_head
      f=$work/$side-$r.json
      echo "compare.sh: round $((r + 1))/$rounds: $side" >&2
      "$bin" "${args[@]}" --benchmark_out="$f" --benchmark_out_format=json >/dev/null \
        || die "$side run failed (see $f)"
      if [[ $side == base ]]; then base_runs+=("$f"); else head_runs+=("$f"); fi
    done
  done
  "$py" "$here/benchjson.py" merge "$work/base.json" "${base_runs[@]}"
  "$py" "$here/benchjson.py" merge "$work/head.json" "${head_runs[@]}"
fi

# The full table (every repetition, then the U test), as compare.py prints it.
"$py" "$compare_py" --no-color --dump_to_json "$work/diff.json" benchmarks \
  "$work/base.json" "$work/head.json" >"$work/compare.txt" 2>&1 || { cat "$work/compare.txt" >&2; die "compare.py failed"; }
set +e
rounds_args=()
if [[ ${#base_runs[@]} -gt 1 ]]; then
  rounds_args=("$(IFS=,; echo "${base_runs[*]}")" "$(IFS=,; echo "${head_runs[*]}")")
fi
"$py" "$here/benchjson.py" verdict "$work/diff.json" "$threshold" "$alpha" "$metric" "${rounds_args[@]}" | tee "$work/report.txt"
status=${PIPESTATUS[0]}
set -e
if [[ -n $out ]]; then
  mkdir -p "$out"
  cp "$work/base.json" "$work/head.json" "$work/diff.json" "$work/compare.txt" "$work/report.txt" "$out/"
  echo "compare.sh: wrote $out/{base,head,diff}.json, compare.txt (compare.py's table), report.txt" >&2
fi
exit "$status"
