// CEL (@marcbachmann/cel-js): one CEL expression per KPI, compiled once, giving the
// verdict from the variables s ("n" for a number, "na", "none") and x (the value, as
// a double). Evaluated once per (unit, KPI).
//   node bench/compare/cel.mjs DIR/peer/national.json [--items]
import { Environment } from '@marcbachmann/cel-js'
import { args, readJson, Tally } from './common.mjs'

const { files, items } = args('cel.mjs DIR/peer/national.json')
const doc = readJson(files[0])
const cur = doc.current

const env = new Environment().registerVariable('x', 'double').registerVariable('s', 'string')

// A double literal (CEL's 92 is an int; 92.0 a double).
const d = (v) => { const s = String(v); return /[.e]/.test(s) ? s : s + '.0' }
const q = (s) => JSON.stringify(s)

function expressionFor (t) {
  if (t.kind === 'pending') return '"pending"'
  let judged
  if (t.kind === 'range') {
    const near = t.nearLo !== null ? `x >= ${d(t.nearLo)} && x <= ${d(t.nearHi)} ? "near" : ` : ''
    judged = `x >= ${d(t.lo)} && x <= ${d(t.hi)} ? "met" : ${near}"not_met"`
  } else {
    const xs = t.scale === 1 ? 'x' : `x * ${d(t.scale)}`
    const up = t.op === '>=' || t.op === '>'
    const near = t.near !== null ? `${xs} ${up ? '>=' : '<='} ${d(t.near)} ? "near" : ` : ''
    judged = `${xs} ${t.op} ${d(t.bound)} ? ${q(t.met)} : ${near}${q(t.miss)}`
  }
  return `s == "n" ? (${judged}) : (s == "na" ? "not_applicable" : "no_data")`
}

const tally = new Tally(doc.units, items)
const ctx = { x: 0, s: 'n' }
for (const k of doc.kpis) {
  const prog = env.parse(expressionFor(k.target))
  const c = tally.kpi(k.id)
  for (let u = 0; u < k.values.length; u++) {
    const v = k.values[u][cur]
    if (typeof v === 'number') { ctx.x = v; ctx.s = 'n' } else { ctx.x = 0; ctx.s = v === null ? 'none' : v }
    tally.add(c, k.id, u, prog(ctx))
  }
}
tally.print('CEL (@marcbachmann/cel-js)')
