#!/usr/bin/python3
"""Generate the fuzz seed corpora and dictionaries (python3 stdlib only).

    fuzz/gen_seeds.py [--root DIR]

Reads corpus/catalog/actions.json and corpus/policies/*.json (whatever exists;
rerun when they change) and writes:
  corpus/<target>/seed-*    seed inputs for every fuzz target
  fuzz/<target>.dict        libFuzzer/AFL++ dictionaries
Deterministic: the same inputs give the same files. Old seed-* files are
replaced; other files in corpus/<target>/ (merged coverage) are left alone.
"""
import glob
import hashlib
import json
import os
import random
import sys

TARGETS = ["policy_parse", "action_match", "resource_match", "condition", "eval", "requests_jsonl"]
OPERATORS = [
    "string_equal", "string_not_equal", "string_equal_ignore_case", "string_not_equal_ignore_case",
    "string_like", "string_not_like", "numeric_equal", "numeric_not_equal", "numeric_less_than",
    "numeric_less_than_equal", "numeric_greater_than", "numeric_greater_than_equal", "date_equal",
    "date_not_equal", "date_less_than", "date_less_than_equal", "date_greater_than",
    "date_greater_than_equal", "bool_equal", "binary_equal", "ip_equal", "ip_not_equal", "null_equal"]
KEYS = ["qcs:ip", "qcs:current_time", "qcs:resource_tag", "qcs:request_tag", "qcs:resource_tag/env",
        "qcs:uin", "qcs:owner_uin", "qcs:app_id", "vpc:region", "mfa"]
VALUES = {
    "ip": ["10.0.0.0/8", "10.1.2.3", "192.168.0.0/16", "2001:db8::/32", "::1", "0.0.0.0/0"],
    "date": ["2026-06-01T00:01:00Z", "2026-06-01 00:01:00", "2026-06-01T08:01:00+08:00"],
    "numeric": ["1", "-3", "2.5", "1e2", "0"],
    "bool": ["true", "false"],
    "string": ["env&prod", "prod", "${uin}", "${owner_uin}", "${app_id}", "*"],
}
FAMILY_OF_KEY = {"qcs:ip": "ip", "qcs:current_time": "date", "mfa": "bool"}
PARAMS = {"uin": "100001", "SdkAppId": "1400000001", "Region": "ap-guangzhou",
          "PlatformId": "1", "MNPId": "m1", "Platform": "1"}


def load_catalog(root):
    path = os.path.join(root, "corpus/catalog/actions.json")
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return data["actions"] if isinstance(data, dict) else data
    except (OSError, ValueError, KeyError) as e:
        print(f"gen_seeds: {path}: {e}; continuing without the catalog", file=sys.stderr)
        return []


def render(template, params):
    out = template
    for k, v in params.items():
        out = out.replace("${%s}" % k, v)
    return out.replace("uin/:", "uin/%s:" % params["uin"])


def policy(statements, **top):
    doc = {"version": "2.0"}
    doc.update(top)
    doc["statement"] = statements
    return json.dumps(doc, separators=(",", ":"))


def policy_seeds(root, actions, rng):
    seeds = []
    for path in sorted(glob.glob(os.path.join(root, "corpus/policies/*.json"))):
        with open(path, "rb") as f:
            seeds.append(f.read())
    for a in actions:
        name = "%s:%s" % (a["service"], a["name"])
        res = render(a["resource_template"], PARAMS) if a.get("resource_template") else "*"
        seeds.append(policy([{"effect": "allow", "action": [name], "resource": [res]}]).encode())
    for op in OPERATORS:
        for key in KEYS:
            fam = FAMILY_OF_KEY.get(key, "string")
            if op.startswith("ip_"):
                key, fam = "qcs:ip", "ip"
            elif op.startswith("date_"):
                key, fam = "qcs:current_time", "date"
            elif op.startswith("numeric_"):
                fam = "numeric"
            elif op in ("bool_equal", "null_equal"):
                fam = "bool"
            vals = rng.sample(VALUES[fam], min(2, len(VALUES[fam])))
            qual = rng.choice(["", "", "for_any_value:", "for_all_value:"]) if op != "null_equal" else ""
            suffix = rng.choice(["", "_if_exist"]) if op != "null_equal" else ""
            seeds.append(policy([{"effect": rng.choice(["allow", "deny"]),
                                  "action": rng.choice(["*", "trtc:*", "name/tcmpp:Describe*"]),
                                  "resource": rng.choice(["*", "qcs::trtc::uin/100001:sdkappid/*",
                                                          "qcs::tcmpp:ap-guangzhou:uin/:Limit/*"]),
                                  "condition": {qual + op + suffix: {key: vals}}}]).encode())
            break
    seeds.append(b'{"version":"2.0","principal":{"qcs":["qcs::cam::uin/100001:uin/200002"]},'
                 b'"statement":{"effect":"deny","action":"*","resource":"*"}}')
    seeds.append(b'{"version":"2.0","statement":[{"effect":"allow","action":["name/trtc:Describe*",'
                 b'"trtc:DismissRoom"],"resource":["qcs::trtc::uin/100001:sdkappid/1400000001"],'
                 b'"condition":{"ip_equal":{"qcs:ip":["10.0.0.0/8"]}}}]}')
    return seeds


