#!/usr/bin/env bash
# cli_tests.sh CAMSIM CASE: one command-line test case (see CMakeLists.txt).
# Each case runs the real binary in a fresh temporary directory and checks
# exact stdout, stderr fragments and exit codes. Run by hand with
#   bash tests/cli/cli_tests.sh build/debug/cli/camsim eval_allow
set -u

CAMSIM="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
CASE="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
FAILS=0

fail() {
    printf 'FAIL [%s]: %s\n' "$CASE" "$*" >&2
    FAILS=$((FAILS + 1))
}

# run WANT_EXIT ARGS...: run camsim, keep stdout in out.txt, stderr in err.txt.
run() {
    local want="$1"
    shift
    "$CAMSIM" "$@" >out.txt 2>err.txt
    RC=$?
    if [ "$RC" != "$want" ]; then
        fail "camsim $*: exit $RC, want $want
--- stdout:
$(cat out.txt)
--- stderr:
$(cat err.txt)"
    fi
}

# run_stdin FILE WANT_EXIT ARGS...: as run, with stdin from FILE.
run_stdin() {
    local input="$1"
    shift
    local want="$1"
    shift
    "$CAMSIM" "$@" <"$input" >out.txt 2>err.txt
    RC=$?
    [ "$RC" = "$want" ] || fail "camsim $* <$input: exit $RC, want $want; stderr: $(cat err.txt)"
}

expect_out() {
    local got
    got="$(cat out.txt)"
    [ "$got" = "$1" ] || fail "stdout differs
--- got:
$got
--- want:
$1"
}
expect_out_empty() { [ ! -s out.txt ] || fail "stdout should be empty, got: $(cat out.txt)"; }
expect_out_has() { grep -qF -- "$1" out.txt || fail "stdout lacks '$1':
$(cat out.txt)"; }
expect_out_lacks() { ! grep -qF -- "$1" out.txt || fail "stdout should not contain '$1'"; }
expect_err_has() { grep -qF -- "$1" err.txt || fail "stderr lacks '$1': $(cat err.txt)"; }
expect_err_empty() { [ ! -s err.txt ] || fail "stderr should be empty, got: $(cat err.txt)"; }
expect_line() { # expect_line N TEXT: line N of stdout is exactly TEXT
    local got
    got="$(sed -n "${1}p" out.txt)"
    [ "$got" = "$2" ] || fail "stdout line $1 differs
--- got:  $got
--- want: $2"
}
expect_lines() { # expect_lines N: stdout has exactly N lines
    local n
    n="$(wc -l <out.txt | tr -d ' ')"
    [ "$n" = "$1" ] || fail "stdout has $n lines, want $1"
}

RES='qcs::trtc::uin/100001:sdkappid/1400000001'

write_fixtures() {
    cat >allow.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:DismissRoom","resource":"qcs::trtc::uin/100001:sdkappid/1400000001"}]}
JSON
    cat >mixed.json <<'JSON'
{
  "version": "2.0",
  "statement": [
    {"effect": "allow", "action": ["trtc:*"], "resource": "*"},
    {"effect": "deny", "action": "trtc:DismissRoom", "resource": "qcs::trtc::uin/100001:sdkappid/1400000001"},
    {"effect": "deny", "action": "trtc:Remove*", "resource": "*"}
  ]
}
JSON
    cat >boundary.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:Dismiss*","resource":"*"}]}
JSON
    cat >tags.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:DismissRoom","resource":"*",
 "condition":{"for_all_value:string_equal":{"qcs:resource_tag":["env&prod","team&rtc"]}}}]}
JSON
    cat >ip.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:*","resource":"*",
 "condition":{"ip_equal":{"qcs:ip":"10.0.0.0/8"}}}]}
JSON
}

# ---------------------------------------------------------------------------

case_help() {
    run 0 --help
    expect_out_has "usage: camsim COMMAND"
    for cmd in eval simulate lint catalog; do
        run 0 "$cmd" --help
        expect_out_has "usage: camsim $cmd"
        expect_err_empty
        run 0 help "$cmd"
        expect_out_has "usage: camsim $cmd"
    done
    run 2 help nosuch
    expect_err_has "unknown command 'nosuch'"
}

case_version() {
    run 0 --version
    expect_out_has "camsim "
}

case_unknown_command() {
    run 2 evaluate --policy x.json
    expect_out_empty
    expect_err_has "unknown command 'evaluate'"
    run 2
    expect_out_empty
    expect_err_has "camsim: missing command; expected eval, simulate, lint, catalog or diff"
}

