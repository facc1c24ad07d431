#!/usr/bin/python3
"""mutate.py: mutation testing of the engine (docs/fuzzing.md, "Mutation testing").

Each mutant changes one token of one engine source file (engine/src/**/*.c):
  cmp      <  <=  >  >=  swapped with their or-equal partner, == with !=
  logic    && with ||
  not      a unary ! removed
  bool     true with false
  int      an integer literal N made (N + 1) or (N - 1)
One mutant at a time is applied to a scratch copy of the committed tree
(git archive HEAD into --workdir, never the checkout), which is rebuilt:
the release preset for ctest, then, when every test still passes, the asan
preset for its ctest (ASan/UBSan, and the fault-injection runs that fail
allocations one by one), then the fuzz-libfuzzer preset for a short run of the
fuzz targets targets_for() maps the file to (--fuzz-seconds each, seed corpus
and dictionary from the checkout).
A mutant is killed by a failing test, a fuzz crash or a timeout; it survives
otherwise; one that does not compile is not counted. Neither is one whose object
code (debug information stripped) is identical to the unmutated file's in both
builds: such a mutant is equivalent by construction ("trivial compiler
equivalence": the optimizer folded it away, or the line is compiled only into
other builds, such as the hash-collision build) and is listed as "equivalent". Tests that fail and fuzz
targets that crash on the unmutated tree are left out (and named). The score is
killed / (killed + survived).

Results go to <workdir>/results.json after every mutant, keyed by an id that
includes the hash of the file's text, so a rerun skips what is done
(resumable) and re-runs only the mutants of files that changed.

  /usr/bin/python3 tools/mutate.py --sample 150 --seed 1
  /usr/bin/python3 tools/mutate.py --sample 20 --fuzz-seconds 10 --files 'engine/src/match/glob.c'
Standard library only.
"""
import argparse
import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

# Fuzz targets that exercise each engine file (basename -> targets); a whole
# folder can map instead (FOLDER_TARGETS). Files in neither get DEFAULT_TARGETS.
TARGETS = {
    "glob.c": ["action_match", "resource_match"],
    "action.c": ["action_match", "eval"],
    "resource.c": ["resource_match", "eval"],
    "variables.c": ["resource_match", "eval"],
    "condition.c": ["condition"],
    "condition_test.c": ["condition"],
    "value.c": ["condition"],
    "decimal.c": ["condition"],
    "json_guard.c": ["policy_parse"],
    "policy.c": ["policy_parse", "alloc_fail"],
    "canonical.c": ["policy_parse", "alloc_fail"],
    "eval.c": ["eval", "alloc_fail"],
    "policy_index.c": ["eval", "alloc_fail"],
    "render.c": ["eval"],
    "catalog.c": ["eval", "action_match"],
    "arena.c": ["alloc_fail", "policy_parse"],
    "block_cache.c": ["alloc_fail", "policy_parse"],
    "error.c": ["policy_parse"],
}
FOLDER_TARGETS = {"diff": ["diff"]}  # the analyzer: only the diff target calls it
DEFAULT_TARGETS = ["eval", "policy_parse"]


def targets_for(path):
    """The fuzz targets a mutant of engine file `path` is run against."""
    folder = os.path.basename(os.path.dirname(path))
    return TARGETS.get(os.path.basename(path), FOLDER_TARGETS.get(folder, DEFAULT_TARGETS))


SWAP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==",
        "&&": "||", "||": "&&", "true": "false", "false": "true"}
KIND = {"<": "cmp", "<=": "cmp", ">": "cmp", ">=": "cmp", "==": "cmp", "!=": "cmp",
        "&&": "logic", "||": "logic", "true": "bool", "false": "bool"}

