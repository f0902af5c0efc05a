#!/usr/bin/env python3
"""Convert a bench/gen.py data directory to the peer engines' input (stdlib only).

    python3 bench/compare/convert.py DIR   # writes DIR/peer/national.json, DIR/peer/targets.json

Reads DIR/national/rules/kpi.rules (only the subset bench/gen.py writes: one `family`
per KPI with `unit`, a direction, `data kNNNN.*` and one `target` line) and
DIR/national/data.json (attain's dataset schema as JSON), and writes one JSON file that
every contestant in bench/compare/ reads:

    {
      "schema": "attain-bench/peer/v1",
      "period": "2020-06", "months": 6,
      "periods": ["2011", ..., "2020-06"], "current": 9,   # index of the report period
      "units": ["u001", ...],
      "kpis": [
        {"id": "k0001", "unit": "percent",
         "target": {...},                                   # below
         "values": [[v, v, ...], ...]}                      # per unit, every period
      ]
    }

A cell v is a JSON number, null (no figure: I.U., "..", x, blank) or "na" (N/A, "-",
en or em dash: not applicable). Numbers are normalised: "5,5" -> 5.5, "62 500" ->
62500, "91 %" -> 91, U+2212 minus -> "-".

Targets are normalised so that a peer decides a verdict with plain comparisons, exactly
as attain does (docs/language.md, "Targets", "Tolerance bands", "Annual targets"):

    {"kind": "pending"}
    {"kind": "cmp", "op": ">=" | ">" | "<=" | "<", "scale": s, "bound": b, "near": n,
     "met": "met" | "on_track", "miss": "not_met" | "behind"}
    {"kind": "range", "lo": lo, "hi": hi, "nearLo": a, "nearHi": z}

For "cmp" the peer compares x * s with b (s = 12 for an annual target, 1 otherwise; b =
bound x months for an annual target, so x * 12 >= bound * m is attain's exact
comparison). A value that fails is "near" when x * s >= n (for >= and >) or x * s <= n
(for <= and <); n is null without a band. With a band of width w (in the unit, or
abs(bound) * A / 100 for "within A % of target"), n = (bound - w) * m for >= / > and
(bound + w) * m for <= / < (m = months for annual, 1 otherwise): the band is pro-rated
with the target. For a range, near is nearLo <= x <= nearHi with nearLo = lo - w(lo) and
nearHi = hi + w(hi). All of these are computed here with exact decimals; bench/gen.py
only puts annual targets on whole-number counts, so x * 12 is exact in a double too, and
every other comparison is between two numbers parsed from decimal text, which keeps
their order. The converter refuses (exits 2) anything outside this subset.

DIR/peer/targets.json holds only the targets ({"k0001": {...}, ...}), for the baseline
that reads attain's own JSON dataset (plain-dataset.mjs).
"""

import json
import os
import re
import sys
from decimal import Decimal

NUM = r"-?\d{1,3}(?:_\d{3})*(?:[,.]\d+)?|-?\d+(?:[,.]\d+)?"
TARGET_RE = re.compile(
    r"^target\s+(?:(?P<pending>pending)(?:\s+\"[^\"]*\")?"
    r"|(?:(?P<op>>=|<=|>|<)\s*(?P<bound>" + NUM + r")|(?P<lo>" + NUM + r")\.\.(?P<hi>" + NUM + r"))"
    r"(?P<annual>\s+annual)?"
    r"(?:\s+within\s+(?P<w>" + NUM + r")(?P<rel>\s*%\s*of\s+target)?)?"
    r"(?:\s+\"[^\"]*\")?)\s*$")
BLOCK_RE = re.compile(r"^\s*(family|indicator)\s+(k\d+)\s")
ALLOWED = re.compile(r"^(unit \w+|(higher|lower) is better|data \S+|members .*|u\d+ .*|target .*)$")

NOT_APPLICABLE = {"N/A", "n/a", "-", "\u2013", "\u2014"}
NO_FIGURE = {"I.U.", "i.u.", "I.U", "IU", "..", "ej publicerad", "x", "X", "sekretess", ""}


def fail(msg):
    print("convert.py: " + msg, file=sys.stderr)
    sys.exit(2)


def rule_number(s):
    return Decimal(s.replace("_", "").replace(",", "."))


def parse_rules(path):
    """{kpi: target line} from the subset of the rule language bench/gen.py writes."""
    targets = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#") or s.startswith("area ") or s == "}":
                continue
            m = BLOCK_RE.match(line)
            if m:
                current = m.group(2)
                continue
            if current is None or not ALLOWED.match(s):
                fail("%s:%d: not in the subset bench/gen.py writes: %s" % (path, n, s))
            if s.startswith("target "):
                if current in targets:
                    fail("%s:%d: a second target for %s" % (path, n, current))
                targets[current] = (s, "%s:%d" % (path, n))
    return targets


