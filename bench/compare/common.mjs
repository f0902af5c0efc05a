// Shared by the node contestants of bench/compare/: reading the input, counting and
// printing verdicts. See bench/README.md.
import { readFileSync } from 'node:fs'

// The verdicts the generated rules can give, in the order every contestant prints them.
export const VERDICTS = ['met', 'not_met', 'near', 'on_track', 'behind', 'no_data', 'pending', 'not_applicable']

export function args (usage) {
  const a = process.argv.slice(2)
  const items = a.includes('--items')
  const files = a.filter(x => x !== '--items')
  if (files.length < 1) {
    process.stderr.write(`usage: node ${usage} [--items]\n`)
    process.exit(64)
  }
  return { files, items }
}

export function readJson (path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

// Collects one verdict per (unit, KPI), then prints the counts per KPI (and with
// --items every verdict, for bench/compare/run.py's check against attain).
export class Tally {
  constructor (units, items) {
    this.units = units
    this.items = items
    this.rows = []
    this.lines = items ? [] : null
    this.total = 0
  }

  kpi (id) {
    const c = new Array(VERDICTS.length).fill(0)
    this.rows.push([id, c])
    return c
  }

  add (counts, kpi, unitIndex, verdict) {
    const i = VERDICTS.indexOf(verdict)
    if (i < 0) throw new Error(`unknown verdict '${verdict}' for ${kpi} ${this.units[unitIndex]}`)
    counts[i]++
    this.total++
    if (this.lines) this.lines.push(`${kpi} ${this.units[unitIndex]} ${verdict}`)
  }

  print (name) {
    const expected = this.rows.length * this.units.length
    if (this.total !== expected) {
      throw new Error(`${name}: ${this.total} verdicts for ${expected} (unit, KPI) pairs`)
    }
    const out = [`# ${name}: ${this.rows.length} KPIs x ${this.units.length} units`, 'kpi ' + VERDICTS.join(' ')]
    for (const [id, c] of this.rows) out.push(id + ' ' + c.join(' '))
    process.stdout.write(out.join('\n') + '\n')
    // (Not out.push(...lines): 290 000 arguments overflow the stack.)
    if (this.lines) process.stdout.write('# items\n' + this.lines.join('\n') + '\n')
  }
}

// A normalised cell (see convert.py): number, null (no figure) or "na".
export function verdictOf (t, x) {
  if (t.kind === 'pending') return 'pending'
  if (x === null) return 'no_data'
  if (x === 'na') return 'not_applicable'
  if (t.kind === 'range') {
    if (x >= t.lo && x <= t.hi) return 'met'
    if (t.nearLo !== null && x >= t.nearLo && x <= t.nearHi) return 'near'
    return 'not_met'
  }
  const xs = t.scale === 1 ? x : x * t.scale
  let ok
  switch (t.op) {
    case '>=': ok = xs >= t.bound; break
    case '>': ok = xs > t.bound; break
    case '<=': ok = xs <= t.bound; break
    case '<': ok = xs < t.bound; break
    default: throw new Error('unknown comparator ' + t.op)
  }
  if (ok) return t.met
  if (t.near !== null && (t.op === '>=' || t.op === '>' ? xs >= t.near : xs <= t.near)) return 'near'
  return t.miss
}
