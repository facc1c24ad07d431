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
        "policy_parse": write_corpus(root, "policy_parse", policy_seeds(root, actions, rng)),
        "requests_jsonl": write_corpus(root, "requests_jsonl", request_seeds(actions, rng)),
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