case_usage_errors() {
    write_fixtures
    run 2 eval --policy allow.json --action trtc:DismissRoom --bogus
    expect_err_has "camsim eval: unknown option '--bogus'; run 'camsim eval --help' for usage"
    run 2 eval --policy allow.json
    expect_err_has "needs --action ACTION (one request) or --requests FILE (many)"
    run 2 eval --action trtc:DismissRoom
    expect_err_has "needs at least one --policy FILE"
    run 2 eval --policy allow.json --action a:b --action c:d
    expect_err_has "option '--action' given more than once"
    run 2 eval --policy allow.json --action
    expect_err_has "option '--action' needs a value"
    run 2 eval --policy allow.json --requests - --action trtc:DismissRoom
    expect_err_has "not both"
    run 2 catalog --format xml
    expect_err_has "unknown format 'xml'; expected table or json"
    run 2 simulate --policy allow.json --format yaml
    expect_err_has "expected table, json or csv"
    run 2 lint
    expect_err_has "needs at least one policy FILE"
    expect_out_empty
}

case_eval_allow() {
    write_fixtures
    run 0 eval --policy allow.json --action trtc:DismissRoom --resource "$RES"
    expect_out '{"decision":"allow","reason":"allow","matched":[{"policy":"allow.json","statement":0,"effect":"allow"}]}'
    expect_err_empty
    # --opt=value form and the name/ prefix
    run 0 eval --policy=allow.json --action=name/trtc:DismissRoom --resource="$RES"
    expect_out '{"decision":"allow","reason":"allow","matched":[{"policy":"allow.json","statement":0,"effect":"allow"}]}'
}

case_eval_explicit_deny() {
    write_fixtures
    run 1 eval --policy allow.json --policy mixed.json --action trtc:DismissRoom --resource "$RES"
    expect_out '{"decision":"deny","reason":"explicit_deny","matched":[{"policy":"mixed.json","statement":1,"effect":"deny"}]}'
}

case_eval_implicit_deny() {
    write_fixtures
    run 1 eval --policy allow.json --action trtc:DismissRoom --resource 'qcs::trtc::uin/100001:sdkappid/1400000002'
    expect_out '{"decision":"deny","reason":"implicit_deny","matched":[]}'
}

case_eval_boundary() {
    write_fixtures
    run 0 eval --policy allow.json --boundary boundary.json --action trtc:DismissRoom --resource "$RES"
    expect_out_has '"decision":"allow"'
    expect_out_has '{"policy":"boundary.json","statement":0,"effect":"allow","boundary":true}'
    # mixed.json allows trtc:DescribeDetailEvent, the boundary does not.
    run 1 eval --policy mixed.json --boundary boundary.json --action trtc:DescribeDetailEvent
    expect_out_has '"decision":"deny"'
}

case_eval_context_multi() {
    write_fixtures
    run 0 eval --policy tags.json --action trtc:DismissRoom --resource "$RES" \
        --context qcs:resource_tag='env&prod' --context qcs:resource_tag='team&rtc'
    expect_out '{"decision":"allow","reason":"allow","matched":[{"policy":"tags.json","statement":0,"effect":"allow"}]}'
    run 1 eval --policy tags.json --action trtc:DismissRoom --resource "$RES" \
        --context qcs:resource_tag='env&prod' --context qcs:resource_tag='team&other'
    expect_out '{"decision":"deny","reason":"implicit_deny","matched":[]}'
    run 0 eval --policy ip.json --action trtc:DescribeDetailEvent --context qcs:ip=10.1.2.3
    expect_out_has '"decision":"allow"'
}

case_eval_bad_context() {
    write_fixtures
    run 2 eval --policy allow.json --action trtc:DismissRoom --resource "$RES" --context qcs:ip
    expect_out_empty
    expect_err_has "--context 'qcs:ip' has no '=': expected KEY=VALUE"
    run 2 eval --policy allow.json --action trtc:DismissRoom --resource "$RES" --context =x
    expect_err_has "has an empty key"
}

case_eval_missing_file() {
    run 2 eval --policy nosuch.json --action trtc:DismissRoom --resource "$RES"
    expect_out_empty
    expect_err_has "camsim: nosuch.json: cannot open: No such file or directory"
}

case_eval_bad_json() {
    printf '{"version":"2.0",\n "statement": [\n' >broken.json
    run 2 eval --policy broken.json --action trtc:DismissRoom --resource "$RES"
    expect_out_empty
    expect_err_has "camsim: broken.json: "
    grep -qE 'broken.json: (line [0-9]+, column [0-9]+|/)' err.txt || fail "no line or path: $(cat err.txt)"
}

case_eval_bad_policy_path() {
    cat >bad.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:DismissRoom","resource":"*"},
 {"effect":"permit","action":"trtc:DismissRoom","resource":"*"}]}
JSON
    run 2 eval --policy bad.json --action trtc:DismissRoom --resource "$RES"
    expect_out_empty
    expect_err_has "camsim: bad.json: /statement/1/effect: "
}

case_eval_request_error() {
    write_fixtures
    # a resource-level action without a resource is an input error
    run 2 eval --policy allow.json --action trtc:DismissRoom
    expect_out_empty
    expect_err_has "camsim: eval: request for trtc:DismissRoom: "
}

