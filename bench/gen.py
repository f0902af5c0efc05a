#!/usr/bin/env python3
"""Synthetic rule sets and datasets for attain's benchmarks (Python 3 standard library only).

    python3 bench/gen.py --size tiny|medium|large --out DIR [--seed N] [--format yaml|json|both]
                         [--yaml-style flow|block]

Sizes are units (municipalities) x indicators (KPIs) x periods:

    tiny    1 x   80 x  3
    medium  100 x  200 x  5
    large   290 x 1000 x 10

Writes, for the same figures in two layouts that give the same verdict per (unit, KPI):

    DIR/units/rules/kpi.rules      one rule set, one `indicator kNNNN` per KPI (data kpi.kNNNN)
    DIR/units/data/uNNN.yaml       one dataset per unit: one table `kpi`, a row per KPI
    DIR/units/data/uNNN.json       the same dataset as JSON (same schema)
    DIR/national/rules/kpi.rules   one `family kNNNN` per KPI, the units as members, data kNNNN.*
    DIR/national/data.yaml         every unit in one file, Kolada-style: a table per KPI,
    DIR/national/data.json         a row per unit
    DIR/gen.json                   what was generated (size, seed, counts, file sizes)

Every table has the same columns: full years ("2018", "2019", ...) and last the year to
date "2020-06", the report period, all of kind actual. The content is meant to look
like real municipal key figures (percentages, kronor, counts per 1 000 inhabitants,
indices, days, ratios, results in tkr) written the way the dataset format allows
(decimal commas, space-grouped thousands, "%" on some percentages, a Unicode minus on
some negative figures, markers I.U., null, "..", N/A and x), with targets in both
directions, strict comparators, tolerance bands (absolute and "% of target"), ranges,
annual targets on year-to-date counts (on track / behind), and a few pending targets.

The rules use only features whose semantics bench/compare/ replicates exactly in the
peer engines: no precision, no relative targets, no profiles, no colour bands, no
derived indicators; annual targets only on whole-number counts.

Output is a pure function of (size, seed): the same arguments give the same bytes.
"""

import argparse
import json
import math
import os
import random
import sys
import time

SIZES = {
    "tiny": (1, 80, 3),
    "medium": (100, 200, 5),
    "large": (290, 1000, 10),
}

REPORT_PERIOD = "2020-06"   # year to date through June: 6 of 12 months
REPORT_YEAR = 2020
MONTHS = 6

# --------------------------------------------------------------------------------------
# Municipality names: made up from Swedish-looking parts (with å ä ö), unique per seed.

PREFIXES = [
    "Al", "Ar", "Ber", "Bjur", "Bo", "Da", "Ed", "Eke", "Fal", "Gran", "Gull", "Ha",
    "Hed", "Hjo", "Hög", "Ka", "Kil", "Kris", "Lind", "Lju", "Lu", "Ma", "Mo", "Nor",
    "Ny", "Ode", "Os", "Ram", "Sala", "Sand", "Sig", "Sko", "Sol", "Sten", "Sto", "Strö",
    "Sunds", "Tid", "Tra", "Upp", "Var", "Vä", "Ål", "Ås", "Ör", "Öst", "Vall", "Ljus",
]
SUFFIXES = [
    "vik", "by", "köping", "sala", "holm", "ås", "berg", "fors", "hamn", "ryd", "torp",
    "lunda", "tuna", "sund", "dal", "stad", "näs", "hult", "målen", "bo", "ström", "ed",
]

# --------------------------------------------------------------------------------------
# KPI archetypes. Each gives: unit, decimals, direction, how values are drawn, and how
# the target is chosen. Weights are shares of the KPIs.

