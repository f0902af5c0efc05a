// Baseline: node + JSON.parse + hand-written evaluation of peer/national.json.
//   node bench/compare/plain.mjs DIR/peer/national.json [--items]
import { args, readJson, Tally, verdictOf } from './common.mjs'

const { files, items } = args('plain.mjs DIR/peer/national.json')
const doc = readJson(files[0])
const cur = doc.current
const tally = new Tally(doc.units, items)
for (const k of doc.kpis) {
  const c = tally.kpi(k.id)
  const t = k.target
  for (let u = 0; u < k.values.length; u++) tally.add(c, k.id, u, verdictOf(t, k.values[u][cur]))
}
tally.print('node JSON.parse + plain evaluation')