case_batch_good() {
    write_fixtures
    cat >req.jsonl <<EOF2
{"action":"trtc:DismissRoom","resource":"$RES"}
{"action":"trtc:DismissRoom","resource":"qcs::trtc::uin/100001:sdkappid/9"}
{"action":"trtc:RemoveUser","resource":"$RES","owner_uin":"100001"}
EOF2
    run 0 eval --policy allow.json --policy mixed.json --requests req.jsonl
    expect_lines 3
    expect_line 1 '{"decision":"deny","reason":"explicit_deny","matched":[{"policy":"mixed.json","statement":1,"effect":"deny"}]}'
    expect_line 2 '{"decision":"allow","reason":"allow","matched":[{"policy":"mixed.json","statement":0,"effect":"allow"}]}'
    expect_line 3 '{"decision":"deny","reason":"explicit_deny","matched":[{"policy":"mixed.json","statement":2,"effect":"deny"}]}'
    expect_err_empty
}

case_batch_bad_lines() {
    write_fixtures
    {
        echo "{\"action\":\"trtc:DismissRoom\",\"resource\":\"$RES\"}"
        echo '{"action":"trtc:DismissRoom",'
        echo ''
        echo '{"action":"trtc:DismissRoom","resourse":"x"}'
        echo '{"action":"trtc:DismissRoom"}'
        echo "{\"action\":\"trtc:DismissRoom\",\"resource\":\"$RES\"}"
    } >req.jsonl
    run 2 eval --policy allow.json --requests req.jsonl
    expect_lines 6
    expect_line 1 '{"decision":"allow","reason":"allow","matched":[{"policy":"allow.json","statement":0,"effect":"allow"}]}'
    sed -n 2p out.txt | grep -q '^{"line":2,"error":"column [0-9]*: ' || fail "line 2: $(sed -n 2p out.txt)"
    expect_line 3 '{"line":3,"error":"empty line: expected one JSON request object"}'
    expect_line 4 '{"line":4,"error":"/resourse: unknown member; a request has action, resource, context, owner_uin and principal"}'
    sed -n 5p out.txt | grep -q '^{"line":5,"error":"' || fail "line 5: $(sed -n 5p out.txt)"
    expect_line 6 '{"decision":"allow","reason":"allow","matched":[{"policy":"allow.json","statement":0,"effect":"allow"}]}'
}

case_batch_stdin() {
    write_fixtures
    printf '{"action":"trtc:DescribeDetailEvent","context":{"qcs:ip":"10.9.9.9"}}\n{"action":"trtc:DescribeDetailEvent","context":{"qcs:ip":["192.168.0.1"]}}' >req.jsonl
    run_stdin req.jsonl 0 eval --policy ip.json --requests -
    expect_lines 2
    expect_line 1 '{"decision":"allow","reason":"allow","matched":[{"policy":"ip.json","statement":0,"effect":"allow"}]}'
    expect_line 2 '{"decision":"deny","reason":"implicit_deny","matched":[]}'
    run_stdin req.jsonl 0 eval --policy ip.json --requests - --line-buffered
    expect_lines 2
    expect_line 2 '{"decision":"deny","reason":"implicit_deny","matched":[]}'
    run_stdin req.jsonl 2 eval --policy - --requests -
    expect_err_has "stdin ('-') can be read only once"
    expect_out_empty
}

case_batch_request_types() {
    write_fixtures
    {
        echo '{"action":1}'
        echo '{"action":"trtc:DismissRoom","context":{"qcs:ip":true}}'
        echo '{"action":"trtc:DismissRoom","context":{"qcs:ip":["10.0.0.1",{}]}}'
        echo '{"action":"trtc:DismissRoom","action":"trtc:DismissRoom"}'
        echo '["trtc:DismissRoom"]'
        printf '{"action":"trtc:Dismiss\xffRoom"}\n'
        echo '{"action":"trtc:DescribeDetailEvent","context":{"qcs:resource_tag/a~b":[1,2.5]}} trailing'
    } >req.jsonl
    run 2 eval --policy ip.json --requests req.jsonl
    expect_lines 7
    expect_line 1 '{"line":1,"error":"/action: action must be a JSON string"}'
    expect_line 2 '{"line":2,"error":"/context/qcs:ip: a context value must be a string, a number, or an array of them"}'
    expect_line 3 '{"line":3,"error":"/context/qcs:ip/1: a context value must be a string, a number, or an array of them"}'
    expect_line 4 '{"line":4,"error":"/action: duplicate member"}'
    expect_line 5 '{"line":5,"error":"a request must be a JSON object such as {\"action\":\"trtc:DismissRoom\"}"}'
    sed -n 6p out.txt | grep -q '^{"line":6,"error":"column 24: .*UTF-8' || fail "line 6: $(sed -n 6p out.txt)"
    sed -n 7p out.txt | grep -q '^{"line":7,"error":"column [0-9]*: unexpected text after the request object' || fail "line 7: $(sed -n 7p out.txt)"
}