ARCHETYPES = {
    "share_hi": dict(weight=25, unit="percent", direction="higher", names=[
        "Andel elever i åk 9 som är behöriga till yrkesprogram",
        "Andel invånare som är nöjda med kommunens service",
        "Andel gymnasieelever med examen inom 4 år",
        "Andel förskollärare med legitimation",
        "Andel e-tjänster av kommunens tjänster",
        "Andel heltidsanställda bland månadsavlönade",
        "Andel brukare som är nöjda med hemtjänsten",
        "Andel samtal till kontaktcenter besvarade inom 120 sekunder",
        "Andel miljöbilar i kommunens organisation",
        "Andel ekologiska livsmedel i kommunens verksamheter",
    ]),
    "share_lo": dict(weight=18, unit="percent", direction="lower", names=[
        "Sjukfrånvaro bland kommunens anställda",
        "Andel elever som inte når kunskapskraven i matematik, åk 6",
        "Andel invånare med ekonomiskt bistånd",
        "Andel tappade samtal i kontaktcenter",
        "Extern personalomsättning",
        "Andel hushåll med långvarigt ekonomiskt bistånd",
        "Andel ogiltig frånvaro i grundskolan",
        "Andel avbrutna gymnasieutbildningar",
    ]),
    "count_annual_hi": dict(weight=14, unit="count", direction="higher", names=[
        "Antal besök i bibliotek per 1 000 invånare",
        "Antal ärenden i kontaktcenter per 1 000 invånare",
        "Antal besök i simhallar per 1 000 invånare",
        "Antal deltagare i kulturskolan per 10 000 invånare",
        "Antal utlånade e-böcker per 1 000 invånare",
        "Antal besök på fritidsgårdar per 1 000 invånare",
    ]),
    "count_annual_lo": dict(weight=6, unit="count", direction="lower", names=[
        "Antal inkomna klagomål per 100 000 invånare",
        "Antal tillbud och arbetsskador per 10 000 anställda",
        "Antal anmälda skadegörelser per 100 000 invånare",
        "Antal ärenden om hot och våld per 10 000 anställda",
    ]),
    "kr_lo": dict(weight=10, unit="kr", direction="lower", names=[
        "Nettokostnad för grundskola, kr per elev",
        "Kostnad för hemtjänst, kr per brukare",
        "Nettokostnad för äldreomsorg, kr per invånare",
        "Kostnad för bibliotek, kr per invånare",
        "Nettokostnad för förskola, kr per inskrivet barn",
    ]),
    "index_hi": dict(weight=8, unit="index", direction="higher", names=[
        "Nöjd-Kund-Index, bygglov",
        "Nöjd-Medborgar-Index",
        "Hållbart medarbetarengagemang (HME)",
        "Nöjd-Region-Index",
        "Nöjd-Kund-Index, företagsklimat",
    ]),
    "days_lo": dict(weight=7, unit="days", direction="lower", names=[
        "Väntetid till förskoleplats",
        "Handläggningstid för bygglov",
        "Väntetid till särskilt boende",
        "Handläggningstid för ekonomiskt bistånd",
    ]),
    "ratio_range": dict(weight=5, unit="ratio", direction="higher", names=[
        "Kassalikviditet",
        "Självfinansieringsgrad för investeringar",
        "Balanslikviditet",
    ]),
    "tkr_result": dict(weight=4, unit="tkr", direction="higher", names=[
        "Resultat före extraordinära poster",
        "Nämndernas budgetavvikelse",
        "Resultat, avgiftsfinansierad verksamhet",
    ]),
}

MARKERS = [("I.U.", 35), (None, 25), ("..", 20), ("N/A", 12), ("x", 8)]


def weighted(rng, items):
    total = sum(w for _, w in items)
    r = rng.uniform(0, total)
    for item, w in items:
        r -= w
        if r <= 0:
            return item
    return items[-1][0]


# --------------------------------------------------------------------------------------
# Exact decimals are kept as scaled integers: (v, d) means v / 10**d.

def fmt_rule_number(v, d):
    """A number as the rule language writes it: decimal comma, `_` between thousands."""
    neg = v < 0
    v = abs(v)
    ip, fp = divmod(v, 10 ** d)
    s = str(ip)
    if ip >= 10000:
        s = "{:,}".format(ip).replace(",", "_")
    if d:
        s += "," + str(fp).rjust(d, "0")
    return ("-" if neg else "") + s


def round_sig(x, digits):
    """x rounded to `digits` significant digits, as an int (x >= 1)."""
    if x <= 0:
        return 0
    e = int(math.floor(math.log10(x))) - digits + 1
    if e <= 0:
        return int(round(x))
    q = 10 ** e
    return int(round(x / q)) * q


class Kpi:
    pass


