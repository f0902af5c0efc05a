#!/usr/bin/env python3
"""End-to-end comparison of attain with JavaScript rules engines (Python 3 stdlib only).

    python3 bench/compare/run.py --size tiny|medium|large [--runs N] [options]

For one size of bench/gen.py's data it:

1. generates the data if it is missing (bench/gen.py --format both, into out/bench/SIZE
   unless --data says otherwise) and converts it for the peers (convert.py, writes
   DIR/peer/); neither step is timed;
2. installs the peers with `npm install` in bench/compare/ if node_modules is missing
   (the versions of package-lock.json; `npm ci` does not work here, see bench/README.md);
3. checks, untimed, that every contestant gives the same verdict as attain for every
   (unit, KPI): attain's verdicts come from `evaluate ... -f json` (each indicator's
   id, family and verdict), the contestants' from a run with --items; with --check
   units (the default) attain's per-unit runs are checked against its national run too;
4. runs every contestant --runs times (round robin, default 5) as a child process, with
   wall time from time.perf_counter() around the child and its peak RSS and CPU time
   from os.wait4() and GNU time (see run() for why), and checks the verdict counts per KPI of every timed run of a peer
   against attain's;
5. prints a Markdown table: median wall time, ratio to attain (national YAML), median
   CPU time (user + sys), peak RSS and its ratio, then notes (what was skipped and why,
   file sizes, the exact commands).

Raw results go to DIR/compare.json. See bench/README.md.
"""

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VERDICTS = ["met", "not_met", "near", "on_track", "behind", "no_data", "pending", "not_applicable"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def rel(p):
    try:
        r = os.path.relpath(p)
        return r if not r.startswith("../..") else p
    except ValueError:
        return p


# --------------------------------------------------------------------------------------
# Running a child.

class Result:
    def __init__(self, rc, wall, cpu, maxrss_kb, stdout, stderr, timed_out=False):
        self.rc, self.wall, self.cpu, self.maxrss_kb = rc, wall, cpu, maxrss_kb
        self.stdout, self.stderr, self.timed_out = stdout, stderr, timed_out


# The peak memory of a child cannot be taken from os.wait4() (nor from RUSAGE_CHILDREN)
# of this process: Linux starts a child's ru_maxrss from the RSS of the process that
# forked it (with vfork/posix_spawn, as subprocess does, from that process's own peak),
# so every child would show at least this Python process's peak, some 14 MB at start and
# 170 MB after reading the large reference. GNU time (Debian package `time`) forks the
# command from its own ~1 MB process and reports that child's ru_maxrss alone (%M), so
# it is used when installed. Without it the figures carry the floor, which is said under
# the table.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(argv, timeout, capture=True, stdout_path=None):
    """Run argv; wall time, CPU time (os.wait4) and peak RSS (GNU time's %M) of the child."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(prefix="attain-rss-") as rss:
        if stdout_path:
            out = open(stdout_path, "wb")
        elif capture:
            out = tempfile.TemporaryFile()
        else:
            out = subprocess.DEVNULL
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, "--"] + list(argv) if GNU_TIME else list(argv)
        try:
            t0 = time.perf_counter()
            p = subprocess.Popen(full, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT,
                                 start_new_session=True)
            timer = threading.Timer(timeout, lambda: os.killpg(p.pid, 9))
            timer.start()
            try:
                _, status, ru = os.wait4(p.pid, 0)
            finally:
                timer.cancel()
            wall = time.perf_counter() - t0
            rc = os.waitstatus_to_exitcode(status)
            p.returncode = rc
            text = ""
            if capture and not stdout_path:
                out.seek(0)
                text = out.read().decode("utf-8", "replace")
            err.seek(0)
            etext = err.read().decode("utf-8", "replace")
        finally:
            if out is not subprocess.DEVNULL:
                out.close()
        maxrss = ru.ru_maxrss
        if GNU_TIME:
            lines = open(rss.name).read().split()
            maxrss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return Result(rc, wall, ru.ru_utime + ru.ru_stime, maxrss, text, etext,
                  timed_out=(wall >= timeout))


# --------------------------------------------------------------------------------------
# Verdicts.

def attain_items(path):
    """{(kpi, unit or None): verdict} from attain's JSON results, read line by line.

    The file may be hundreds of MB for the large national run, so it is not loaded
    whole: attain writes fixed key order, two-space indentation (docs/json.md), and the
    keys of each entry of "indicators" stand at six spaces."""
    items = {}
    inside = False
    cur = {}
    key_re = re.compile(r'^      "(id|family|verdict|kind)": "(.*)",?$')
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not inside:
                if line.startswith('  "indicators": ['):
                    inside = True
                continue
            if line.startswith("  ]"):
                break
            if line.startswith("    {"):
                cur = {}
                continue
            if line.startswith("    }"):
                if cur.get("kind") != "indicator":
                    raise ValueError("unexpected item %r in %s" % (cur, path))
                if "family" in cur:
                    kpi, unit = cur["family"], cur["id"][len(cur["family"]) + 1:]
                else:
                    kpi, unit = cur["id"], None
                items[(kpi, unit)] = cur["verdict"]
                continue
            m = key_re.match(line)
            if m:
                cur[m.group(1)] = m.group(2)
    if not inside:
        raise ValueError("no indicators in %s" % path)
    return items


def counts_of(items):
    c = {}
    for (kpi, _), v in items.items():
        c.setdefault(kpi, [0] * len(VERDICTS))[VERDICTS.index(v)] += 1
    return c


def peer_output(text):
    """(counts per KPI, items or None) from a contestant's standard output."""
    counts = {}
    items = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line or line.startswith("kpi "):
            continue
        if line == "# items":
            items = {}
            for l in lines[i:]:
                if l:
                    k, u, v = l.split(" ")
                    items[(k, u)] = v
            break
        if line.startswith("#"):
            continue
        parts = line.split(" ")
        counts[parts[0]] = [int(x) for x in parts[1:]]
    return counts, items


def summary_counts(text):
    """Counts per KPI from attain's summary JSON (docs/json-summary.md), in VERDICTS order."""
    doc = json.loads(text)
    return {line["id"]: [line["counts"][v] for v in VERDICTS] for line in doc["indicators"]}


def compare_items(ref, got, label):
    """A list of problems (empty when every verdict agrees)."""
    probs = []
    missing = [k for k in ref if k not in got]
    extra = [k for k in got if k not in ref]
    diff = [(k, ref[k], got[k]) for k in ref if k in got and ref[k] != got[k]]
    if missing:
        probs.append("%s: %d (unit, KPI) pairs missing, e.g. %s" % (label, len(missing), missing[:3]))
    if extra:
        probs.append("%s: %d unexpected pairs, e.g. %s" % (label, len(extra), extra[:3]))
    if diff:
        probs.append("%s: %d verdicts differ from attain's, e.g. %s" % (
            label, len(diff), ", ".join("%s/%s attain %s, got %s" % (k[0], k[1], a, b) for k, a, b in diff[:5])))
    return probs


# --------------------------------------------------------------------------------------

def fmt_time(s):
    return "%.2f s" % s if s >= 0.995 else "%.0f ms" % (s * 1000) if s >= 0.0095 else "%.1f ms" % (s * 1000)


def fmt_mem(kb):
    mb = kb / 1024
    return "%.2f GB" % (mb / 1024) if mb >= 1000 else "%.0f MB" % mb


def fmt_ratio(x):
    return "%.2f×" % x if x < 10 else "%.1f×" % x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", required=True, choices=["tiny", "medium", "large"])
    ap.add_argument("--data", help="data directory (default out/bench/SIZE in the repository)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per contestant (default 5)")
    ap.add_argument("--evaluate", default=os.path.join(ROOT, "build", "evaluate"),
                    help="the attain binary (default build/evaluate)")
    ap.add_argument("--node", default="node")
    ap.add_argument("--only", help="comma-separated contestant keys to run (see --list)")
    ap.add_argument("--list", action="store_true", help="list the contestant keys and exit")
    ap.add_argument("--check", choices=["full", "national", "counts", "none"], default="full",
                    help="verdict check before timing: full = every (unit, KPI) of every "
                         "contestant against attain's national run, and attain's per-unit runs "
                         "against it too; national = without the per-unit runs; counts = only "
                         "the counts per KPI of the timed runs; none (default full)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per child (default 900)")
    args = ap.parse_args()

    data = os.path.abspath(args.data or os.path.join(ROOT, "out", "bench", args.size))
    ev = os.path.abspath(args.evaluate)
    node = shutil.which(args.node) or args.node
    notes = []
    problems = []

    # --- 1. data ----------------------------------------------------------------------
    gen_info_path = os.path.join(data, "gen.json")
    info = None
    if os.path.exists(gen_info_path):
        with open(gen_info_path) as f:
            info = json.load(f)
        if info.get("size") != args.size or info.get("seed") != args.seed or "json" not in info.get("formats", []) \
                or "yaml" not in info.get("formats", []):
            info = None
    if info is None:
        log("run.py: generating %s data in %s" % (args.size, rel(data)))
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen.py"), "--size", args.size,
                        "--out", data, "--seed", str(args.seed), "--format", "both"], check=True)
        with open(gen_info_path) as f:
            info = json.load(f)
    peer = os.path.join(data, "peer", "national.json")
    targets = os.path.join(data, "peer", "targets.json")
    if not (os.path.exists(peer) and os.path.exists(targets)) or \
            os.path.getmtime(peer) < os.path.getmtime(gen_info_path):
        log("run.py: converting for the peers (convert.py)")
        subprocess.run([sys.executable, os.path.join(HERE, "convert.py"), data], check=True)
    units = ["u%03d" % (i + 1) for i in range(info["units"])]
    nat_rules = os.path.join(data, "national", "rules")
    nat_yaml = os.path.join(data, "national", "data.yaml")
    nat_json = os.path.join(data, "national", "data.json")
    unit_rules = os.path.join(data, "units", "rules")
    unit_yaml = [os.path.join(data, "units", "data", u + ".yaml") for u in units]
    unit_json = [os.path.join(data, "units", "data", u + ".json") for u in units]

    # --- 2. peers -----------------------------------------------------------------------
    if not os.path.isdir(os.path.join(HERE, "node_modules")):
        log("run.py: installing the peer engines (npm install in bench/compare)")
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    if not os.path.exists(ev):
        sys.exit("run.py: no attain binary at %s: build it with scripts/setup, or pass --evaluate" % ev)

    # --- contestants ----------------------------------------------------------------------
    tmp = tempfile.mkdtemp(prefix="attain-compare-")
    batch_out = os.path.join(tmp, "batch")
    os.makedirs(batch_out)
    # (key, label, kind, argv or list of argv); kind "attain" runs write to /dev/null.
    contestants = [
        ("attain-yaml", "attain `evaluate`, national YAML", "attain",
         [ev, nat_rules, nat_yaml, "-o", "/dev/null"]),
        ("attain-json", "attain `evaluate`, national JSON", "attain",
         [ev, nat_rules, nat_json, "-o", "/dev/null"]),
        ("attain-summary", "attain `evaluate --summary -f json`, national JSON (counts per KPI)", "attain-counts",
         [ev, "--summary", nat_rules, nat_json, "-f", "json"]),
        ("attain-units", "attain `evaluate`, %d unit file%s one after the other" % (
            len(units), "s" if len(units) > 1 else ""), "attain-seq",
         [[ev, unit_rules, p, "-o", "/dev/null"] for p in unit_yaml]),
        ("attain-batch", "attain `evaluate`, %d unit files in one batch" % len(units), "attain",
         [ev, unit_rules] + unit_yaml + ["-o", batch_out]),
        ("node-plain", "node + JSON.parse + plain evaluation", "peer",
         [node, os.path.join(HERE, "plain.mjs"), peer]),
        ("node-plain-dataset", "node + JSON.parse of attain's JSON dataset + plain evaluation", "peer",
         [node, os.path.join(HERE, "plain-dataset.mjs"), nat_json, targets]),
        ("jre", "json-rules-engine", "peer", [node, os.path.join(HERE, "jre.mjs"), peer]),
        ("cel", "CEL (@marcbachmann/cel-js)", "peer", [node, os.path.join(HERE, "cel.mjs"), peer]),
        ("zen", "GoRules ZEN (@gorules/zen-engine)", "peer", [node, os.path.join(HERE, "zen.mjs"), peer]),
    ]
    if args.list:
        for key, label, _, _ in contestants:
            print("%-20s %s" % (key, label))
        return 0
    if args.only:
        keep = set(args.only.split(","))
        unknown = keep - {c[0] for c in contestants}
        if unknown:
            sys.exit("run.py: unknown contestant(s) %s (see --list)" % ", ".join(sorted(unknown)))
        contestants = [c for c in contestants if c[0] in keep or c[0] == "attain-yaml"]

    # --- 3. what attain accepts, and the reference verdicts ---------------------------------
    ref = None
    try:
        log("run.py: attain, national YAML, -f json (reference verdicts, untimed)")
        out = os.path.join(tmp, "national.json")
        r = run([ev, nat_rules, nat_yaml, "-f", "json", "-o", out], args.timeout, capture=False)
        if r.rc != 0:
            sys.exit("run.py: attain failed on the national YAML (exit %d):\n%s" % (r.rc, r.stderr[-3000:]))
        if r.stderr.strip():
            problems.append("attain printed diagnostics on the national YAML: %s" % r.stderr.strip()[:500])
        json_bytes = os.path.getsize(out)
        ref = attain_items(out)
        os.unlink(out)
        notes.append("Reference: `evaluate national/rules national/data.yaml -f json` took %s and %s peak, "
                     "%s of JSON, %d indicator results." % (fmt_time(r.wall), fmt_mem(r.maxrss_kb),
                                                            "%.1f MB" % (json_bytes / 1e6), len(ref)))
        expected = info["units"] * info["indicators"]
        if len(ref) != expected:
            problems.append("attain gave %d indicator results for %d (unit, KPI) pairs" % (len(ref), expected))
        ref_counts = counts_of(ref)

        skipped = {}
        keys = {c[0] for c in contestants}
        if "attain-json" in keys:
            r = run([ev, nat_rules, nat_json, "-f", "json", "-o", out], args.timeout, capture=False)
            if r.rc != 0:
                first = (r.stderr.strip().splitlines() or ["(nothing on standard error)"])[0]
                skipped["attain-json"] = "attain does not accept the .json dataset yet (exit %d: %s)" % (r.rc, first[:200])
            else:
                if r.stderr.strip():
                    problems.append("attain printed diagnostics on the national JSON: %s" % r.stderr.strip()[:500])
                problems += compare_items(ref, attain_items(out), "attain national JSON")
                os.unlink(out)
        if "attain-batch" in keys:
            if len(units) < 2:
                skipped["attain-batch"] = "one unit only: a batch would be the single run"
            else:
                r = run([ev, unit_rules, unit_yaml[0], unit_yaml[1], "-o", batch_out],
                        args.timeout, capture=False)
                if r.rc != 0:
                    first = (r.stderr.strip().splitlines() or ["(nothing on standard error)"])[0]
                    skipped["attain-batch"] = "batch mode not available yet (`evaluate RULES a.yaml b.yaml`: exit %d: %s)" % (
                        r.rc, first[:200])
                else:
                    notes.append("Batch mode accepted `evaluate RULES a.yaml b.yaml -o DIR`; its verdicts are not "
                                 "checked by this script (output layout not known when it was written).")
        if args.check == "full" and "attain-units" in keys:
            log("run.py: attain, %d unit files, -f json (checked against the national run, untimed)" % len(units))
            got = {}
            for u, p in zip(units, unit_yaml):
                out_u = os.path.join(tmp, "unit.json")
                r = run([ev, unit_rules, p, "-f", "json", "-o", out_u], args.timeout, capture=False)
                if r.rc != 0 or r.stderr.strip():
                    problems.append("attain on %s: exit %d: %s" % (rel(p), r.rc, r.stderr.strip()[:300]))
                    continue
                for (kpi, _), v in attain_items(out_u).items():
                    got[(kpi, u)] = v
            problems += compare_items(ref, got, "attain per-unit files")
        contestants = [c for c in contestants if c[0] not in skipped]

        # --- contestants' own verdicts, every pair ------------------------------------------
        if args.check in ("full", "national"):
            for key, label, kind, argv in contestants:
                if kind != "peer":
                    continue
                log("run.py: %s --items (untimed check)" % key)
                r = run(argv + ["--items"], args.timeout)
                if r.rc != 0:
                    problems.append("%s failed (exit %d): %s" % (key, r.rc, r.stderr.strip()[-500:]))
                    continue
                _, items = peer_output(r.stdout)
                problems += compare_items(ref, items or {}, label)

        # --- 4. timing ------------------------------------------------------------------------
        samples = {c[0]: [] for c in contestants}
        load_before = os.getloadavg()
        for i in range(args.runs):
            for key, label, kind, argv in contestants:
                log("run.py: run %d/%d %s" % (i + 1, args.runs, key))
                if kind == "attain-seq":
                    wall = cpu = 0.0
                    peak = 0
                    for a in argv:
                        r = run(a, args.timeout, capture=False)
                        if r.rc != 0:
                            sys.exit("run.py: %s failed (exit %d): %s" % (" ".join(a), r.rc, r.stderr[-1000:]))
                        wall += r.wall
                        cpu += r.cpu
                        peak = max(peak, r.maxrss_kb)
                    samples[key].append((wall, cpu, peak))
                    continue
                r = run(argv, args.timeout, capture=(kind in ("peer", "attain-counts")))
                if r.rc != 0:
                    sys.exit("run.py: %s failed (exit %d)%s: %s" % (key, r.rc, " (timeout)" if r.timed_out else "",
                                                                   r.stderr[-1000:]))
                if kind in ("peer", "attain-counts"):
                    counts = summary_counts(r.stdout) if kind == "attain-counts" else peer_output(r.stdout)[0]
                    if counts != ref_counts:
                        bad = [k for k in ref_counts if counts.get(k) != ref_counts[k]]
                        problems.append("%s run %d: counts per KPI differ from attain's for %d KPIs, e.g. %s" % (
                            key, i + 1, len(bad), bad[:3]))
                samples[key].append((r.wall, r.cpu, r.maxrss_kb))
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # --- 5. report ------------------------------------------------------------------------
    base = samples["attain-yaml"]
    b_wall = statistics.median(s[0] for s in base)
    b_mem = statistics.median(s[2] for s in base)
    title = "%s: %d units × %d indicators × %d periods = %s values" % (
        args.size, info["units"], info["indicators"], info["periods"], "{:,}".format(info["values"]).replace(",", " "))
    lines = ["### " + title, "",
             "| contestant | median time | vs attain | CPU (user+sys) | peak memory | vs attain |",
             "|---|---:|---:|---:|---:|---:|"]
    rows = []
    for key, label, kind, argv in contestants:
        s = samples[key]
        w = statistics.median(x[0] for x in s)
        c = statistics.median(x[1] for x in s)
        m = statistics.median(x[2] for x in s)
        rows.append({"key": key, "label": label, "wall": [x[0] for x in s], "cpu": [x[1] for x in s],
                     "maxrss_kb": [x[2] for x in s], "median_wall": w, "median_cpu": c, "median_maxrss_kb": m})
        lines.append("| %s | %s | %s | %s | %s | %s |" % (label, fmt_time(w), fmt_ratio(w / b_wall), fmt_time(c),
                                                     fmt_mem(m), fmt_ratio(m / b_mem)))
    lines.append("")
    lines.append("Medians of %d runs each, round robin; ratios are to attain on the national YAML "
                 "(above 1 = slower / more memory than attain). Peak memory is the child's maximum RSS; "
                 "for the unit files, the largest of the %d runs, whose times are summed. "
                 "Load average before/after: %.2f / %.2f (2 cores shared with other work)."
                 % (args.runs, len(units), load_before[0], load_after[0]))
    if not GNU_TIME:
        lines[-1] += (" **GNU time (/usr/bin/time) is not installed, so peak memory is ru_maxrss from "
                      "os.wait4(), which starts from this driver's own peak RSS (%s): small figures are "
                      "too high.**" % fmt_mem(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    for key, why in skipped.items():
        lines.append("")
        lines.append("- skipped `%s`: %s" % (key, why))
    checked = {"full": "every (unit, KPI) verdict of every contestant, and of attain's per-unit runs, "
                       "agrees with attain's national run",
               "national": "every (unit, KPI) verdict of every contestant agrees with attain's national run",
               "counts": "only the verdict counts per KPI of the timed runs were compared with attain's",
               "none": "only the verdict counts per KPI of the timed runs were compared with attain's"}[args.check]
    if problems:
        lines.append("")
        lines.append("**Verdicts do not agree:**")
        lines += ["- " + p for p in problems]
    else:
        lines.append("")
        lines.append("Verdict check: %s (%d pairs); the counts per KPI of every timed run agree too." % (checked, len(ref)))
    tot = [0] * len(VERDICTS)
    for c in ref_counts.values():
        tot = [a + b for a, b in zip(tot, c)]
    lines.append("")
    lines.append("attain's verdicts: " + ", ".join("%s %d" % (v, n) for v, n in zip(VERDICTS, tot) if n) + ".")
    b = info["bytes"]
    lines.append("")
    lines.append("Inputs: national/data.yaml %.1f MB, national/data.json %.1f MB, national/rules/kpi.rules %.1f MB; "
                 "units/data/*.yaml %.1f MB in %d files; peer/national.json %.1f MB." % (
                     b["national/data.yaml"] / 1e6, b["national/data.json"] / 1e6,
                     b["national/rules/kpi.rules"] / 1e6, b["units/data/*.yaml"] / 1e6, len(units),
                     os.path.getsize(peer) / 1e6))
    for n in notes:
        lines.append("")
        lines.append(n)
    lines.append("")
    lines.append("Commands timed (paths relative to the data directory %s):" % rel(data))
    lines.append("")
    for key, label, kind, argv in contestants:
        a = argv[0] if kind == "attain-seq" else argv
        shown = " ".join(os.path.relpath(x, data) if os.path.isabs(x) and x.startswith(data) else
                         rel(x) if os.path.isabs(x) else x for x in a)
        if kind == "attain-seq":
            shown += "   # and the same for each of the %d unit files" % len(units)
        if kind == "attain" and key == "attain-batch":
            shown = "%s units/rules units/data/*.yaml -o TMPDIR" % rel(ev)
        lines.append("- `%s`: `%s`" % (key, shown))
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(data, "compare.json"), "w", encoding="utf-8") as f:
        json.dump({"size": args.size, "seed": args.seed, "runs": args.runs, "check": args.check,
                   "problems": problems, "skipped": skipped, "notes": notes, "results": rows,
                   "load": [load_before, load_after], "markdown": text,
                   "time": time.strftime("%Y-%m-%dT%H:%M:%S%z")}, f, indent=2, ensure_ascii=False)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