case_simulate_table() {
    write_fixtures
    run 0 simulate --policy mixed.json --param uin=100001 --param SdkAppId=1400000001 \
        --param Region=ap-guangzhou --param PlatformId=p1 --param MNPId=m1 --param Platform=p1
    expect_lines 82
    head -1 out.txt | grep -q '^service  *action  *granularity  *resource  *decision  *reason  *matched$' \
        || fail "header: $(head -1 out.txt)"
    grep -q '^trtc  *DismissRoom  *resource  *qcs::trtc::uin/100001:sdkappid/1400000001  *deny  *explicit_deny  *mixed.json#1$' out.txt \
        || fail "DismissRoom row: $(grep DismissRoom out.txt)"
    grep -q '^trtc  *DescribeDetailEvent  *operation  *-  *allow  *allow  *mixed.json#0$' out.txt \
        || fail "DescribeDetailEvent row: $(grep DescribeDetailEvent out.txt)"
    grep -q '^tcmpp  *RemoveMNP  *resource  *qcs::tcmpp:ap-guangzhou:uin/100001:Limit/p1  *deny  *implicit_deny  *-$' out.txt \
        || fail "RemoveMNP row: $(grep RemoveMNP out.txt)"
}

case_simulate_json() {
    write_fixtures
    run 0 simulate --policy mixed.json --format json --service trtc --param uin=100001 --param SdkAppId=1400000001
    expect_line 1 '['
    expect_out_has '  {"service":"trtc","action":"DismissRoom","granularity":"resource","resource":"qcs::trtc::uin/100001:sdkappid/1400000001","decision":"deny","reason":"explicit_deny","matched":[{"policy":"mixed.json","statement":1,"effect":"deny"}]}'
    expect_out_has '{"service":"trtc","action":"DescribeDetailEvent","granularity":"operation","resource":null,"decision":"allow","reason":"allow","matched":[{"policy":"mixed.json","statement":0,"effect":"allow"}]}'
    [ "$(tail -1 out.txt)" = "]" ] || fail "last line: $(tail -1 out.txt)"
    [ "$(grep -c '^  {"service":"trtc"' out.txt)" = 49 ] || fail "want 49 trtc rows"
}

case_simulate_csv() {
    write_fixtures
    run 0 simulate --policy mixed.json --policy allow.json --format csv --param uin=100001 \
        --param SdkAppId=1400000001 --param Region=ap-guangzhou --param PlatformId=p1 \
        --param MNPId=m1 --param Platform=p1
    expect_lines 82
    expect_line 1 'service,action,granularity,resource,decision,reason,matched'
    expect_out_has 'trtc,DismissRoom,resource,qcs::trtc::uin/100001:sdkappid/1400000001,deny,explicit_deny,mixed.json#1'
    expect_out_has 'trtc,DescribeDetailEvent,operation,,allow,allow,mixed.json#0'
    # two deciding statements: one CSV field, quoted
    run 0 simulate --policy mixed.json --policy mixed.json --format csv --service trtc \
        --param uin=100001 --param SdkAppId=1
    expect_out_has 'trtc,DescribeDetailEvent,operation,,allow,allow,"mixed.json#0,mixed.json#0"'
}

case_simulate_missing_param() {
    write_fixtures
    run 2 simulate --policy mixed.json --param uin=100001
    expect_out_empty
    expect_err_has 'trtc:DismissRoom: resource template qcs::trtc::uin/${uin}:sdkappid/${SdkAppId} needs parameters uin, SdkAppId; missing SdkAppId'
    expect_err_has 'tcmpp:'
    run 2 simulate --policy mixed.json --param uin
    expect_err_has "--param 'uin' has no '='"
}

case_simulate_service() {
    write_fixtures
    run 0 simulate --policy mixed.json --service tcmpp --param Region=ap-guangzhou \
        --param PlatformId=p1 --param MNPId=m1 --param Platform=p1 --param uin=100001 --format csv
    expect_lines 33
    expect_out_lacks 'trtc,'
    expect_out_has 'tcmpp,CreateMNPVersion,resource,qcs::tcmpp::uin/100001:Limit/p1m1,deny,implicit_deny,'
    run 2 simulate --policy mixed.json --service cos
    expect_err_has "unknown service 'cos'"
}

case_catalog_table() {
    run 0 catalog
    expect_lines 82
    head -1 out.txt | grep -q '^service  *action  *api_kind  *category  *granularity  *ip  *resource_template$' \
        || fail "header: $(head -1 out.txt)"
    grep -q '^trtc  *DismissRoom  *server  .*resource  .*qcs::trtc::uin/${uin}:sdkappid/${SdkAppId}$' out.txt \
        || fail "DismissRoom row: $(grep 'DismissRoom ' out.txt)"
}