def make_units(rng, n):
    names = [p + s for p in PREFIXES for s in SUFFIXES]
    rng.shuffle(names)
    units = []
    for i in range(n):
        u = Kpi()
        u.id = "u%03d" % (i + 1)
        u.name = names[i]
        # Inhabitants: log-normal, from a few thousand to a large city.
        u.pop = min(1_000_000, max(2_400, int(math.exp(rng.gauss(math.log(16_000), 0.9)))))
        u.quality = rng.gauss(0, 1)     # some municipalities do better across the board
        units.append(u)
    return units


def plan_archetypes(rng, n):
    """Deterministic mix of archetypes with every archetype present (n >= 9)."""
    names = list(ARCHETYPES)
    total = sum(a["weight"] for a in ARCHETYPES.values())
    counts = {k: max(1, round(n * ARCHETYPES[k]["weight"] / total)) for k in names}
    while sum(counts.values()) > n:
        k = max(counts, key=lambda k: counts[k])
        counts[k] -= 1
    while sum(counts.values()) < n:
        counts["share_hi"] += 1
    plan = [k for k in names for _ in range(counts[k])]
    rng.shuffle(plan)
    return plan


def make_kpis(rng, n):
    plan = plan_archetypes(rng, n)
    name_use = {}
    kpis = []
    for i, arch in enumerate(plan):
        a = ARCHETYPES[arch]
        k = Kpi()
        k.id = "k%04d" % (i + 1)
        k.arch = arch
        k.unit = a["unit"]
        k.direction = a["direction"]
        j = name_use.get(arch, 0)
        name_use[arch] = j + 1
        base = a["names"][j % len(a["names"])]
        rounds = j // len(a["names"])
        k.name = base if rounds == 0 else "%s (%d)" % (base, rounds + 1)
        k.pct_sign = False       # "%" written after percentages (YAML)
        k.unicode_minus = False  # negative figures written with U+2212 (YAML)
        k.group = True           # space-grouped thousands (YAML)
        k.pending = None         # None, or the pending text ("" for none)
        k.annual = False
        k.within = None          # None, ("abs", (v, d)) or ("rel", (v, d))
        k.text = None
        k.sd_period = 0.0
        if arch == "share_hi":
            k.dec = 1 if rng.random() < 0.9 else 0
            k.center = rng.uniform(45, 92)
            k.sd_unit = rng.uniform(3, 8)
            k.sd_period = rng.uniform(0.8, 2.0)
            k.lo, k.hi = 0.0, 100.0
            k.cmp = ">=" if rng.random() < 0.75 else ">"
            b = k.center + rng.uniform(-3, 4)
            k.bound = (int(round(min(b, 99) * 2)) * 5, 1) if rng.random() < 0.4 else (int(round(min(b, 99))), 0)
            k.pct_sign = rng.random() < 0.2
        elif arch == "share_lo":
            k.dec = 1
            k.center = rng.uniform(2.5, 15)
            k.sd_unit = k.center * rng.uniform(0.12, 0.25)
            k.sd_period = k.center * 0.06
            k.lo, k.hi = 0.0, 100.0
            k.cmp = "<=" if rng.random() < 0.75 else "<"
            k.bound = (int(round(k.center * rng.uniform(0.88, 1.08) * 10)), 1)
            k.pct_sign = rng.random() < 0.2
        elif arch in ("count_annual_hi", "count_annual_lo"):
            k.dec = 0
            k.annual = True
            if arch == "count_annual_hi":
                k.center = math.exp(rng.uniform(math.log(200), math.log(40_000)))
                k.cmp = ">=" if rng.random() < 0.85 else ">"
            else:
                k.center = math.exp(rng.uniform(math.log(8), math.log(3_000)))
                k.cmp = "<=" if rng.random() < 0.85 else "<"
            k.sd_unit = 0.22      # log-normal spread between units
            k.growth = rng.uniform(-0.03, 0.05)
            k.bound = (round_sig(k.center * rng.uniform(0.92, 1.1), 2 if k.center < 1000 else 3), 0)
        elif arch == "kr_lo":
            k.dec = 0
            k.center = rng.uniform(8_000, 120_000)
            k.sd_unit = 0.12
            k.growth = rng.uniform(0.0, 0.04)
            k.cmp = "<="
            k.bound = (int(round(k.center * rng.uniform(0.96, 1.06) / 500)) * 500, 0)
        elif arch == "index_hi":
            k.dec = 0
            k.center = rng.uniform(50, 80)
            k.sd_unit = rng.uniform(3, 7)
            k.sd_period = 2.0
            k.lo, k.hi = 0.0, 100.0
            k.cmp = ">=" if rng.random() < 0.8 else ">"
            k.bound = (int(round(k.center + rng.uniform(-2, 4))), 0)
        elif arch == "days_lo":
            k.dec = 0
            k.center = rng.uniform(10, 90)
            k.sd_unit = k.center * 0.3
            k.sd_period = k.center * 0.1
            k.lo, k.hi = 1.0, 400.0
            k.cmp = "<=" if rng.random() < 0.7 else "<"
            k.bound = (int(round(k.center * rng.uniform(0.9, 1.1))), 0)
        elif arch == "ratio_range":
            k.dec = 2
            k.center = rng.uniform(0.7, 1.3)
            k.sd_unit = rng.uniform(0.12, 0.25)
            k.sd_period = 0.05
            k.lo, k.hi = 0.05, 5.0
            k.cmp = ".."
            lo = int(round((k.center - rng.uniform(0.1, 0.2)) * 20)) * 5
            hi = lo + int(round(rng.uniform(0.2, 0.4) * 20)) * 5
            k.bound = (lo, 2)
            k.upper = (hi, 2)
        elif arch == "tkr_result":
            k.dec = 0
            k.center = rng.uniform(-0.5, 2.0)   # tkr per 1 000 inhabitants... scaled by pop
            k.sd_unit = 2.2
            k.cmp = ">="
            k.bound = (0, 0)
            k.unicode_minus = rng.random() < 0.5
            if rng.random() < 0.5:
                k.text = "Nollresultat"
        # Tolerance bands.
        r = rng.random()
        if arch in ("share_hi", "share_lo"):
            if r < 0.25:
                k.within = ("abs", rng.choice([(5, 1), (1, 0), (2, 0), (15, 1)]))
            elif r < 0.4:
                k.within = ("rel", rng.choice([(2, 0), (5, 0), (25, 1)]))
        elif k.annual:
            if r < 0.2:
                k.within = ("abs", (max(1, round_sig(k.bound[0] * 0.03, 1)), 0))
            elif r < 0.4:
                k.within = ("rel", rng.choice([(3, 0), (5, 0)]))
        elif arch in ("kr_lo", "days_lo") and r < 0.3:
            k.within = ("rel", rng.choice([(2, 0), (5, 0), (10, 0)]))
        elif arch == "index_hi" and r < 0.3:
            k.within = ("abs", (2, 0))
        elif arch == "ratio_range" and r < 0.5:
            k.within = ("abs", (5, 2)) if r < 0.3 else ("rel", (5, 0))
        # A few targets still to be set.
        if rng.random() < 0.03:
            k.pending = rng.choice(["Q3", "Q4", ""])
        kpis.append(k)
    return kpis


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def gen_values(rng, k, units, nper):
    """The cells of one KPI: a list per unit of nper cells (int scaled by 10**k.dec,
    or a marker string, or None for a blank)."""
    scale = 10 ** k.dec
    out = []
    arch = k.arch
    for u in units:
        row = []
        if arch in ("share_hi", "share_lo", "index_hi", "days_lo", "ratio_range"):
            sign = 1 if k.direction != "lower" else -1
            base = k.center + k.sd_unit * (rng.gauss(0, 1) * 0.8 + 0.3 * sign * u.quality)
            drift = rng.gauss(0, k.sd_period * 0.3)
            for t in range(nper):
                x = base + drift * (t - nper + 1) + rng.gauss(0, k.sd_period)
                x = clamp(x, k.lo, k.hi)
                row.append(int(round(x * scale)))
        elif arch in ("count_annual_hi", "count_annual_lo"):
            rate = k.center * math.exp(rng.gauss(0, k.sd_unit))
            for t in range(nper):
                years_back = nper - 1 - t     # the last column is 2020, year to date
                if t == nper - 1:
                    x = rate * MONTHS / 12 * rng.gauss(1.0, 0.1)
                else:
                    x = rate * (1 + k.growth) ** (-years_back) * rng.gauss(1.0, 0.05)
                row.append(max(0, int(round(x))))
        elif arch == "kr_lo":
            level = k.center * math.exp(rng.gauss(0, k.sd_unit) - 0.1 * u.quality * k.sd_unit)
            for t in range(nper):
                years_back = nper - 1 - t
                row.append(int(round(level * (1 + k.growth) ** (-years_back) * rng.gauss(1.0, 0.03))))
        elif arch == "tkr_result":
            size = u.pop / 1000.0
            for t in range(nper):
                x = size * (k.center + k.sd_unit * rng.gauss(0, 1) + 0.3 * u.quality)
                if t == nper - 1:
                    x *= 0.5
                row.append(int(round(x * 100)))   # tkr
        # Missing values: whole rows now and then, single cells more often, a bit more
        # in the current (year-to-date) column, where ".." (not yet published) is common.
        r = rng.random()
        if r < 0.004:
            row = ["N/A"] * nper
        elif r < 0.008:
            row = ["I.U."] * nper
        else:
            for t in range(nper):
                if t == nper - 1:
                    if rng.random() < 0.035:
                        row[t] = weighted(rng, [("..", 35), ("I.U.", 25), (None, 20), ("N/A", 12), ("x", 8)])
                elif rng.random() < 0.02:
                    row[t] = weighted(rng, MARKERS)
        out.append(row)
    return out