def invalid_policy_seeds():
    """Documents each rejected by one grammar, value, limit or JSON rule
    (docs/semantics.md section 1), so every error path has a seed."""
    ok_stmt = {"effect": "allow", "action": "*", "resource": "*"}
    kinds = [1, 1.5, True, False, None, [], {}, [1], [None], [[]], [{}], ""]
    docs = []

    def doc(stmt=None, **top):
        d = {"version": "2.0", "statement": stmt if stmt is not None else ok_stmt}
        d.update(top)
        return d

    def stmt(**kw):
        st = dict(ok_stmt)
        st.update(kw)
        return {k: v for k, v in st.items() if v is not Ellipsis}

    # Wrong JSON types for every element.
    for bad in kinds:
        docs.append(doc(bad))                              # statement
        docs.append(doc([bad]))                            # one statement
        docs.append({"version": bad, "statement": ok_stmt})
        for el in ("effect", "action", "resource", "principal", "condition"):
            docs.append(doc(stmt(**{el: bad})))
            docs.append(doc(stmt(**{el: ["*", bad]})))
        docs.append(doc(principal=bad))
        docs.append(doc(principal={"qcs": bad}))
        docs.append(doc(stmt(condition={"string_equal": bad})))
        docs.append(doc(stmt(condition={"string_equal": {"qcs:uin": bad}})))
        docs.append(doc(stmt(condition={"string_equal": {"qcs:uin": ["a", bad]}})))
        docs.append(doc(stmt(condition={"numeric_equal": {"count": bad}})))
        docs.append(doc(stmt(condition={"bool_equal": {"mfa": bad}})))
        docs.append(doc(stmt(condition={"null_equal": {"mfa": [bad]}})))
    docs += [[], "policy", 1, None, True]                  # not an object at all
    # Missing, unknown and capitalised elements.
    docs += [{"statement": ok_stmt}, {"version": "2.0"}, {"version": "1.0", "statement": ok_stmt},
             {"Version": "2.0", "statement": ok_stmt}, {"version": "2.0", "Statement": ok_stmt},
             doc(extra=1), doc(principal={"QCS": ["*"]}), doc(principal={"cam": ["*"]}),
             doc(principal={}), doc(stmt(principal={"qcs": []}))]
    for el in ("effect", "action", "resource"):
        docs.append(doc(stmt(**{el: Ellipsis})))
        docs.append(doc({**ok_stmt, el.capitalize(): ok_stmt[el]}))
    docs += [doc(stmt(sid="s1")), doc(stmt(Condition={})), doc(stmt(effect="Allow")),
             doc(stmt(effect="permit")), doc(stmt(action=[])), doc(stmt(resource=[])),
             doc(stmt(action="")), doc(stmt(resource=[""])), doc(stmt(action="trtc")),
             doc(stmt(action="trtc:Describe*:x")), doc(stmt(action="name/")),
             doc(stmt(resource="qcs::trtc")), doc(stmt(resource="qcs:a:b:c:d:e:f")),
             doc(stmt(resource="cos::trtc::uin/1:x"))]
    # Condition grammar: empty, unknown operators, qualifiers, keys.
    docs += [doc(stmt(condition={})), doc(stmt(condition={"string_equal": {}})),
             doc(stmt(condition={"string_equal": {"": "x"}})),
             doc(stmt(condition={"string_equal": {"k" * 4097: "x"}})),
             doc(stmt(condition={"string_equal": {"k": "v" * 4097}})),
             doc(stmt(condition={"string_equal": {"k": ["v"] * 1025}})),
             doc(stmt(condition={"string_equal": {"k": []}})),
             doc(stmt(condition={"StringEqual": {"k": "v"}})),
             doc(stmt(condition={"string_equals": {"k": "v"}})),
             doc(stmt(condition={"bogus:string_equal": {"k": "v"}})),
             doc(stmt(condition={"for_any_value:for_all_value:string_equal": {"k": "v"}})),
             doc(stmt(condition={"for_any_value:null_equal": {"k": "true"}})),
             doc(stmt(condition={"null_equal_if_exist": {"k": "true"}})),
             doc(stmt(condition={"string_equal_if_exist_if_exist": {"k": "v"}})),
             doc(stmt(condition={"_if_exist": {"k": "v"}}))]
    bad_values = {"numeric": ["abc", "1e999", "0x10", "", " 1", "1,5"],
                  "date": ["yesterday", "2026-13-01T00:00:00Z", "2026-06-01", "2026-06-01T25:00:00Z",
                           "2026-02-30T00:00:00Z"],
                  "bool": ["TRUE", "yes", "1", ""],
                  "ip": ["10.0.0.0/33", "300.1.1.1", "::1/129", "10.0.0", "10.0.0.1/", "x"]}
    for op in OPERATORS:
        fam = ("numeric" if op.startswith("numeric_") else "date" if op.startswith("date_") else
               "ip" if op.startswith("ip_") else "bool" if op in ("bool_equal", "null_equal") else None)
        for v in bad_values.get(fam, []):
            docs.append(doc(stmt(condition={op: {"k": v}})))
        docs.append(doc(stmt(condition={op: {"k": {"nested": 1}}})))
        docs.append(doc(stmt(condition={op: {"k": 7}})))
        docs.append(doc(stmt(condition={op: {"k": False}})))
    # Limits.
    docs += [doc(stmt(action="trtc:" + "A" * 4096)), doc(stmt(resource="qcs::trtc::uin/1:" + "x" * 4096)),
             doc(stmt(action=["trtc:DismissRoom"] * 1025)), doc(stmt(resource=["*"] * 1025)),
             doc(stmt(condition={"string_equal": {"k%d" % i: "v" for i in range(257)}})),
             doc({**ok_stmt, **{"x%d" % i: 1 for i in range(257)}})]
    out = [json.dumps(d, separators=(",", ":")).encode() for d in docs]
    # A path longer than the 256-byte error path: truncated with "...".
    out.append(json.dumps(doc(stmt(condition={"string_equal": {"k/~" * 120: "v"}}), **{})).replace(
        '"string_equal"', '"string_equal","x":1,"y"', 0).encode())
    out.append(json.dumps(doc([stmt(condition={"string_equal": {"k" * 300: ["a", {"b": 1}]}})]),
                          separators=(",", ":")).encode())
    out.append(json.dumps(doc(stmt(condition={"ip_equal": {"k" * 300 + "/~": "bad"}})),
                          separators=(",", ":")).encode())
    # JSON-level rejections, written by hand.
    ok = '{"effect":"allow","action":"*","resource":"*"}'
    for raw in ['{"version":"2.0","version":"2.0","statement":%s}' % ok,
                '{"version":"2.0","statement":{"effect":"allow","effect":"deny","action":"*","resource":"*"}}',
                '{"version":"2.0","statement":%s} x' % ok, '{"version":"2.0","statement":%s}  \n\t' % ok,
                '{"version":"2.0","statement":%s' % ok, '', ' ', '{', '{"version":"2.0",}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":01}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":-01}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":1.}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":.5}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":1e}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":1E+}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":[1e-0,0.5,0,-0,1E+2]}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*",'
                '"condition":{"numeric_equal":{"count":1e400}}}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"tr\\u0000tc:*","resource":"*"}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"tr\\u0041tc:*","resource":"*"}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"tr\\ud800tc:*","resource":"*"}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"tr\\","resource":"*"}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"trtc:\\u00e9","resource":"*"}}',
                '{"version":"2.0","statement":{"effect":"allow","action":"*","resource":"*"}}\r\n',
                '[' * 17 + ']' * 17, '{"version":"2.0","statement":' + '[' * 16 + ']' * 16 + '}']:
        out.append(raw.encode())
    body = '{"version":"2.0","statement":{"effect":"allow","action":"%s","resource":"*"}}'
    for bad in [b"\x00", b"\xff", b"\xc0\x80", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                b"\xf0\x80\x80\x80", b"\xc3", b"\xe2\x82", b"\x01", b"\x1f", b"\t", b"\xc3\xa9",
                b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xef\xbf\xbf"]:
        out.append((body % "trtc:").encode().replace(b'trtc:"', b"trtc:" + bad + b'"'))
        out.append(b'{"version":"2.0",' + bad + b'"statement":' + ok.encode() + b'}')
    return out


def request_error_seeds():
    """One request line per error path of cli/request_json.c."""
    lines = ['', ' ', '{', '[]', '"trtc:DismissRoom"', 'null', '{}', '{"action":"trtc:DismissRoom"} x',
             '{"action":"trtc:DismissRoom"}\r\n', '{"action":"trtc:DismissRoom"}{}',
             '{"action":1}', '{"action":null}', '{"action":["trtc:DismissRoom"]}',
             '{"action":"trtc:DismissRoom","action":"trtc:RemoveUser"}',
             '{"Action":"trtc:DismissRoom"}', '{"action":"trtc:DismissRoom","extra":1}',
             '{"resource":"*"}', '{"action":"trtc:DismissRoom","resource":7}',
             '{"action":"trtc:DismissRoom","owner_uin":100001}',
             '{"action":"trtc:DismissRoom","principal":{}}',
             '{"action":"trtc:DismissRoom","context":[]}', '{"action":"trtc:DismissRoom","context":"x"}',
             '{"action":"trtc:DismissRoom","context":{"":"x"}}',
             '{"action":"trtc:DismissRoom","context":{"k":"a","k":"b"}}',
             '{"action":"trtc:DismissRoom","context":{"k":"a","j":"b","k":"c"}}',
             '{"action":"trtc:DismissRoom","context":{"k":null}}',
             '{"action":"trtc:DismissRoom","context":{"k":true}}',
             '{"action":"trtc:DismissRoom","context":{"k":{}}}',
             '{"action":"trtc:DismissRoom","context":{"k":["a",{}]}}',
             '{"action":"trtc:DismissRoom","context":{"k":["a",[]]}}',
             '{"action":"trtc:DismissRoom","context":{"k":["a",false]}}',
             '{"action":"trtc:DismissRoom","context":{"k":1e400}}',
             '{"action":"trtc:DismissRoom","context":{"k":[1,-1e400]}}',
             '{"action":"trtc:DismissRoom","context":{"k":[1.5,-0,0.1,1e21,-7,9007199254740993,'
             '1e-7,123456789012345678901234567890]}}',
             '{"action":"trtc:DismissRoom","context":{"k":[]}}',
             '{"action":"trtc:DismissRoom","context":{}}',
             '{"action":"trtc:DismissRoom","context":{"k":01}}',
             '{"action":"trtc:DismissRoom","context":{"k":"\\u0000"}}',
             '{"action":"trtc:Dismiss\\ud800Room"}', '{"action":"trtc:Dismiss\\udc00Room"}',
             '{"action":"trtc:Dismiss\\ud83d\\ude00Room"}', '{"action":"trtc:Dismiss\\u00e9Room"}',
             '{"action":"trtc:DismissRoom","context":{"a":' + '[' * 16 + ']' * 16 + '}}',
             '{"action":"trtc:DismissRoom","context":{"a":' + '[' * 17 + ']' * 17 + '}}',
             '{"action":"' + 'a' * 65537 + '"}', '{"action":"x","resource":"' + 'r' * 65537 + '"}',
             '{"action":"' + 'a' * 65536 + '"}', '{"action":"trtc:DismissRoom","owner_uin":"' + '1' * 300 + '"}',
             '{"action":"trtc:DismissRoom","resource":"qcs::trtc::uin/' + '1' * 300 + ':sdkappid/1"}',
             '{"action":"trtc:DismissRoom","resource":"qcs::trtc::uin/1:sdkappid/1","owner_uin":"1*"}',
             '{"action":"trtc:DismissRoom","resource":"qcs::trtc::uin/1:sdkappid/1","owner_uin":"' +
             '9' * 256 + '"}',
             '{"action":"trtc:DismissRoom","context":{"' + 'k' * 65537 + '":"v"}}',
             '{"action":"trtc:DismissRoom","context":{"k":"' + 'v' * 65537 + '"}}',
             '{"action":"trtc:DismissRoom","context":{"k":["v"' + ',"v"' * 1024 + ']}}',
             '{"action":"trtc:DismissRoom","context":{"k":["v"' + ',"v"' * 1023 + ']}}',
             '{"action":"trtc:DismissRoom","context":{' + ','.join('"k%d":1' % i for i in range(257)) + '}}',
             '{"action":"trtc:DismissRoom","context":{' + ','.join('"k%d":1' % i for i in range(256)) + '}}',
             '{"action":""}', '{"action":"trtc:DismissRoom","resource":""}']
    out = [line.encode() for line in lines]
    out += [b'{"action":"trtc:\xffDismissRoom"}', b'{"action":"trtc:\x01"}',
            b'{"action":"trtc:DismissRoom"}\x00', b'{"action":"\xc3\xa9"}']
    return out


def request_seeds(actions, rng):
    seeds = []
    for a in actions:
        req = {"action": "%s:%s" % (a["service"], a["name"])}
        if a.get("resource_template"):
            req["resource"] = render(a["resource_template"], PARAMS)
        ctx = {}
        for key in rng.sample(KEYS, 2):
            fam = FAMILY_OF_KEY.get(key, "string")
            ctx[key] = rng.choice([rng.choice(VALUES[fam]), VALUES[fam][:2]])
        if rng.random() < 0.3:
            ctx["count"] = 7
        req["context"] = ctx
        if rng.random() < 0.5:
            req["owner_uin"] = "100001"
        if rng.random() < 0.3:
            req["principal"] = "qcs::cam::uin/100001:uin/200002"
        seeds.append(json.dumps(req, separators=(",", ":")).encode())
    seeds.append(b'{"action":"trtc:DismissRoom"}')
    return seeds


def byte_seeds(rng, count, lo, hi):
    """Structured targets decode any bytes into valid inputs (fuzz/harness/gen.c)."""
    return [bytes(rng.randrange(256) for _ in range(rng.randrange(lo, hi))) for _ in range(count)]


def write_corpus(root, target, seeds):
    d = os.path.join(root, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "seed-*")):
        os.remove(old)
    for s in seeds:
        name = "seed-" + hashlib.sha1(s).hexdigest()[:16]
        with open(os.path.join(d, name), "wb") as f:
            f.write(s)
    return len(set(seeds))


