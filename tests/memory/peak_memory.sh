#!/usr/bin/env bash
# peak_memory.sh CAMSIM CASE: peak memory of the real `camsim` binary on one
# large input, valid or hostile, measured with /usr/bin/time -v (maximum
# resident set size). Every case must stay within
#     peak RSS <= FACTOR * input bytes + BASE       (FACTOR 20, BASE 64 MiB)
# the documented bound of docs/semantics.md (Limits): the JSON guard rejects
# an over-limit document while scanning it, before cJSON builds a tree, and
# the value budget (CAMSIM_JSON_VALUE_BASE + bytes / CAMSIM_JSON_BYTES_PER_VALUE,
# about 80-144 bytes of tree a value) bounds what a document inside every
# limit can cost. Measured on x86-64 glibc: 1.0x for the rejected 60 MB
# documents, 13x for 16 MB of padded "" strings, 17x for 16 MB of "":""
# members (the worst value), 11x for a valid 10,000-statement policy.
set -u

CAMSIM="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
CASE="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
FACTOR=20
BASE_KB=$((64 * 1024))
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
FAILS=0
fail() {
    printf 'FAIL [%s]: %s\n' "$CASE" "$*" >&2
    FAILS=$((FAILS + 1))
}
if [ ! -x /usr/bin/time ]; then
    echo "peak_memory: /usr/bin/time missing (Debian package 'time'; scripts/setup.sh)" >&2
    exit 1
fi

RES=qcs::trtc::uin/1:sdkappid/1
# measure WANT_EXIT INPUT STDIN ARGS...: run camsim (stdin from STDIN), check
# the exit code and the bound for INPUT's size; stdout in out.txt, stderr in
# err.txt.
measure() {
    local want="$1" input="$2" stdin="$3"
    shift 3
    /usr/bin/time -v -o time.txt "$CAMSIM" "$@" <"$stdin" >out.txt 2>err.txt
    local rc=$?
    local kb bytes limit
    kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' time.txt)
    bytes=$(wc -c <"$input")
    limit=$((FACTOR * bytes / 1024 + BASE_KB))
    printf '%s: camsim %s: %d bytes in, peak %d KiB (%d.%02dx), bound %d KiB, exit %d\n' \
        "$CASE" "$1" "$bytes" "$kb" $((kb * 1024 / bytes)) $((kb * 102400 / bytes % 100)) \
        "$limit" "$rc"
    [ "$rc" = "$want" ] || fail "exit $rc, want $want: $(head -c 300 err.txt)"
    [ -n "$kb" ] && [ "$kb" -le "$limit" ] || fail "peak $kb KiB over the bound $limit KiB"
}

gen() { python3 "$HERE/gen_inputs.py" "$@" || exit 1; }

case "$CASE" in
valid_policy)
    gen valid 10000 in.json
    measure 0 in.json /dev/null eval --policy in.json --action trtc:DismissRoom --resource "$RES"
    ;;
zeros_array)
    gen zeros 60000000 in.json
    measure 2 in.json /dev/null eval --policy in.json --action trtc:DismissRoom --resource "$RES"
    grep -q 'CAMSIM_MAX_VALUES' err.txt || fail "no CAMSIM_MAX_VALUES error: $(head -c 300 err.txt)"
    measure 1 in.json /dev/null lint in.json
    ;;
deep_nesting)
    gen deep 60000000 in.json
    measure 2 in.json /dev/null eval --policy in.json --action trtc:DismissRoom --resource "$RES"
    grep -q 'CAMSIM_MAX_NESTING' err.txt || fail "no CAMSIM_MAX_NESTING error: $(head -c 300 err.txt)"
    ;;
tiny_strings)
    gen strings 16000000 in.json
    measure 2 in.json /dev/null eval --policy in.json --action trtc:DismissRoom --resource "$RES"
    ;;
tiny_members)
    gen members 16000000 in.json
    measure 2 in.json /dev/null eval --policy in.json --action trtc:DismissRoom --resource "$RES"
    ;;
request_line)
    gen valid 10 policy.json
    gen reqline 60000000 in.jsonl
    measure 2 in.jsonl in.jsonl eval --policy policy.json --requests -
    [ "$(wc -l <out.txt)" = 2 ] || fail "want 2 output lines: $(head -c 300 out.txt)"
    grep -q '^{"line":1,"error":"line longer' out.txt || fail "line 1: $(head -n 1 out.txt)"
    sed -n 2p out.txt | grep -q '^{"decision":"allow"' || fail "line 2: $(sed -n 2p out.txt)"
    ;;
*)
    echo "unknown case $CASE" >&2
    exit 2
    ;;
esac
exit $((FAILS > 0))