# --------------------------------------------------------------------------------------
# Cell formatting.

def dec_text(v, d, comma, group, minus="-"):
    neg = v < 0
    v = -v if neg else v
    ip, fp = divmod(v, 10 ** d)
    s = str(ip)
    if group and ip >= 1000:
        s = "{:,}".format(ip).replace(",", " ")
    if d:
        s += ("," if comma else ".") + str(fp).rjust(d, "0")
    return (minus if neg else "") + s


def yaml_cell(k, c):
    if c is None:
        return "null"
    if isinstance(c, str):
        return '".."' if c == ".." else c
    s = dec_text(c, k.dec, True, k.group, "\u2212" if k.unicode_minus else "-")
    if k.pct_sign:
        return '"%s %%"' % s
    if k.dec == 0 and " " not in s and not s.startswith("\u2212"):
        return s
    return '"%s"' % s


def json_cell(k, c):
    if c is None:
        return "null"
    if isinstance(c, str):
        return '"%s"' % c
    return dec_text(c, k.dec, False, False)


# --------------------------------------------------------------------------------------
# Writers.

def columns(nper):
    cols = []
    for t in range(nper):
        if t == nper - 1:
            cols.append(("jan_jun_%d" % REPORT_YEAR, "Jan–jun %d" % REPORT_YEAR, REPORT_PERIOD))
        else:
            y = REPORT_YEAR - (nper - 1 - t)
            cols.append(("ar_%d" % y, str(y), str(y)))
    return cols