case_catalog_json() {
    run 0 catalog --format json
    expect_line 1 '['
    [ "$(grep -c '^  {"service":' out.txt)" = 81 ] || fail "want 81 objects"
    for field in name api_kind category description granularity resource_template ip_restriction restriction successor legacy_note; do
        [ "$(grep -c "\"$field\":" out.txt)" = 81 ] || fail "field $field not on every object"
    done
    expect_out_has '"name":"DescribeCallDetail",'
    expect_out_has '"successor":"DescribeCallDetailInfo"'
    grep -q '"name":"DescribeRecordStatistic".*"granularity":"operation","resource_template":"",' out.txt \
        || fail "DescribeRecordStatistic: $(grep DescribeRecordStatistic out.txt)"
}

case_catalog_service() {
    run 0 catalog --service tcmpp --format json
    [ "$(grep -c '^  {"service":"tcmpp"' out.txt)" = 32 ] || fail "want 32 tcmpp objects"
    expect_out_lacks '"service":"trtc"'
    run 0 catalog --service trtc
    expect_lines 50
}

case_lint_clean() {
    write_fixtures
    run 0 lint allow.json boundary.json
    expect_out_empty
    run 0 lint --format json allow.json
    expect_out '[]'
}

case_lint_unknown_action() {
    cat >typo.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":["trtc:DismisRoom","trtc:Describe*","trtc:Nothing*","cos:GetObject"],"resource":"*"}]}
JSON
    run 1 lint typo.json
    expect_line 1 'typo.json:/statement/0/action/0: error: unknown action trtc:DismisRoom; did you mean trtc:DismissRoom?'
    expect_line 2 'typo.json:/statement/0/action/2: warning: action pattern trtc:Nothing* matches no catalog action; it can never match a TRTC or TCMPP request'
    expect_out_has 'typo.json:/statement/0/action/3: warning: unknown action cos:GetObject'
    expect_lines 3
}

case_lint_operation_level() {
    cat >op.json <<'JSON'
{"version":"2.0","statement":[
 {"effect":"allow","action":"trtc:DescribeRecordStatistic","resource":"qcs::trtc::uin/100001:sdkappid/1400000001"},
 {"effect":"allow","action":"trtc:DescribeRecordStatistic","resource":"*"}]}
JSON
    run 0 lint op.json
    expect_out 'op.json:/statement/0/action: warning: statement grants operation-level action trtc:DescribeRecordStatistic only on specific resources, so it can never apply: an action without resource-level authorization is matched only by "resource": "*"'
}

case_lint_conditions() {
    cat >cond.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":"trtc:DismissRoom","resource":"*",
 "condition":{"ip_equal":{"qcs:IP":"10.0.0.0/33"},
              "numeric_less_than":{"vpc:count":"ten"},
              "string_equals":{"mfa":"x"}}}]}
JSON
    run 1 lint cond.json
    expect_out_has 'cond.json:/statement/0/condition/ip_equal/qcs:IP: warning: unknown global condition key qcs:IP; did you mean qcs:ip? (keys are case-sensitive)'
    expect_out_has 'cond.json:/statement/0/condition/ip_equal/qcs:IP: error: '
    expect_out_has 'cond.json:/statement/0/condition/numeric_less_than/vpc:count: error: numeric_less_than value "ten" is not a number or a numeric string such as "10"'
    expect_out_has 'cond.json:/statement/0/condition/string_equals: error: unknown condition operator string_equals; did you mean string_equal?'
    expect_out_has 'cond.json:/statement/0/condition/string_equals/mfa: info: condition key mfa is neither a global qcs: key nor service-prefixed'
}

case_lint_legacy() {
    cat >legacy.json <<'JSON'
{"version":"2.0","statement":[{"effect":"allow","action":["trtc:DescribeCallDetail","trtc:DescribeCallDetailInfo"],"resource":"*"}]}
JSON
    run 0 lint legacy.json
    expect_out_has 'legacy.json:/statement/0/action/0: info: trtc:DescribeCallDetail is a legacy TRTC API name: replaced by DescribeCallDetailInfo'
    expect_out_has 'legacy.json:/statement/0/action/1: warning: trtc:DescribeCallDetailInfo is the current TRTC API name, but CAM authorizes it under the legacy action name trtc:DescribeCallDetail'
}

case_lint_never_matching_resource() {
    cat >res.json <<'JSON'
{"version":"2.0","statement":[
 {"effect":"allow","action":"trtc:DismissRoom","resource":["qcs::tcmpp::uin/1:Limit/x","qcs::trtc:ap-guangzhou:uin/1:sdkappid/1","qcs::trtc::uin/1:sdkappid/*"]}]}
JSON
    run 0 lint res.json
    expect_line 1 'res.json:/statement/0/resource/0: warning: resource qcs::tcmpp::uin/1:Limit/x names service tcmpp, but no action of this statement belongs to tcmpp, so it can never match'
    expect_line 2 'res.json:/statement/0/resource/1: warning: resource qcs::trtc:ap-guangzhou:uin/1:sdkappid/1 can never match: no resource-level action of this statement has a resource of that form (e.g. trtc:DismissRoom uses qcs::trtc::uin/${uin}:sdkappid/${SdkAppId})'
    expect_lines 2
}

