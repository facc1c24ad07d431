#!/usr/bin/python3
"""report.py: crash signatures and the reports of fuzz/nightly.sh (docs/fuzzing.md).
Standard library only; run it as /usr/bin/python3.

  report.py sig LOG ROOT BUILD_ROOT
      Print "ID<TAB>TYPE<TAB>FRAMES" for the sanitizer/libFuzzer output in LOG
      (ID empty when LOG shows no crash). The signature is the crash type
      (e.g. "Heap-buffer-overflow READ 1", "Timeout", "Leak",
      "camsim-fuzz MISMATCH eval: decisions differ", "ASSERT") plus the top 3
      frames of the project's own code, function names only (as ClusterFuzz
      keys crashes); ID is the first 12 hex digits of its SHA-1.

  report.py report OUT ROOT BUILD_ROOT CORPUS_DIR RUN...
      Write OUT/report.json, OUT/report.md and OUT/report.sarif (SARIF 2.1.0)
      from what nightly.sh left in OUT/<run>/ (meta.env, crashes.tsv,
      whatsup.txt). A run is a target name, or TARGET@collisions for the
      fuzz-collisions build.
"""
import hashlib
import json
import os
import re
import sys

FRAME = re.compile(r"^\s*#(\d+) 0x[0-9a-fA-F]+(?: in (.+?))?(?: (\S+?):(\d+)(?::(\d+))?| \((\S+)\))?\s*$")
# Frames never part of a signature even when they are in the checkout: the
# harness's abort helper is common to every oracle.
NOISE = re.compile(r"^(fz_fail|fz_abort|__sanitizer|__asan|__ubsan|__lsan|__interceptor|"
                   r"fuzzer::|LLVMFuzzerRunDriver|__libc|abort$|raise$|gsignal|__GI_|"
                   r"__pthread_kill|pthread_kill|_start$)")
UBSAN = [
    (r"signed integer overflow", "Integer-overflow"),
    (r"unsigned integer overflow", "Integer-overflow"),
    (r"shift exponent|left shift|right shift", "Undefined-shift"),
    (r"division by zero", "Divide-by-zero"),
    (r"index .* out of bounds", "Index-out-of-bounds"),
    (r"misaligned address", "Misaligned-address"),
    (r"null pointer|applying .*offset to null", "Null-dereference"),
    (r"pointer overflow|applying .*offset", "Pointer-overflow"),
    (r"not a valid value for type '_?Bool'|not a valid value for type 'bool'", "Invalid-bool-value"),
    (r"not a valid value for type", "Invalid-enum-value"),
    (r"outside the range of representable values", "Float-cast-overflow"),
    (r"execution reached an unreachable program point", "Unreachable code"),
    (r"returns a nonnull|null pointer passed as argument", "Invalid-null-argument"),
]


def _size(n):
    return n if n in ("1", "2", "4", "8", "16") else "{*}"


def normalize_why(why):
    """The oracle part of a MISMATCH message without the input's own values."""
    why = why.split(" (")[0]
    why = re.sub(r'"[^"]*"', '"S"', why)
    why = re.sub(r"\b0x[0-9a-fA-F]+\b", "N", why)
    why = re.sub(r"\d+", "N", why)
    parts = why.split(": ")
    why = ": ".join(parts[:2]) if parts[0] == "render" else parts[0]
    return why.strip()[:80]