def normalise_target(line, where, months):
    m = TARGET_RE.match(line)
    if not m:
        fail("%s: target not in the supported subset: %s" % (where, line))
    if m.group("pending"):
        return {"kind": "pending"}
    w = rule_number(m.group("w")) if m.group("w") else None
    rel = bool(m.group("rel"))

    def width(bound):
        if w is None:
            return None
        return abs(bound) * w / 100 if rel else w

    def num(d):
        d = d.normalize()
        return int(d) if d == d.to_integral_value() else float(d)

    if m.group("lo") is not None:
        if m.group("annual"):
            fail("%s: an annual range is not allowed" % where)
        lo, hi = rule_number(m.group("lo")), rule_number(m.group("hi"))
        t = {"kind": "range", "lo": num(lo), "hi": num(hi), "nearLo": None, "nearHi": None}
        if w is not None:
            t["nearLo"] = num(lo - width(lo))
            t["nearHi"] = num(hi + width(hi))
        return t
    op = m.group("op")
    bound = rule_number(m.group("bound"))
    annual = bool(m.group("annual"))
    mult = months if annual else 1
    t = {"kind": "cmp", "op": op, "scale": 12 if annual else 1, "bound": num(bound * mult),
         "near": None,
         "met": "on_track" if annual else "met", "miss": "behind" if annual else "not_met"}
    if annual and months == 12:
        fail("%s: a full-year report period judges annual targets for good; not supported" % where)
    if w is not None:
        edge = bound - width(bound) if op in (">=", ">") else bound + width(bound)
        t["near"] = num(edge * mult)
    # Exactness: these decimals are parsed by the peers as doubles; comparisons between
    # such numbers keep the order of the decimals as long as neither has more than 15
    # significant digits.
    for key in ("bound", "near"):
        v = t[key]
        if v is not None and len(Decimal(str(v)).as_tuple().digits) > 15:
            fail("%s: %s = %s has too many digits to compare exactly in a double" % (where, key, v))
    return t


def cell(v, where, annual):
    if v is None:
        return None
    if isinstance(v, bool):
        fail("%s: a boolean cell" % where)
    if isinstance(v, (int, float)):
        x = v
    else:
        s = v.strip()
        if s in NOT_APPLICABLE:
            return "na"
        if s in NO_FIGURE:
            return None
        t = s.replace("\u2212", "-").replace("\u2013", "-")
        if t.endswith("%"):
            t = t[:-1].rstrip()
        t = re.sub(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3})", "", t).replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", t):
            fail("%s: cell %r is not a figure bench/gen.py writes" % (where, v))
        d = Decimal(t)
        x = int(d) if d == d.to_integral_value() and "." not in t else float(t)
    if annual and x != int(x):
        fail("%s: annual targets need whole numbers, found %r" % (where, v))
    return x


def convert(d):
    rules = os.path.join(d, "national", "rules", "kpi.rules")
    data = os.path.join(d, "national", "data.json")
    if not os.path.exists(data):
        fail("%s is missing: generate with --format json or both" % data)
    targets = parse_rules(rules)
    with open(data, encoding="utf-8") as f:
        ds = json.load(f)
    period = ds["report"]["period"]
    months = 12 if len(period) == 4 else int(period[5:7])
    out_kpis = []
    units = None
    periods = None
    current = None
    for kid, table in ds["tables"].items():
        if kid not in targets:
            fail("table %s has no family in %s" % (kid, rules))
        line, where = targets[kid]
        tgt = normalise_target(line, where, months)
        cols = table["columns"]
        tper = [c.get("period") for c in cols]
        if periods is None:
            periods = tper
            cur = [i for i, c in enumerate(cols)
                   if c.get("kind", "actual") == "actual" and c.get("period") in (period, period + "-12")]
            if not cur:
                fail("no actual column for the report period %s" % period)
            current = cur[-1]
        elif tper != periods:
            fail("table %s has other columns than the first table" % kid)
        rows = table["rows"]
        if units is None:
            units = list(rows)
        elif list(rows) != units:
            fail("table %s has other rows than the first table" % kid)
        annual = tgt.get("scale") == 12
        vals = [[cell(v, "%s.%s" % (kid, u), annual) for v in rows[u]["values"]] for u in units]
        out_kpis.append({"id": kid, "target": tgt, "values": vals})
    missing = set(targets) - set(ds["tables"])
    if missing:
        fail("families without a table: %s" % ", ".join(sorted(missing)))
    doc = {"schema": "attain-bench/peer/v1", "period": period, "months": months,
           "periods": periods, "current": current, "units": units, "kpis": out_kpis}
    os.makedirs(os.path.join(d, "peer"), exist_ok=True)
    out = os.path.join(d, "peer", "national.json")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        # One KPI per line: compact, like machine-made bulk JSON.
        f.write('{"schema": %s, "period": %s, "months": %d, "periods": %s, "current": %d, "units": %s, "kpis": [\n'
                % (json.dumps(doc["schema"]), json.dumps(period), months, json.dumps(periods), current,
                   json.dumps(units)))
        f.write(",\n".join(json.dumps(k, separators=(",", ":")) for k in out_kpis))
        f.write("\n]}\n")
    os.replace(tmp, out)
    with open(os.path.join(d, "peer", "targets.json"), "w", encoding="utf-8") as f:
        json.dump({k["id"]: k["target"] for k in out_kpis}, f, separators=(",", ":"))
        f.write("\n")
    return out


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 64
    out = convert(argv[1])
    print("convert.py: wrote %s (%d bytes)" % (out, os.path.getsize(out)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