case_lint_size() {
    {
        printf '{"version":"2.0","statement":['
        for i in $(seq 1 80); do
            printf '{"effect":"allow","action":"trtc:DismissRoom","resource":"qcs::trtc::uin/100001:sdkappid/%d"},\n' "$i"
        done
        printf '{"effect":"allow","action":"trtc:DismissRoom","resource":"*"}]}\n'
    } >big.json
    run 0 lint big.json
    grep -q '^big.json:: warning: policy is [0-9]* characters excluding whitespace, over Tencent'"'"'s 6144-character limit' out.txt \
        || fail "size warning: $(cat out.txt)"
}

case_lint_engine_error() {
    printf '{"version":"2.0",\n"statement":[\n{"effect":"allow",]}\n' >syntax.json
    run 1 lint syntax.json
    grep -q '^syntax.json:.*: error: .*(line [0-9]*, column [0-9]*)$' out.txt || fail "syntax: $(cat out.txt)"
    cat >elem.json <<'JSON'
{"version":"2.0","statement":[{"Effect":"allow","action":"trtc:DismisRoom","resource":"*","sid":"x"}]}
JSON
    run 1 lint elem.json
    expect_out_has 'elem.json:/statement/0/Effect: error: '
    expect_out_has 'elem.json:/statement/0/sid: error: unknown element "sid" in a statement'
    expect_out_has 'elem.json:/statement/0/action: error: unknown action trtc:DismisRoom; did you mean trtc:DismissRoom?'
}

case_lint_json() {
    cat >typo.json <<'JSON'
{"version":"2.0","statement":{"effect":"allow","action":"trtc:DismisRoom","resource":"*"}}
JSON
    run 1 lint --format json typo.json
    expect_out '[
  {"severity":"error","file":"typo.json","path":"/statement/action","message":"unknown action trtc:DismisRoom; did you mean trtc:DismissRoom?"}
]'
}

case_lint_missing_file() {
    write_fixtures
    run 2 lint allow.json nosuch.json
    expect_out_empty
    expect_err_has "camsim: nosuch.json: cannot open"
}

# --- fail-closed command line ----------------------------------------------

# "-h"/"--help" is help only as the one argument after the command: as an
# option's value it is that value, and among other arguments it is a usage
# error, so exit 0 never means "printed help instead of deciding".
case_help_not_a_value() {
    cat >deny-all.json <<'JSON'
{"version":"2.0","statement":[{"effect":"deny","action":"*","resource":"*"}]}
JSON
    local res='qcs::trtc::uin/1:sdkappid/1'
    local want='{"decision":"deny","reason":"explicit_deny","matched":[{"policy":"deny-all.json","statement":0,"effect":"deny"}]}'
    run 1 eval --policy deny-all.json --action trtc:DismissRoom --resource "$res" --principal -h
    expect_out "$want"
    run 1 eval --policy deny-all.json --action trtc:DismissRoom --resource "$res" --owner-uin --help
    expect_out "$want"
    run 2 eval --policy deny-all.json --action trtc:DismissRoom --resource "$res" --context -h
    expect_out_empty
    expect_err_has "--context '-h' has no '='"
    run 2 eval --policy deny-all.json --action trtc:DismissRoom --resource "$res" --help
    expect_out_empty
    expect_err_has "camsim eval: '--help' asks for help and cannot be combined with other arguments"
    run 2 eval -h --policy deny-all.json --action trtc:DismissRoom --resource "$res"
    expect_out_empty
    run 2 lint -h deny-all.json
    expect_out_empty
    expect_err_has "camsim lint: '-h' asks for help"
    run 2 lint deny-all.json --help
    expect_out_empty
    run 2 lint --format -h deny-all.json
    expect_err_has "unknown format '-h'"
    run 2 lint -- -h
    expect_err_has "camsim: -h: cannot open"
    run 2 simulate --policy deny-all.json --principal -h --help
    expect_out_empty
    run 2 catalog --service trtc -h
    expect_out_empty
    run 2 --help eval
    expect_out_empty
    run 2 --version eval
    expect_out_empty
    run 2 help eval lint
    expect_out_empty
    # alone, help is still help
    for cmd in eval simulate lint catalog; do
        run 0 "$cmd" -h
        expect_out_has "usage: camsim $cmd"
    done
}