def crash_type(text):
    """(type, offset where its stack starts looking) or (None, 0)."""
    m = re.search(r"==== camsim-fuzz MISMATCH in (\S+): ([^\n]*)", text)
    if m:
        return "camsim-fuzz MISMATCH %s: %s" % (m.group(1), normalize_why(m.group(2))), m.end()
    m = re.search(r"Assertion `.*' failed", text)
    if m:
        return "ASSERT", m.end()
    m = re.search(r"ERROR: AddressSanitizer: (?:attempting )?([\w-]+)([^\n]*)", text)
    if m:
        kind, rest = m.group(1), m.group(2)
        if kind == "SEGV":
            acc = re.search(r"The signal is caused by a (READ|WRITE) memory access", text)
            addr = re.search(r"on unknown address (0x[0-9a-fA-F]+)", rest)
            name = ("Null-dereference" if (addr and int(addr.group(1), 16) < 0x1000)
                    or "zero page" in text else "Segv on unknown address")
            return name + (" " + acc.group(1) if acc else ""), m.end()
        if kind == "stack-overflow":
            return "Stack-overflow", m.end()
        if kind == "double-free":
            return "Heap-double-free", m.end()
        if kind in ("out", "requested") or "out of memory" in rest:
            return "Out-of-memory", m.end()
        acc = re.search(r"^(READ|WRITE) of size (\d+)", text[m.end():], re.M)
        name = kind[:1].upper() + kind[1:]
        return (name + (" %s %s" % (acc.group(1), _size(acc.group(2))) if acc else "")), m.end()
    m = re.search(r"ERROR: LeakSanitizer: detected memory leaks", text)
    if m:
        d = re.search(r"^(Direct|Indirect) leak of", text[m.end():], re.M)
        return "Leak", m.end() + (d.end() if d else 0)
    m = re.search(r"runtime error: ([^\n]*)", text)
    if m:
        for pat, name in UBSAN:
            if re.search(pat, m.group(1)):
                return name, m.end()
        return "Undefined-behavior", m.end()
    m = re.search(r"ERROR: libFuzzer: (timeout|out-of-memory|deadly signal|fuzz target exited|"
                  r"malloc limit|-max_len)", text)
    if m:
        return {"timeout": "Timeout", "out-of-memory": "Out-of-memory", "deadly signal": "Abrt",
                "fuzz target exited": "Unexpected-exit", "malloc limit": "Out-of-memory"}.get(
                    m.group(1), "Crash"), m.end()
    return None, 0


def frames_of(text, start, root, build_root):
    """Top frames after START: the project's own first; each {fn, file, line}."""
    lines = text[start:].splitlines()
    i = next((k for k, l in enumerate(lines) if re.match(r"^\s*#0 ", l)), None)
    if i is None:
        return [], []
    own, other = [], []
    prefixes = [os.path.realpath(p) + os.sep for p in (root, build_root)]
    for l in lines[i:]:
        if not re.match(r"^\s*#\d+ ", l):
            break
        m = FRAME.match(re.sub(r" \(BuildId: [0-9a-f]+\)", "", l))
        if not m:
            continue
        fn, path, line = m.group(2), m.group(3), m.group(4)
        if not fn or NOISE.search(fn):
            continue
        fr = {"fn": fn, "file": None, "line": int(line) if line else None}
        if path:
            # Relative paths come from libraries built elsewhere (glibc's
            # "assert/./assert/assert.c"): the project's only when the file is there.
            real = os.path.realpath(path if os.path.isabs(path) else os.path.join(root, path))
            if any(real.startswith(p) for p in prefixes) and (os.path.isabs(path) or os.path.isfile(real)):
                fr["file"] = os.path.relpath(real, os.path.realpath(root))
                own.append(fr)
                continue
            fr["file"] = path
        other.append(fr)
    return own, other


def signature(text, root, build_root):
    kind, start = crash_type(text)
    if kind is None:
        return None
    own, other = frames_of(text, start, root, build_root)
    top = (own or other)[:3]
    key = kind + " @ " + " | ".join(f["fn"] for f in top)
    return {"id": hashlib.sha1(key.encode()).hexdigest()[:12], "type": kind, "key": key,
            "frames": top, "assertion": (re.search(r"Assertion `(.*)' failed", text) or [None, None])[1]}