def yaml_row(rid, label, cells, block):
    """One row of a table (at six spaces): flow `values: [...]`, or block style as a
    YAML dumper writes it (one cell per line)."""
    if not block:
        return '      %s: {label: %s, values: [%s]}\n' % (rid, label, ", ".join(cells))
    return '      %s:\n        label: %s\n        values:\n%s' % (
        rid, label, "".join("          - %s\n" % c for c in cells))


def yaml_columns(cols, indent):
    pad = " " * indent
    return "".join('%s- {id: %s, label: "%s", kind: actual, period: "%s"}\n' % (pad, i, l, p)
                   for i, l, p in cols)


def json_columns(cols):
    return ", ".join('{"id": "%s", "label": "%s", "kind": "actual", "period": "%s"}' % (i, l, p)
                     for i, l, p in cols)


def js(s):
    return json.dumps(s, ensure_ascii=False)


def target_text(k):
    if k.pending is not None:
        return "pending" + (' "%s"' % k.pending if k.pending else "")
    if k.cmp == "..":
        t = "%s..%s" % (fmt_rule_number(*k.bound), fmt_rule_number(*k.upper))
    else:
        t = "%s %s" % (k.cmp, fmt_rule_number(*k.bound))
    if k.annual:
        t += " annual"
    if k.within:
        kind, w = k.within
        t += " within " + fmt_rule_number(*w) + (" % of target" if kind == "rel" else "")
    if k.text:
        t += ' "%s"' % k.text
    return t


def indicator_props(k, data, pad):
    lines = ["unit " + k.unit]
    if k.direction:
        lines.append("%s is better" % k.direction)
    lines.append("data " + data)
    lines.append("target " + target_text(k))
    return "".join(pad + l + "\n" for l in lines)