# Lint time grows linearly with the document: each worst-case shape takes at
# most 20 times as long as `camsim eval` parsing the same document.
lint_ratio_check() { # lint_ratio_check FILE: compare the best of three runs each
    local file="$1" best_eval="" best_lint="" t0 t1 d
    for _ in 1 2 3; do
        t0=$(date +%s%N)
        "$CAMSIM" eval --policy "$file" --action trtc:DescribeDetailEvent >/dev/null 2>&1
        t1=$(date +%s%N)
        d=$((t1 - t0))
        if [ -z "$best_eval" ] || [ "$d" -lt "$best_eval" ]; then best_eval=$d; fi
        t0=$(date +%s%N)
        timeout 120 "$CAMSIM" lint "$file" >/dev/null 2>&1
        local rc=$?
        t1=$(date +%s%N)
        [ "$rc" -le 1 ] || fail "lint $file: exit $rc"
        d=$((t1 - t0))
        if [ -z "$best_lint" ] || [ "$d" -lt "$best_lint" ]; then best_lint=$d; fi
    done
    printf '%s: %s bytes, eval %d ms, lint %d ms\n' "$file" "$(wc -c <"$file" | tr -d ' ')" \
        $((best_eval / 1000000)) $((best_lint / 1000000))
    [ "$best_lint" -le $((20 * best_eval)) ] ||
        fail "$file: lint took $((best_lint / 1000000)) ms, over 20x eval's $((best_eval / 1000000)) ms"
}

