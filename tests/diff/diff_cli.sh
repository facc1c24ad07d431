#!/usr/bin/env bash
# diff_cli.sh CAMSIM SOURCE_DIR: `camsim diff` end to end: exit statuses
# (0 no new access, 1 new access, 2 error, 3 unknown), the three formats,
# --removed, and every printed witness fed back to `camsim eval --requests`.
set -u
CAMSIM="$1"
SRC="$2"
P="$SRC/corpus/policies"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
FAILS=0
fail() { printf 'FAIL [cli_diff]: %s\n' "$*" >&2; FAILS=$((FAILS + 1)); }

expect_rc() { # WANT ARGS...
    local want=$1
    shift
    "$CAMSIM" "$@" >out.txt 2>err.txt
    local rc=$?
    [ "$rc" = "$want" ] || fail "camsim $*: exit $rc, want $want: $(head -c 300 err.txt)"
}

expect_rc 0 diff --old "$P/trtc-full-access.json" --new "$P/trtc-read-only.json"
grep -q '^verdict: no new access' out.txt || fail "no-new-access text: $(cat out.txt)"
expect_rc 1 diff --old "$P/trtc-read-only.json" --new "$P/trtc-full-access.json"
grep -q '^trtc:DismissRoom: new access' out.txt || fail "new-access text: $(head -3 out.txt)"
expect_rc 0 diff --old "$P/trtc-read-only.json" --new "$P/trtc-full-access.json" --removed
expect_rc 1 diff --old "$P/trtc-full-access.json" --new "$P/trtc-read-only.json" --removed
grep -q 'removed access' out.txt || fail "--removed text: $(head -3 out.txt)"

# Every witness line is a request the new set allows and the old one denies.
expect_rc 1 diff --old "$P/trtc-ip-restricted.json" --new "$P/trtc-full-access.json" --format json
python3 - out.txt >requests.jsonl <<'PY' || fail "json output does not parse"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["verdict"] == "new_access" and doc["summary"]["actions"] == 81
for c in doc["changes"]:
    print(json.dumps(c["request"]))
PY
"$CAMSIM" eval --policy "$P/trtc-full-access.json" --requests requests.jsonl >new.txt || fail "eval new"
"$CAMSIM" eval --policy "$P/trtc-ip-restricted.json" --requests requests.jsonl >old.txt || fail "eval old"
grep -qv '"decision":"allow"' new.txt && fail "a witness the new set does not allow"
grep -q '"decision":"allow"' old.txt && fail "a witness the old set allows"

expect_rc 1 diff --old "$P/trtc-read-only.json" --new "$P/trtc-full-access.json" --format sarif
python3 -c 'import json,sys; d=json.load(open("out.txt")); assert d["version"]=="2.1.0" and d["runs"][0]["results"]' \
    || fail "sarif output"

# Unknown: a policy variable in the new set's resource; exit 3 with the path.
cat >var.json <<'J'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:DismissRoom","resource":"qcs::trtc::uin/100001:sdkappid/${uin}"}]}
J
expect_rc 3 diff --old "$P/trtc-read-only.json" --new var.json
grep -q 'var.json /statement/0/resource/0' out.txt || fail "unknown path: $(cat out.txt)"

# Errors: exit 2 with the file and the JSON path.
echo '{"version":"2.0","statement":[{"effect":"allow","action":"trtc:X","resource":"bad"}]}' >bad.json
expect_rc 2 diff --old bad.json --new "$P/trtc-read-only.json"
grep -q 'bad.json: /statement/0/resource' err.txt || fail "error message: $(cat err.txt)"
expect_rc 2 diff --old "$P/trtc-read-only.json"
expect_rc 2 diff --old a --new b --format xml
expect_rc 0 diff --help
exit $((FAILS > 0))