def write_units_rules(path, kpis, header):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write('area nyckeltal "Nyckeltal" {\n')
        for k in kpis:
            f.write('  indicator %s %s {\n' % (k.id, js(k.name)))
            f.write(indicator_props(k, "kpi." + k.id, "    "))
            f.write("  }\n")
        f.write("}\n")


def write_national_rules(path, kpis, units, header):
    members = []
    for i in range(0, len(units), 6):
        members.append(", ".join('%s %s' % (u.id, js(u.name)) for u in units[i:i + 6]))
    members_text = "    members " + ",\n            ".join(members) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write('area nyckeltal "Nyckeltal" {\n')
        for k in kpis:
            f.write('  family %s %s {\n' % (k.id, js(k.name)))
            f.write(members_text)
            f.write(indicator_props(k, k.id + ".*", "    "))
            f.write("  }\n")
        f.write("}\n")


def unit_report(u):
    return {
        "title": "Nyckeltal januari–juni %d" % REPORT_YEAR,
        "organisation": "Kommunstyrelsen",
        "municipality": u.name,
        "period": REPORT_PERIOD,
    }


NATIONAL_REPORT = {
    "title": "Nyckeltal för Sveriges kommuner, januari–juni %d" % REPORT_YEAR,
    "organisation": "Syntetiska data (bench/gen.py)",
    "period": REPORT_PERIOD,
}


def yaml_report(rep):
    return "report:\n" + "".join('  %s: %s\n' % (key, js(val)) for key, val in rep.items())


def json_report(rep):
    return '  "report": {' + ", ".join('%s: %s' % (js(key), js(val)) for key, val in rep.items()) + "},\n"


def write_unit_datasets(ddir, kpis, units, values, cols, header, fmts, block):
    ycols = yaml_columns(cols, 6)
    jcols = json_columns(cols)
    for ui, u in enumerate(units):
        rep = unit_report(u)
        if "yaml" in fmts:
            parts = [header, yaml_report(rep), "\ntables:\n  kpi:\n",
                     '    title: "Nyckeltal per kommun"\n    columns:\n', ycols, "    rows:\n"]
            for ki, k in enumerate(kpis):
                parts.append(yaml_row(k.id, js(k.name), [yaml_cell(k, c) for c in values[ki][ui]], block))
            with open(os.path.join(ddir, u.id + ".yaml"), "w", encoding="utf-8") as f:
                f.write("".join(parts))
        if "json" in fmts:
            parts = ["{\n", json_report(rep), '  "tables": {\n    "kpi": {\n',
                     '      "title": "Nyckeltal per kommun",\n',
                     '      "columns": [%s],\n' % jcols, '      "rows": {\n']
            rows = []
            for ki, k in enumerate(kpis):
                cells = ", ".join(json_cell(k, c) for c in values[ki][ui])
                rows.append('        "%s": {"label": %s, "values": [%s]}' % (k.id, js(k.name), cells))
            parts.append(",\n".join(rows))
            parts.append("\n      }\n    }\n  }\n}\n")
            with open(os.path.join(ddir, u.id + ".json"), "w", encoding="utf-8") as f:
                f.write("".join(parts))


def write_national_yaml(path, kpis, units, values, cols, header, block):
    ycols = yaml_columns(cols, 6)
    labels = [js(u.name) for u in units]
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write(yaml_report(NATIONAL_REPORT))
        f.write("\ntables:\n")
        for ki, k in enumerate(kpis):
            parts = ["  %s:\n    title: %s\n    unit: %s\n    columns:\n" % (k.id, js(k.name), k.unit),
                     ycols, "    rows:\n"]
            for ui, u in enumerate(units):
                parts.append(yaml_row(u.id, labels[ui], [yaml_cell(k, c) for c in values[ki][ui]], block))
            f.write("".join(parts))