def read_log(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def cmd_sig(argv):
    log, root, build_root = argv
    s = signature(read_log(log), root, build_root)
    if not s:
        print("\t\t")
    else:
        print("%s\t%s\t%s" % (s["id"], s["type"], " | ".join(f["fn"] for f in s["frames"])))


# ---------------------------------------------------------------- reports
def read_env(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = int(v) if v.lstrip("-").isdigit() else v
    return out


def rel(path, root):
    """PATH relative to ROOT when inside it (commands are run from the repository root)."""
    if not path:
        return path
    a = os.path.realpath(path)
    r = os.path.realpath(root)
    return os.path.relpath(a, r) if a.startswith(r + os.sep) else a


def frame_text(f):
    return f["fn"] + (" (%s:%s)" % (f["file"], f["line"]) if f.get("file") and f.get("line") else "")


def rule_of(kind):
    if kind.startswith("camsim-fuzz MISMATCH"):
        return "camsim-fuzz-mismatch", "A fuzz oracle disagrees with the engine (camsim-fuzz MISMATCH)"
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r" (READ|WRITE)( .*)?$", "", kind).lower()).strip("-")
    descr = {
        "timeout": "An input runs longer than the libFuzzer -timeout (10 s)",
        "slow-unit": "AFL++ reported a hang that does not time out under libFuzzer -timeout=10",
        "leak": "LeakSanitizer: memory leaked",
        "unreproducible": "The engine reported a crash that the reproducer build does not reproduce",
        "assert": "An assertion failed",
    }.get(slug, "Sanitizer or libFuzzer report: " + slug)
    return slug, descr


def load_crashes(out, run, meta, root, build_root):
    crashes = []
    tsv = os.path.join(out, run, "crashes.tsv")
    if not os.path.exists(tsv):
        return crashes
    for line in open(tsv):
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 8:
            continue
        sid, new, kind, raw, minimized, min_status, repro_input, log = fields[:8]
        sig = signature(read_log(log), root, build_root) if sid else None
        if sig is None:
            ctype = "Slow-unit" if kind == "hang" else "Unreproducible " + kind
            sig = {"id": sid or hashlib.sha1((ctype + run).encode()).hexdigest()[:12],
                   "type": ctype, "key": ctype, "frames": [], "assertion": None}
        flags = []
        if "Timeout" in sig["type"] or kind in ("timeout", "hang"):
            flags.append("-timeout=10")
        if "Out-of-memory" in sig["type"]:
            flags.append("-rss_limit_mb=2048")
        reproduce = " ".join([rel(meta.get("bin", ""), root)] + flags + [rel(repro_input, root)])
        crashes.append({
            "signature": sig["id"], "type": sig["type"], "key": sig["key"],
            "new": new == "1", "artifact_kind": kind,
            "frames": sig["frames"], "assertion": sig.get("assertion"),
            "input": raw, "minimized": minimized, "minimization": min_status,
            "reproducer": repro_input, "reproduce": reproduce,
            "reproduce_cwd": root, "log": log, "counted": new == "1",
        })
    return crashes


def publish_text(corpus_dir, root):
    c = rel(corpus_dir, root)
    return [
        "The merged corpus lives in `%s/<target>/` (outside the tracked files; `--corpus-dir` or"
        " `CAMSIM_CORPUS_DIR` moves it). To keep it between machines, publish it one of two ways:" % c,
        "",
        "* ClusterFuzzLite storage repository: copy each `%s/<target>/` into `corpus/<target>/` of"
        " the storage repository (`storage-repo:` in the workflow), commit and push:" % c,
        "  `git clone $STORAGE_REPO st && for d in %s/*/; do t=$(basename \"$d\");"
        " mkdir -p st/corpus/$t && cp \"$d\"* st/corpus/$t/; done && git -C st add corpus &&"
        " git -C st commit -qm 'nightly corpus' && git -C st push`" % c,
        "* CI artifact: upload `%s` (e.g. `actions/upload-artifact` with `path: %s`), download it"
        " before the next run and pass it with `--corpus-dir`." % (c, c),
        "",
        "Seeds that belong in the repository (small, hand-picked) still go to `corpus/<target>/`"
        " or `corpus/regressions/<target>/` by a reviewed commit.",
    ]


