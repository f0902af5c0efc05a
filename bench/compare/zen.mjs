// GoRules ZEN (@gorules/zen-engine, a Rust engine behind N-API): one decision per KPI, a
// decision table with hit policy "first" in loop mode over the units' rows ({s, x}: s is
// "n" for a number, "na" or "none"; x the value). Evaluated once per KPI.
//   node bench/compare/zen.mjs DIR/peer/national.json [--items]
import { ZenEngine } from '@gorules/zen-engine'
import { args, readJson, Tally } from './common.mjs'

const { files, items } = args('zen.mjs DIR/peer/national.json')
const doc = readJson(files[0])
const cur = doc.current
const q = (s) => JSON.stringify(s)

function decisionFor (t) {
  const rules = []
  const r = (s, x, v) => rules.push({ _id: 'r' + rules.length, s, x, v: q(v) })
  let field = 'x'
  if (t.kind === 'pending') {
    r('', '', 'pending')
  } else {
    if (t.kind === 'range') {
      r('"n"', `[${t.lo}..${t.hi}]`, 'met')
      if (t.nearLo !== null) r('"n"', `[${t.nearLo}..${t.nearHi}]`, 'near')
      r('"n"', '', 'not_met')
    } else {
      if (t.scale !== 1) field = `x * ${t.scale}`
      r('"n"', `${t.op} ${t.bound}`, t.met)
      if (t.near !== null) r('"n"', `${t.op === '>=' || t.op === '>' ? '>=' : '<='} ${t.near}`, 'near')
      r('"n"', '', t.miss)
    }
    r('"na"', '', 'not_applicable')
    r('', '', 'no_data')
  }
  return {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'in', position: { x: 0, y: 0 } },
      {
        id: 'dt',
        type: 'decisionTableNode',
        name: 'verdict',
        position: { x: 1, y: 0 },
        content: {
          hitPolicy: 'first',
          executionMode: 'loop',
          inputField: 'rows',
          outputPath: 'verdicts',
          inputs: [{ id: 's', name: 's', field: 's' }, { id: 'x', name: 'x', field }],
          outputs: [{ id: 'v', name: 'verdict', field: 'v' }],
          rules
        }
      },
      { id: 'out', type: 'outputNode', name: 'out', position: { x: 2, y: 0 } }
    ],
    edges: [{ id: 'e1', sourceId: 'in', targetId: 'dt', type: 'edge' },
      { id: 'e2', sourceId: 'dt', targetId: 'out', type: 'edge' }]
  }
}

const engine = new ZenEngine()
const tally = new Tally(doc.units, items)
for (const k of doc.kpis) {
  const decision = engine.createDecision(decisionFor(k.target))
  const rows = k.values.map(row => {
    const v = row[cur]
    return typeof v === 'number' ? { s: 'n', x: v } : { s: v === null ? 'none' : v, x: 0 }
  })
  const { result } = await decision.evaluate({ rows })
  const c = tally.kpi(k.id)
  result.verdicts.forEach((o, u) => tally.add(c, k.id, u, o.v))
}
engine.dispose()
tally.print('GoRules ZEN (@gorules/zen-engine)')
