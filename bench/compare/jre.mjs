// json-rules-engine: one Engine holding every KPI's rules, run once per unit with that
// unit's figures as facts (fact "kNNNN" = the year-to-date value, times 12 for an
// annual target, or null / "na"). Each KPI has one rule per outcome, with mutually
// exclusive conditions, so exactly one event fires per (unit, KPI).
//   node bench/compare/jre.mjs DIR/peer/national.json [--items]
import jre from 'json-rules-engine'
import { args, readJson, Tally } from './common.mjs'

const { Engine } = jre
const { files, items } = args('jre.mjs DIR/peer/national.json')
const doc = readJson(files[0])
const cur = doc.current

// Operators of json-rules-engine; numeric ones are false for a non-number fact.
const OP = { '>=': 'greaterThanInclusive', '>': 'greaterThan', '<=': 'lessThanInclusive', '<': 'lessThan' }
const NOT = { '>=': 'lessThan', '>': 'lessThanInclusive', '<=': 'greaterThan', '<': 'greaterThanInclusive' }

function rulesFor (k) {
  const t = k.target
  const f = k.id
  const rule = (verdict, conditions) => ({ conditions, event: { type: 'verdict', params: { kpi: f, verdict } } })
  const c = (operator, value) => ({ fact: f, operator, value })
  if (t.kind === 'pending') return [rule('pending', { all: [] })]
  const out = [
    rule('no_data', { all: [c('equal', null)] }),
    rule('not_applicable', { all: [c('equal', 'na')] })
  ]
  if (t.kind === 'range') {
    out.push(rule('met', { all: [c('greaterThanInclusive', t.lo), c('lessThanInclusive', t.hi)] }))
    if (t.nearLo !== null) {
      out.push(rule('near', { any: [{ all: [c('lessThan', t.lo), c('greaterThanInclusive', t.nearLo)] },
        { all: [c('greaterThan', t.hi), c('lessThanInclusive', t.nearHi)] }] }))
      out.push(rule('not_met', { any: [c('lessThan', t.nearLo), c('greaterThan', t.nearHi)] }))
    } else {
      out.push(rule('not_met', { any: [c('lessThan', t.lo), c('greaterThan', t.hi)] }))
    }
    return out
  }
  out.push(rule(t.met, { all: [c(OP[t.op], t.bound)] }))
  if (t.near !== null) {
    const up = t.op === '>=' || t.op === '>'
    out.push(rule('near', { all: [c(NOT[t.op], t.bound), c(up ? 'greaterThanInclusive' : 'lessThanInclusive', t.near)] }))
    out.push(rule(t.miss, { all: [c(up ? 'lessThan' : 'greaterThan', t.near)] }))
  } else {
    out.push(rule(t.miss, { all: [c(NOT[t.op], t.bound)] }))
  }
  return out
}

const engine = new Engine([], { allowUndefinedFacts: false })
for (const k of doc.kpis) for (const r of rulesFor(k)) engine.addRule(r)

const tally = new Tally(doc.units, items)
const counts = new Map()
for (const k of doc.kpis) counts.set(k.id, tally.kpi(k.id))
const perUnit = doc.units.map(() => new Map())
for (let u = 0; u < doc.units.length; u++) {
  const facts = {}
  for (const k of doc.kpis) {
    const x = k.values[u][cur]
    facts[k.id] = typeof x === 'number' && k.target.scale > 1 ? x * k.target.scale : x
  }
  const { events } = await engine.run(facts)
  for (const e of events) perUnit[u].set(e.params.kpi, e.params.verdict)
}
// Count in KPI order so that --items lists the same order as the other contestants.
for (const k of doc.kpis) {
  for (let u = 0; u < doc.units.length; u++) {
    const v = perUnit[u].get(k.id)
    if (v === undefined) throw new Error(`no verdict for ${k.id} ${doc.units[u]}`)
    tally.add(counts.get(k.id), k.id, u, v)
  }
}
tally.print('json-rules-engine')