case_lint_linear_time() {
    local py
    py="$(command -v python3)" || { echo "python3 not found" >&2; exit 1; }
    "$py" - <<'PY'
import json

def write(name, statements):
    with open(name, "w") as f:
        json.dump({"version": "2.0", "statement": statements}, f)

L = 4000
# 40 long wildcard action services x 40 long resource services (the pair check)
write("pairs.json", [{"effect": "allow",
    "action": ["%s%03d*:Do" % ("a" * (L - 10), i) for i in range(40)],
    "resource": ["qcs::%s%03d::uin/1:x/y" % ("b" * (L - 30), i) for i in range(40)]}])
# long star-heavy resources against every catalog template
write("templates.json", [{"effect": "allow", "action": ["trtc:*", "tcmpp:*"],
    "resource": ["qcs::*:*:uin/*:" + "a*" * (L // 2 - 8) + "%03d" % i for i in range(40)]}])
# long action patterns and long unknown action names (suggestions)
write("actions.json", [{"effect": "allow", "resource": "*",
    "action": [("trtc:" + "D*" * (L // 2 - 6) if i % 2 else "trtc:" + "Dismis" * (L // 6)) + "%03d" % i
               for i in range(40)]}])
# many short actions x many short resources in many statements
write("many.json", [{"effect": "allow",
    "action": ["s%d_%d*:Do" % (k, i) for i in range(1000)],
    "resource": ["qcs::svc%d_%d::uin/1:x/y" % (k, i) for i in range(1000)]} for k in range(10)])
# long keys, values and placeholders in conditions
write("conditions.json", [{"effect": "allow", "action": "tcmpp:*", "resource": "*",
    "condition": {"string_equal": {"qcs:resource_tag/" + "k" * (L - 30) + "%03d" % i:
                                   ["${" * (L // 2 - 8) + "x", "${Region}" * (L // 9)] for i in range(40)}}}])
PY
    for f in pairs.json templates.json actions.json many.json conditions.json; do
        lint_ratio_check "$f"
    done
}

# Every JSON output stays valid JSON whatever bytes the inputs or file names
# hold: bytes outside valid UTF-8 become \ufffd, control characters \u00XX.
json_lines_ok() { # every line of out.txt is valid JSON (strict UTF-8)
    /usr/bin/python3 -c 'import json,sys; [json.loads(l.decode("utf-8")) for l in sys.stdin.buffer]' <out.txt ||
        fail "stdout is not valid JSON lines: $(od -c out.txt | head -5)"
}
json_doc_ok() { # out.txt is one valid JSON document (strict UTF-8)
    /usr/bin/python3 -c 'import json,sys; json.loads(sys.stdin.buffer.read().decode("utf-8"))' <out.txt ||
        fail "stdout is not one JSON document: $(od -c out.txt | head -5)"
}

case_json_invalid_utf8() {
    write_fixtures
    local name
    name="$(printf 'p\xff\xfe\x01.json')"
    cp allow.json "$name"
    run 0 eval --policy "$name" --action trtc:DismissRoom --resource "$RES"
    json_lines_ok
    expect_out '{"decision":"allow","reason":"allow","matched":[{"policy":"p\ufffd\ufffd\u0001.json","statement":0,"effect":"allow"}]}'
    {
        echo "{\"action\":\"trtc:DismissRoom\",\"resource\":\"$RES\"}"
        echo '{"action":"trtc:DismissRoom","context":{"a\u0001\u007f":true}}'
        printf '{"action":"trtc:Dismiss\xc0\xafRoom"}\n'
    } >req.jsonl
    run 2 eval --policy "$name" --requests req.jsonl
    expect_lines 3
    json_lines_ok
    run 0 simulate --policy "$name" --format json --service trtc --param uin=100001 \
        --param "$(printf 'SdkAppId=1\xff\x02')"
    json_doc_ok
    expect_out_has '"resource":"qcs::trtc::uin/100001:sdkappid/1\ufffd\u0002"'
    printf '{"version":"2.0","statement":[{"effect":"allow","action":"trtc:DismisRoom","resource":"*"}]}' >"$name"
    run 1 lint --format json "$name"
    json_doc_ok
    expect_out_has '"file":"p\ufffd\ufffd\u0001.json"'
    run 0 catalog --format json
    json_doc_ok
}

# ${...} is substituted only in a resource's sixth segment and in condition
# values, and only for ${uin}, ${owner_uin}, ${app_id}: elsewhere it is a
# template placeholder left in.
case_lint_placeholders() {
    cat >ph.json <<'JSON'
{"version":"2.0","statement":[
 {"effect":"allow","action":"trtc:DismissRoom","resource":["qcs::trtc::uin/${uin}:sdkappid/1","qcs::trtc::uin/1:sdkappid/${SdkAppId}","qcs::trtc::uin/1:sdkappid/${uin}","qcs::trtc::uin/:sdkappid/${app_id}${owner_uin}"]},
 {"effect":"deny","action":"tcmpp:DescribeMNP","resource":"qcs::tcmpp:${Region}:uin/:Limit/p1",
  "condition":{"string_equal":{"qcs:uin":["${Uin}","${uin}"]}}}]}
JSON
    run 0 lint ph.json
    expect_line 1 'ph.json:/statement/0/resource/0: warning: resource qcs::trtc::uin/${uin}:sdkappid/1 has a template placeholder left in: ${uin} in the account segment is not substituted (only ${uin}, ${owner_uin} and ${app_id} are substituted, and only in a resource'"'"'s sixth segment and in condition values; other ${...} text is literal), so this resource never matches as intended; write the actual value (e.g. uin/100001, or uin/ for the policy owner'"'"'s account)'
    expect_out_has 'ph.json:/statement/0/resource/1: warning: resource qcs::trtc::uin/1:sdkappid/${SdkAppId} has a template placeholder left in: ${SdkAppId} in the sixth (resource) segment is not a policy variable'
    expect_out_lacks 'ph.json:/statement/0/resource/2:'
    expect_out_lacks 'ph.json:/statement/0/resource/3:'
    expect_out_has 'ph.json:/statement/1/resource: warning: resource qcs::tcmpp:${Region}:uin/:Limit/p1 has a template placeholder left in: ${Region} in the region segment is not substituted'
    expect_out_has 'ph.json:/statement/1/condition/string_equal/qcs:uin/0: warning: condition value "${Uin}" contains ${Uin}, which is not a policy variable'
    expect_out_lacks 'qcs:uin/1:'
    expect_lines 4
    run 0 lint --format json ph.json
    json_doc_ok
}

# catalog.md: TCMPP does not support authorization by tag.
case_lint_tcmpp_tags() {
    cat >tags.json <<'JSON'
{"version":"2.0","statement":[
 {"effect":"allow","action":"tcmpp:DescribeMNP","resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&prod"}}},
 {"effect":"allow","action":["trtc:DismissRoom","tcmpp:Describe*"],"resource":"*","condition":{"for_any_value:string_equal_if_exist":{"qcs:request_tag/env":"prod"}}},
 {"effect":"deny","action":"*","resource":"*","condition":{"string_equal":{"qcs:resource_tag/team":"rtc"}}},
 {"effect":"allow","action":"trtc:DismissRoom","resource":"*","condition":{"string_equal":{"qcs:resource_tag":"env&prod"}}}]}
JSON
    run 0 lint tags.json
    expect_line 1 'tags.json:/statement/0/condition/string_equal/qcs:resource_tag: warning: tag condition key qcs:resource_tag on TCMPP action (tcmpp:DescribeMNP): TCMPP does not support authorization by tag, so CAM supplies no tags for it and this condition cannot restrict it (it never holds, so the statement never applies to it)'
    expect_out_has 'tags.json:/statement/1/condition/for_any_value:string_equal_if_exist/qcs:request_tag~1env: warning: tag condition key qcs:request_tag/env on TCMPP actions (tcmpp:DescribeApplicationConfigFile, '
    expect_out_has '(with _if_exist it always holds, whatever the tags)'
    expect_out_has 'tags.json:/statement/2/condition/string_equal/qcs:resource_tag~1team: info: tag condition key qcs:resource_tag/team on TCMPP actions'
    expect_out_lacks 'tags.json:/statement/3/'
}

# ---------------------------------------------------------------------------

if ! declare -F "case_$CASE" >/dev/null; then
    echo "no such case: $CASE" >&2
    exit 2
fi
"case_$CASE"
if [ "$FAILS" -ne 0 ]; then
    echo "$CASE: $FAILS check(s) failed" >&2
    exit 1
fi
echo "$CASE: ok"