def build_sarif(report, root):
    engine = report.get("engine", "libfuzzer")
    rules, results = {}, []
    for run, m in report["targets"].items():
        target = m.get("target", run.split("@")[0])
        for c in m["crashes"]:
            rid, descr = rule_of(c["type"])
            level = "warning" if rid in ("slow-unit",) or rid.startswith("unreproducible") else "error"
            rules.setdefault(rid, {
                "id": rid, "name": "".join(w.capitalize() for w in rid.split("-")),
                "shortDescription": {"text": descr},
                "fullDescription": {"text": descr + ". Found by the nightly fuzzing job; "
                                    "docs/fuzzing.md explains the report."},
                "help": {"text": "Reproduce with the command in the result message, fix the engine, "
                         "then add the minimized input to corpus/regressions/<target>/."},
                "defaultConfiguration": {"level": level},
            })
            own = [f for f in c["frames"] if f.get("file") and f.get("line")
                   and not os.path.isabs(f["file"]) and not f["file"].startswith("..")]
            top = own[0] if own else {"file": "fuzz/%s.c" % target, "line": 1}
            text = ["%s in %s (signature %s, %s)" % (c["type"], run, c["signature"],
                                                    "NEW" if c["new"] else "known")]
            if c["frames"]:
                text.append("Top frames: " + " <- ".join(frame_text(f) for f in c["frames"]))
            if c.get("assertion"):
                text.append("Assertion: " + c["assertion"])
            text.append("Minimized input: " + rel(c["minimized"], root))
            if c["minimization"] != "same":
                text.append("Minimization: %s; the reproducer is the original input %s"
                            % (c["minimization"], rel(c["reproducer"], root)))
            text.append("Reproduce (from the repository root): " + c["reproduce"])
            loc = {"physicalLocation": {
                "artifactLocation": {"uri": top["file"], "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": int(top["line"])}}}
            result = {
                "ruleId": rid, "level": level,
                "message": {"text": "\n".join(text)},
                "locations": [loc],
                "partialFingerprints": {"camsimFuzzSignature/v1": c["signature"]},
                "baselineState": "new" if c["new"] else "unchanged",
                "properties": {"target": run, "crashType": c["type"], "signatureKey": c["key"],
                               "minimizedInput": rel(c["minimized"], root),
                               "reproducerInput": rel(c["reproducer"], root),
                               "minimization": c["minimization"], "reproduce": c["reproduce"]},
            }
            if own:
                result["stacks"] = [{"message": {"text": "top frames of the project's code"},
                                     "frames": [{"location": {
                                         "physicalLocation": {
                                             "artifactLocation": {"uri": f["file"], "uriBaseId": "%SRCROOT%"},
                                             "region": {"startLine": int(f["line"])}},
                                         "logicalLocations": [{"fullyQualifiedName": f["fn"]}]}}
                                         for f in own]}]
            results.append(result)
    info = {"afl": "https://aflplus.plus/"}.get(engine, "https://llvm.org/docs/LibFuzzer.html")
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "camsim-nightly-fuzz (%s)" % engine, "informationUri": info,
                                "version": "1", "rules": list(rules.values())}},
            "automationDetails": {"id": "camsim-nightly-fuzz/%s/" % engine},
            "results": results,
        }],
    }