def dict_line(token):
    esc = "".join(c if 0x20 <= ord(c) < 0x7f and c not in '"\\' else "\\x%02x" % ord(c)
                  for c in token)
    return '"%s"' % esc


def write_dict(root, target, tokens):
    path = os.path.join(root, "fuzz", target + ".dict")
    seen, lines = set(), ["# %s dictionary, generated by fuzz/gen_seeds.py" % target]
    for t in tokens:
        if t and t not in seen and len(t) <= 128:
            seen.add(t)
            lines.append(dict_line(t))
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    if "--root" in sys.argv:
        root = sys.argv[sys.argv.index("--root") + 1]
    rng = random.Random(20260601)
    actions = load_catalog(root)
    names = ["%s:%s" % (a["service"], a["name"]) for a in actions]
    qcs = ["qcs::", "qcs::trtc::", "qcs::tcmpp:", ":uin/", "uin/", "uid/", ":sdkappid/", ":Limit/",
           "${uin}", "${owner_uin}", "${app_id}", "*", "ap-guangzhou", "100001", "1400000001",
           "qcs::cam::uin/100001:uin/200002"]
    quals = ["for_any_value:", "for_all_value:", "_if_exist"]
    values = [v for vs in VALUES.values() for v in vs]
    json_tokens = ['"version"', '"2.0"', '"statement"', '"effect"', '"allow"', '"deny"', '"action"',
                   '"resource"', '"condition"', '"principal"', '"qcs"', "{", "}", "[", "]", ":", ",",
                   "true", "false", "null", '"Effect"', '"sid"', "name/", "\\u0000"]
    counts = {
        "policy_parse": write_corpus(root, "policy_parse", policy_seeds(root, actions, rng)
                                     + invalid_policy_seeds()),
        "requests_jsonl": write_corpus(root, "requests_jsonl", request_seeds(actions, rng)
                                       + request_error_seeds()),
        "action_match": write_corpus(root, "action_match", byte_seeds(rng, 48, 2, 40)),
        "resource_match": write_corpus(root, "resource_match", byte_seeds(rng, 48, 4, 60)),
        "condition": write_corpus(root, "condition", byte_seeds(rng, 64, 6, 40)),
        "eval": write_corpus(root, "eval", byte_seeds(rng, 96, 16, 400)),
    }
    write_dict(root, "policy_parse", json_tokens + OPERATORS + quals + KEYS + qcs + names + values)
    write_dict(root, "eval", OPERATORS + quals + KEYS + qcs + names[:20] + values)
    write_dict(root, "requests_jsonl", ['"action"', '"resource"', '"context"', '"owner_uin"',
                                        '"principal"', "{", "}", "[", "]", "\\u", "1e9"] + KEYS
               + qcs + names + values)
    write_dict(root, "action_match", ["name/", "NAME/", "*", ":", "*:*", "trtc:", "tcmpp:", "?"]
               + names)
    write_dict(root, "resource_match", qcs + [":", "/", "**"])
    write_dict(root, "condition", OPERATORS + quals + KEYS + values + ["/32", "/128", "Z", "+08:00", "T"])
    for t in TARGETS:
        print("gen_seeds: corpus/%s: %d seeds" % (t, counts[t]))


if __name__ == "__main__":
    main()