def write_national_json(path, kpis, units, values, cols):
    jcols = json_columns(cols)
    labels = [js(u.name) for u in units]
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(json_report(NATIONAL_REPORT))
        f.write('  "tables": {\n')
        for ki, k in enumerate(kpis):
            parts = ['    "%s": {\n      "title": %s,\n      "unit": "%s",\n' % (k.id, js(k.name), k.unit),
                     '      "columns": [%s],\n' % jcols, '      "rows": {\n']
            rows = []
            for ui, u in enumerate(units):
                cells = ", ".join(json_cell(k, c) for c in values[ki][ui])
                rows.append('        "%s": {"label": %s, "values": [%s]}' % (u.id, labels[ui], cells))
            parts.append(",\n".join(rows))
            parts.append("\n      }\n    }%s\n" % ("," if ki + 1 < len(kpis) else ""))
            f.write("".join(parts))
        f.write("  }\n}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate synthetic rule sets and datasets for attain's benchmarks.")
    ap.add_argument("--size", required=True, choices=list(SIZES))
    ap.add_argument("--out", required=True, help="output directory (created; files in it are overwritten)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--format", choices=["yaml", "json", "both"], default="both",
                    help="dataset format(s) to write (default both); rules are always written")
    ap.add_argument("--yaml-style", choices=["flow", "block"], default="flow",
                    help="YAML rows as flow sequences, `values: [a, b]`, as datasets.md writes them "
                         "(default), or in block style, one cell per line, as YAML dumpers write them")
    args = ap.parse_args(argv)

    nunits, nkpis, nper = SIZES[args.size]
    fmts = {"yaml", "json"} if args.format == "both" else {args.format}
    t0 = time.time()
    rng = random.Random("attain-bench/%d" % args.seed)
    units = make_units(rng, nunits)
    kpis = make_kpis(rng, nkpis)
    # Each KPI's figures come from their own generator, so that a KPI's numbers do not
    # depend on how many KPIs come before it in other sizes' orderings.
    values = []
    for k in kpis:
        krng = random.Random("attain-bench/%d/%s/%d" % (args.seed, k.id, nunits))
        values.append(gen_values(krng, k, units, nper))

    out = args.out
    for d in ("units/rules", "units/data", "national/rules"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    cols = columns(nper)
    what = "size %s (%d units x %d indicators x %d periods), seed %d" % (args.size, nunits, nkpis, nper, args.seed)
    rheader = "# Synthetic rule set written by bench/gen.py, %s.\n" % what
    dheader = "# Synthetic dataset written by bench/gen.py, %s.\n" % what
    write_units_rules(os.path.join(out, "units/rules/kpi.rules"), kpis,
                      rheader + "# One indicator per KPI; the datasets are units/data/uNNN.yaml.\n\n")
    write_national_rules(os.path.join(out, "national/rules/kpi.rules"), kpis, units,
                         rheader + "# One family per KPI with the units as members; the dataset is national/data.yaml.\n\n")
    block = args.yaml_style == "block"
    write_unit_datasets(os.path.join(out, "units/data"), kpis, units, values, cols, dheader, fmts, block)
    if "yaml" in fmts:
        write_national_yaml(os.path.join(out, "national/data.yaml"), kpis, units, values, cols, dheader, block)
    if "json" in fmts:
        write_national_json(os.path.join(out, "national/data.json"), kpis, units, values, cols)

    def size(p):
        p = os.path.join(out, p)
        return os.path.getsize(p) if os.path.exists(p) else None

    def dir_size(sub, ext):
        d = os.path.join(out, sub)
        return sum(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d) if n.endswith(ext))

    info = {
        "generator": "bench/gen.py",
        "size": args.size, "seed": args.seed, "units": nunits, "indicators": nkpis,
        "periods": nper, "values": nunits * nkpis * nper, "report_period": REPORT_PERIOD,
        "formats": sorted(fmts), "yaml_style": args.yaml_style,
        "archetypes": {a: sum(1 for k in kpis if k.arch == a) for a in ARCHETYPES},
        "pending": sum(1 for k in kpis if k.pending is not None),
        "annual": sum(1 for k in kpis if k.annual),
        "bytes": {
            "national/data.yaml": size("national/data.yaml"),
            "national/data.json": size("national/data.json"),
            "national/rules/kpi.rules": size("national/rules/kpi.rules"),
            "units/data/*.yaml": dir_size("units/data", ".yaml"),
            "units/data/*.json": dir_size("units/data", ".json"),
            "units/rules/kpi.rules": size("units/rules/kpi.rules"),
        },
    }
    with open(os.path.join(out, "gen.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("bench/gen.py: %s -> %s in %.1f s" % (what, out, time.time() - t0), file=sys.stderr)
    for p, b in info["bytes"].items():
        if b:
            print("  %-26s %12s bytes (%.1f MB)" % (p, "{:,}".format(b), b / 1e6), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