def cmd_report(argv):
    out, root, build_root, corpus_dir, runs = argv[0], argv[1], argv[2], argv[3], argv[4:]
    report = {"out": out, "corpus_dir": corpus_dir, "targets": {}}
    for run in runs:
        meta = read_env(os.path.join(out, run, "meta.env"))
        meta.setdefault("target", run.split("@")[0])
        report["engine"] = meta.get("engine", report.get("engine", "libfuzzer"))
        meta["crashes"] = load_crashes(out, run, meta, root, build_root)
        w = os.path.join(out, run, "whatsup.txt")
        if os.path.exists(w):
            meta["afl_whatsup"] = read_log(w)
        report["targets"][run] = meta
    findings = [c for m in report["targets"].values() for c in m["crashes"] if c["counted"]]
    report["new_findings"] = len(findings)
    with open(os.path.join(out, "report.json"), "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "report.sarif"), "w") as f:
        json.dump(build_sarif(report, root), f, indent=2)
        f.write("\n")

    lines = ["# camsim nightly fuzzing report", "", "Run directory: `%s`" % out, "",
             "| target | engine | seconds | execs | execs/s | coverage | corpus | new inputs | crashes |",
             "|---|---|---|---|---|---|---|---|---|"]
    for t, m in report["targets"].items():
        if m.get("engine") == "afl":
            cov = "%s edges (%s)" % (m.get("edges", 0), m.get("bitmap_cvg", "?"))
        else:
            cov = "cov %s / ft %s" % (m.get("cov", 0), m.get("ft", 0))
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %d (%d new) |" % (
            t, m.get("engine", "?"), m.get("seconds", 0), m.get("execs", 0),
            m.get("exec_per_sec", 0), cov, m.get("corpus_size", 0), m.get("new_inputs", 0),
            len(m["crashes"]), sum(c["new"] for c in m["crashes"])))
    nrows = len(lines)
    if findings:
        lines += ["", "**%d new finding(s)** (a crash, leak, timeout or camsim-fuzz MISMATCH whose"
                  " signature is not in `corpus/regressions/known-signatures.txt`): the job exits 1."
                  % len(findings)]
    for t, m in report["targets"].items():
        if m.get("afl_whatsup"):
            lines += ["", "## %s: afl-whatsup -s" % t, "", "```", m["afl_whatsup"].rstrip(), "```"]
    for t, m in report["targets"].items():
        for c in m["crashes"]:
            lines += ["", "## %s: %s (signature %s%s)" % (t, c["type"], c["signature"],
                                                         ", NEW" if c["new"] else ", known"), ""]
            if c["frames"]:
                lines += ["Top frames:", ""] + ["* `%s`" % frame_text(f) for f in c["frames"]] + [""]
            if c.get("assertion"):
                lines += ["Assertion: `%s`" % c["assertion"], ""]
            lines += ["Signature key: `%s`" % c["key"], "",
                      "Minimized input: `%s`" % rel(c["minimized"], root), ""]
            if c["minimization"] != "same":
                lines += ["Minimization: %s. The reproducer is the original input `%s`."
                          % (c["minimization"], rel(c["reproducer"], root)), ""]
            lines += ["Reproduce from the repository root (symbolized ASan/UBSan stack, the whole"
                      " input printed):", "", "    " + c["reproduce"], "",
                      "Add as a regression: `cp %s corpus/regressions/%s/`; or, while it stays open,"
                      " list it as known: `echo '%s  %s' >> corpus/regressions/known-signatures.txt`"
                      % (rel(c["reproducer"], root), m.get("target", t), c["signature"], c["key"])]
    if not any(m["crashes"] for m in report["targets"].values()):
        lines += ["", "No crashes."]
    cov = os.path.join(out, "coverage.env")
    if os.path.exists(cov):
        kv = dict(l.rstrip("\n").split("=", 1) for l in open(cov) if "=" in l)
        lines += ["", "## Coverage", "",
                  "%s; gate %s (fuzz/coverage.sh: 90%% lines, 80%% branches of engine/src)."
                  % (kv.get("summary", "?"), kv.get("gate", "?")), "",
                  "HTML with branch counts: [%s](file://%s); lcov: `%s`; table: `coverage.log`."
                  % (kv.get("html", ""), kv.get("html", ""), kv.get("lcov", ""))]
    lines += ["", "## Corpus", ""] + publish_text(corpus_dir, root)
    lines += ["", "Machine-readable: `report.json`; code scanning: `report.sarif` (SARIF 2.1.0,"
              " `fuzz/check_sarif.py` checks its structure)."]
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[:nrows]))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "sig" and len(sys.argv) == 5:
        cmd_sig(sys.argv[2:])
    elif len(sys.argv) >= 6 and sys.argv[1] == "report":
        cmd_report(sys.argv[2:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