TOKEN = re.compile(r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<pp>^[ \t]*\#[^\n]*(?:\\\n[^\n]*)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>(?:0[xX][0-9a-fA-F]+|[0-9]+)(?:[uUlL]*)(?![.\w]))
  | (?P<float>[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?[fFlL]?|[0-9]+[eE][-+]?[0-9]+)
  | (?P<op><<=|>>=|->|<<|>>|<=|>=|==|!=|&&|\|\||[<>!])
  | (?P<other>.)
""", re.S | re.M | re.X)


def mutants_of(path, text):
    """Every mutant of one file: dicts with offset, length, original, replacement."""
    digest = hashlib.sha1(text.encode()).hexdigest()[:12]
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        start = m.start()
        reps = []
        if kind == "op" and tok in SWAP:
            reps.append((KIND[tok], SWAP[tok]))
        elif kind == "op" and tok == "!":
            reps.append(("not", ""))
        elif kind == "word" and tok in SWAP:
            reps.append((KIND[tok], SWAP[tok]))
        elif kind == "number":
            reps.append(("int", "(%s + 1)" % tok))
            reps.append(("int", "(%s - 1)" % tok))
        for k, rep in reps:
            line = text.count("\n", 0, start) + 1
            ident = hashlib.sha1(("%s:%s:%d:%s" % (path, digest, start, rep)).encode()).hexdigest()[:16]
            line_text = text[text.rfind("\n", 0, start) + 1:].split("\n", 1)[0].strip()
            out.append({"id": ident, "file": path, "line": line, "offset": start, "text": line_text,
                        "length": len(tok), "original": tok, "replacement": rep, "kind": k})
    return out


def run(cmd, cwd, timeout, log=None, env=None):
    """Run cmd; returns (returncode or 'timeout', output)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, timeout=timeout, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=env)
        out = p.stdout.decode(errors="replace")
        rc = p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        rc = "timeout"
    if log:
        with open(log, "a") as f:
            f.write("$ %s\n%s\n" % (" ".join(cmd), out[-20000:]))
    return rc, out


class Worker:
    """One scratch copy of the tree with its two build directories."""

    def __init__(self, args, index):
        self.args = args
        self.dir = os.path.join(args.workdir, "w%d" % index)
        self.log = os.path.join(args.workdir, "w%d.log" % index)
        self.rel = os.path.join(self.dir, "build", "rel")
        self.fz = os.path.join(self.dir, "build", "fz")
        self.asan = os.path.join(self.dir, "build", "asan")
        self.baseline_failures = []
        self.asan_baseline_failures = []
        self.broken_targets = set()
        self.objects = {}  # (build dir, source) -> digest of the unmutated object

    def object_digest(self, build, source):
        """Digest of source's object in build, debug information stripped (a
        token of another length moves the column numbers, not the code)."""
        rel = os.path.relpath(source, "engine")
        obj = os.path.join(build, "engine", "CMakeFiles", "camsim_engine.dir", rel + ".o")
        if not os.path.exists(obj):
            return None
        stripped = obj + ".nodebug"
        rc, _ = run(["objcopy", "--strip-debug", obj, stripped], self.dir, 120)
        if rc != 0:
            return None
        with open(stripped, "rb") as f:
            digest = hashlib.sha1(f.read()).hexdigest()
        os.remove(stripped)
        return digest

    def remember_objects(self, build, sources):
        for src in sources:
            self.objects[(build, src)] = self.object_digest(build, src)

    def unchanged(self, build, source):
        before = self.objects.get((build, source))
        return before is not None and self.object_digest(build, source) == before

    def prepare(self, repo):
        if os.path.isdir(self.dir):
            shutil.rmtree(self.dir)
        os.makedirs(self.dir)
        archive = subprocess.run(["git", "-C", repo, "archive", "HEAD"], check=True,
                                 stdout=subprocess.PIPE).stdout
        subprocess.run(["tar", "-x", "-C", self.dir], input=archive, check=True)
        for preset, bdir in (("release", self.rel), ("fuzz-libfuzzer", self.fz), ("asan", self.asan)):
            rc, out = run(["cmake", "--preset", preset, "-B", bdir], self.dir, 600, self.log)
            if rc != 0:
                sys.exit("mutate: cannot configure %s (see %s)" % (preset, self.log))
        self.baseline_failures = self.baseline_tests(self.rel, "release")
        self.remember_objects(self.rel, self.args.sources)
        self.asan_baseline_failures = self.baseline_tests(self.asan, "asan")
        if self.args.fuzz_seconds > 0:
            # A target that fails on the unmutated tree would "kill" every
            # mutant: such targets are left out (and named).
            targets = sorted(set(DEFAULT_TARGETS).union(*TARGETS.values(), *FOLDER_TARGETS.values()))
            rc, _ = run(["cmake", "--build", self.fz, "-j", str(self.args.build_jobs)] +
                        sum([["--target", "camsim_fuzz_" + t] for t in targets], []),
                        self.dir, 3600, self.log)
            if rc != 0:
                sys.exit("mutate: the unmutated fuzz targets do not build (see %s)" % self.log)
            self.remember_objects(self.fz, self.args.sources)
            for t in targets:
                why = self.fuzz(t, repo, self.args.baseline_seconds)
                if why:
                    self.broken_targets.add(t)
                    print("mutate: fuzz target %s fails before any mutation, left out: %s"
                          % (t, why), flush=True)

    def baseline_tests(self, build, preset):
        """Build the unmutated tree in build and return the tests failing
        there, which every mutant's run then leaves out."""
        rc, _ = run(["cmake", "--build", build, "-j", str(self.args.build_jobs)], self.dir,
                    3600, self.log)
        if rc != 0:
            sys.exit("mutate: the unmutated tree does not build in %s (see %s)" % (preset, self.log))
        failures = self.failing_tests(build, None)
        if failures is None:
            sys.exit("mutate: %s ctest timed out on the unmutated tree (see %s)" % (preset, self.log))
        if failures:
            print("mutate: %s tests failing before any mutation (ignored): %s"
                  % (preset, " ".join(failures)), flush=True)
        return failures

    def failing_tests(self, build, exclude):
        cmd = ["ctest", "--test-dir", build, "--timeout", str(self.args.test_timeout),
               "-j", str(self.args.build_jobs)]
        if exclude is not None:  # a mutant: the first failure is enough
            cmd.append("--stop-on-failure")
        if exclude:
            cmd += ["-E", "^(%s)$" % "|".join(re.escape(t) for t in exclude)]
        rc, out = run(cmd, self.dir, self.args.test_timeout * 20, self.log)
        if rc == "timeout":
            return None
        failed = re.findall(r"^\s*\d+\s*-\s*(\S+)\s*\(", out.split("The following tests FAILED:")[-1],
                            re.M) if "The following tests FAILED:" in out else []
        if rc != 0 and not failed:
            failed = ["(ctest exit %s)" % rc]
        return failed

    def fuzz(self, target, repo, seconds=None):
        seconds = seconds or self.args.fuzz_seconds
        binary = os.path.join(self.fz, "fuzz", target)
        seeds = os.path.join(repo, "corpus", target)
        tmp = tempfile.mkdtemp(prefix="fz-", dir=self.args.workdir)
        try:
            cmd = [binary, "-max_total_time=%d" % seconds, "-timeout=10",
                   "-rss_limit_mb=2048", "-print_final_stats=0", tmp]
            dict_ = os.path.join(repo, "fuzz", target + ".dict")
            if os.path.exists(dict_):
                cmd.insert(1, "-dict=" + dict_)
            if os.path.isdir(seeds):
                cmd.append(seeds)
            rc, out = run(cmd, tmp, seconds + 120, self.log)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if rc == "timeout":
            return "timeout"
        if rc != 0:
            m = re.search(r"camsim-fuzz MISMATCH in \S+: ([^\n]*)|ERROR: (\w+Sanitizer: [^\n]*|libFuzzer: [^\n]*)", out)
            return (m.group(1) or m.group(2))[:200] if m else "exit %s" % rc
        return None

    def asan_tests(self, t0):
        """The asan preset's tests, for a mutant the release tests missed:
        ASan and UBSan see an overflow the release run survives, and fault
        injection fails the allocations one by one (run_diff_cases, for
        example). A verdict, or None when every test passes."""
        rc, _ = run(["cmake", "--build", self.asan, "-j", str(self.args.build_jobs)],
                    self.dir, 1800, self.log)
        if rc != 0:
            return {"status": "uncompilable", "seconds": round(time.time() - t0)}
        failed = self.failing_tests(self.asan, self.asan_baseline_failures)
        if failed is None:
            return {"status": "killed", "by": "asan ctest timeout",
                    "seconds": round(time.time() - t0)}
        if failed:
            return {"status": "killed", "by": "asan ctest: " + " ".join(failed[:5]),
                    "seconds": round(time.time() - t0)}
        return None

    def test(self, mutant, repo):
        path = os.path.join(self.dir, mutant["file"])
        original = open(path).read()
        o, n = mutant["offset"], mutant["length"]
        if original[o:o + n] != mutant["original"]:
            return {"status": "stale"}
        mutated = original[:o] + mutant["replacement"] + original[o + n:]
        t0 = time.time()
        try:
            with open(path, "w") as f:
                f.write(mutated)
            rc, _ = run(["cmake", "--build", self.rel, "-j", str(self.args.build_jobs)],
                        self.dir, 1800, self.log)
            if rc != 0:
                return {"status": "uncompilable", "seconds": round(time.time() - t0)}
            same_release = self.unchanged(self.rel, mutant["file"])
            failed = [] if same_release else self.failing_tests(self.rel, self.baseline_failures)
            if failed is None:
                return {"status": "killed", "by": "ctest timeout", "seconds": round(time.time() - t0)}
            if failed:
                return {"status": "killed", "by": "ctest: " + " ".join(failed[:5]),
                        "seconds": round(time.time() - t0)}
            if self.args.fuzz_seconds <= 0:
                return self.asan_tests(t0) or {"status": "survived",
                                               "seconds": round(time.time() - t0)}
            targets = [t for t in targets_for(mutant["file"])
                       if t not in self.broken_targets]
            rc, _ = run(["cmake", "--build", self.fz, "-j", str(self.args.build_jobs)] +
                        sum([["--target", "camsim_fuzz_" + t] for t in targets], []),
                        self.dir, 1800, self.log)
            if rc != 0:
                return {"status": "uncompilable", "seconds": round(time.time() - t0)}
            if same_release and self.unchanged(self.fz, mutant["file"]):
                return {"status": "equivalent", "by": "same object code in both builds",
                        "seconds": round(time.time() - t0)}
            verdict = self.asan_tests(t0)
            if verdict:
                return verdict
            for t in targets:
                why = self.fuzz(t, repo)
                if why:
                    return {"status": "killed", "by": "fuzz %s: %s" % (t, why),
                            "seconds": round(time.time() - t0)}
            return {"status": "survived", "fuzzed": targets, "seconds": round(time.time() - t0)}
        finally:
            with open(path, "w") as f:
                f.write(original)


def load_equivalent(path):
    """tools/equivalent_mutants.txt: survivors judged equivalent by reading the
    code, one per line: FILE | SOURCE LINE (stripped) | ORIGINAL -> REPLACEMENT | WHY.
    Keyed by the line's text, not its number, so edits elsewhere keep them."""
    notes = {}
    if not os.path.exists(path):
        return notes
    for raw in open(path):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        # The source line may hold " | " itself (C's bitwise or): the file is
        # the first field, the mutation and the reason the last two.
        head = raw.rstrip("\n").split(" | ", 1)
        tail = head[1].rsplit(" | ", 2) if len(head) == 2 else []
        parts = [x.strip() for x in head[:1] + tail]
        if len(parts) != 4 or " -> " not in parts[2]:
            sys.exit("mutate: %s: malformed line: %s" % (path, raw.strip()))
        orig, rep = parts[2].split(" -> ", 1)
        notes[(parts[0], parts[1], orig, "" if rep == "(removed)" else rep)] = parts[3]
    return notes


def save(path, results):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=here, help="the checkout (its HEAD is mutated; default: this one)")
    ap.add_argument("--workdir", default="/tmp/camsim-mutate", help="scratch copies, builds, results.json")
    ap.add_argument("--files", nargs="*", default=["engine/src/**/*.c"],
                    help="globs relative to the repository (default engine/src/**/*.c)")
    ap.add_argument("--sample", type=int, default=150, help="mutants to test (0: all)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the sample")
    ap.add_argument("--fuzz-seconds", type=int, default=60, help="per target, for mutants ctest missed")
    ap.add_argument("--baseline-seconds", type=int, default=10,
                    help="per target, on the unmutated tree (a target failing there is left out)")
    ap.add_argument("--jobs", type=int, default=1, help="mutants tested in parallel (one scratch copy each)")
    ap.add_argument("--build-jobs", type=int, default=2, help="-j for builds and ctest")
    ap.add_argument("--test-timeout", type=int, default=300, help="seconds per ctest test")
    ap.add_argument("--list", action="store_true", help="print the sampled mutants and stop")
    ap.add_argument("--report", action="store_true", help="print the score of what results.json holds; test nothing")
    ap.add_argument("--retest-survivors", action="store_true",
                    help="test the sample's survivors again (after the tests or targets improved)")
    args = ap.parse_args()
    args.repo = os.path.abspath(args.repo)
    os.makedirs(args.workdir, exist_ok=True)

    tracked = subprocess.run(["git", "-C", args.repo, "ls-files"], check=True,
                             stdout=subprocess.PIPE).stdout.decode().split("\n")
    files = sorted(f for f in tracked if f.endswith(".c") and
                   any(fnmatch.fnmatch(f, g) or fnmatch.fnmatch(f, g.replace("**/", "")) for g in args.files))
    everything = []
    for f in files:
        text = subprocess.run(["git", "-C", args.repo, "show", "HEAD:" + f], check=True,
                              stdout=subprocess.PIPE).stdout.decode()
        everything += mutants_of(f, text)
    # The sample: the mutants whose ids hash lowest under the seed. An id holds
    # its file's digest, so editing one file re-draws only that file's share
    # and results of the others carry over (a positional random.sample would
    # re-draw everything when any file changes).
    def rank(m):
        return hashlib.sha1(("%d:%s" % (args.seed, m["id"])).encode()).hexdigest()
    sample = everything if args.sample <= 0 or args.sample >= len(everything) else \
        sorted(everything, key=rank)[:args.sample]
    sample.sort(key=lambda m: (m["file"], m["offset"], m["replacement"]))
    args.sources = files
    print("mutate: %d mutants in %d files, %d sampled (seed %d)" % (len(everything), len(files),
                                                                  len(sample), args.seed), flush=True)
    if args.list:
        for m in sample:
            print("%s:%d: %s -> %s" % (m["file"], m["line"], m["original"], m["replacement"] or "(removed)"))
        return 0

    results_path = os.path.join(args.workdir, "results.json")
    results = json.load(open(results_path)) if os.path.exists(results_path) else {}
    final = ("killed", "uncompilable", "equivalent") + (() if args.retest_survivors else ("survived",))
    notes = load_equivalent(os.path.join(args.repo, "tools", "equivalent_mutants.txt"))
    judged = {m["id"] for m in sample if (m["file"], m["text"], m["original"], m["replacement"]) in notes}
    todo = [m for m in sample if results.get(m["id"], {}).get("status") not in final and
            not (m["id"] in judged and results.get(m["id"], {}).get("status") == "survived")]
    if args.report:
        todo = []
    print("mutate: %d already done, %d to test" % (len(sample) - len(todo), len(todo)), flush=True)

    lock = threading.Lock()
    queue = list(todo)

    def work(index):
        w = Worker(args, index)
        w.prepare(args.repo)
        while True:
            with lock:
                if not queue:
                    return
                m = queue.pop(0)
            r = w.test(m, args.repo)
            r.update({k: m[k] for k in ("file", "line", "original", "replacement", "kind")})
            with lock:
                results[m["id"]] = r
                save(results_path, results)
                print("mutate: %-9s %s:%d %s -> %s %s" % (
                    r["status"], m["file"], m["line"], m["original"], m["replacement"] or "(removed)",
                    ("(" + r["by"] + ")") if "by" in r else ""), flush=True)

    if todo:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(max(1, min(args.jobs, len(todo))))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    done = []
    for m in sample:
        if m["id"] not in results:
            continue
        r = dict(results[m["id"]], id=m["id"], text=m["text"])
        why = notes.get((m["file"], m["text"], m["original"], m["replacement"]))
        if r["status"] == "survived" and why:
            r.update(status="equivalent", by="judged: " + why)
        done.append(r)
    killed = [r for r in done if r["status"] == "killed"]
    survived = [r for r in done if r["status"] == "survived"]
    uncompilable = [r for r in done if r["status"] == "uncompilable"]
    equivalent = [r for r in done if r["status"] == "equivalent"]
    by_fuzz = [r for r in killed if r.get("by", "").startswith("fuzz")]
    scored = len(killed) + len(survived)
    print("\nmutation score: %d/%d = %.1f%% (killed %d: %d by ctest, %d by fuzzing; survived %d; "
          "uncompilable %d; equivalent %d; not run %d)" % (
              len(killed), scored, 100.0 * len(killed) / scored if scored else 0.0, len(killed),
              len(killed) - len(by_fuzz), len(by_fuzz), len(survived), len(uncompilable),
              len(equivalent), len(sample) - len(done)))
    for r in sorted(equivalent, key=lambda r: (r["file"], r["line"])):
        print("  equivalent %s:%d: %s -> %s (%s)" % (r["file"], r["line"], r["original"],
                                                  r["replacement"] or "(removed)", r["by"]))
    for r in sorted(survived, key=lambda r: (r["file"], r["line"])):
        # In the form tools/equivalent_mutants.txt takes, to paste with a reason.
        print("  survived %s:%d: %s | %s | %s -> %s | ?" % (
            r["file"], r["line"], r["file"], r["text"], r["original"], r["replacement"] or "(removed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
