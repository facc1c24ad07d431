#!/usr/bin/python3
"""check_sarif.py REPORT.sarif [ROOT]: check the structure of the nightly's SARIF
report against what SARIF 2.1.0 and GitHub code scanning require (standard
library only; no SARIF validator is packaged for Debian 12: apt has only the
object model python3-sarif-python-om). With ROOT, every artifactLocation.uri must
name a file of that checkout. Exit 0 when it passes, 1 with the problems listed.
"""
import json
import os
import sys

LEVELS = {"none", "note", "warning", "error"}


def check(doc, root=None):
    errs = []

    def need(obj, key, kind, where):
        if not isinstance(obj, dict) or key not in obj:
            errs.append("%s: missing %s" % (where, key))
            return None
        if not isinstance(obj[key], kind):
            errs.append("%s.%s: not a %s" % (where, key, kind.__name__))
            return None
        return obj[key]

    if not isinstance(doc, dict):
        return ["the document is not a JSON object"]
    need(doc, "$schema", str, "sarif")
    if need(doc, "version", str, "sarif") not in (None, "2.1.0"):
        errs.append("sarif.version: %r, not 2.1.0" % doc["version"])
    runs = need(doc, "runs", list, "sarif") or []
    if not runs:
        errs.append("sarif.runs: empty")
    for i, run in enumerate(runs):
        w = "runs[%d]" % i
        driver = need(need(run, "tool", dict, w) or {}, "driver", dict, w + ".tool") or {}
        need(driver, "name", str, w + ".tool.driver")
        uri = need(driver, "informationUri", str, w + ".tool.driver")
        if uri and "://" not in uri:
            errs.append(w + ".tool.driver.informationUri: not an absolute URI")
        rules = need(driver, "rules", list, w + ".tool.driver") or []
        ids = set()
        for j, rule in enumerate(rules):
            rid = need(rule, "id", str, "%s.tool.driver.rules[%d]" % (w, j))
            if rid in ids:
                errs.append("%s.tool.driver.rules[%d]: duplicate id %s" % (w, j, rid))
            ids.add(rid)
        for j, res in enumerate(need(run, "results", list, w) or []):
            rw = "%s.results[%d]" % (w, j)
            rid = need(res, "ruleId", str, rw)
            if rid is not None and rid not in ids:
                errs.append("%s.ruleId: %s is not among the driver's rules" % (rw, rid))
            if need(res, "level", str, rw) not in (None,) and res["level"] not in LEVELS:
                errs.append("%s.level: %r" % (rw, res["level"]))
            text = need(need(res, "message", dict, rw) or {}, "text", str, rw + ".message")
            if text is not None and "Reproduce" not in text:
                errs.append(rw + ".message.text: no reproduce command")
            locs = need(res, "locations", list, rw) or []
            if not locs:
                errs.append(rw + ".locations: empty")
            for k, loc in enumerate(locs):
                lw = "%s.locations[%d].physicalLocation" % (rw, k)
                phys = need(loc, "physicalLocation", dict, lw[:-len(".physicalLocation")]) or {}
                u = need(need(phys, "artifactLocation", dict, lw) or {}, "uri", str, lw + ".artifactLocation")
                if u is not None:
                    if os.path.isabs(u) or u.startswith("..") or "://" in u:
                        errs.append("%s.artifactLocation.uri: %s is not repository-relative" % (lw, u))
                    elif root and not os.path.isfile(os.path.join(root, u)):
                        errs.append("%s.artifactLocation.uri: %s is not a file of %s" % (lw, u, root))
                line = need(need(phys, "region", dict, lw) or {}, "startLine", int, lw + ".region")
                if line is not None and line < 1:
                    errs.append("%s.region.startLine: %d" % (lw, line))
            fp = need(res, "partialFingerprints", dict, rw) or {}
            if not fp or not all(isinstance(v, str) and v for v in fp.values()):
                errs.append(rw + ".partialFingerprints: empty or not strings")
    return errs


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    try:
        with open(sys.argv[1]) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print("check_sarif: %s: %s" % (sys.argv[1], e))
        return 1
    errs = check(doc, sys.argv[2] if len(sys.argv) == 3 else None)
    for e in errs:
        print("check_sarif: %s: %s" % (sys.argv[1], e))
    if not errs:
        n = sum(len(r.get("results", [])) for r in doc["runs"])
        print("check_sarif: %s: SARIF 2.1.0 structure ok (%d result(s))" % (sys.argv[1], n))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
