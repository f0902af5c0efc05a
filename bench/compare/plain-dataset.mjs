// Baseline on attain's own JSON dataset: node + JSON.parse of DIR/national/data.json (the
// file `evaluate` reads once .json datasets are accepted) + hand-written evaluation, with
// the targets taken from DIR/peer/national.json's small sibling DIR/peer/targets.json.
//   node bench/compare/plain-dataset.mjs DIR/national/data.json DIR/peer/targets.json [--items]
import { args, readJson, Tally, verdictOf } from './common.mjs'

const { files, items } = args('plain-dataset.mjs DIR/national/data.json DIR/peer/targets.json')
const ds = readJson(files[0])
const targets = readJson(files[1])

const NA = new Set(['N/A', 'n/a', '-', '\u2013', '\u2014'])
const NONE = new Set(['I.U.', 'i.u.', 'I.U', 'IU', '..', 'ej publicerad', 'x', 'X', 'sekretess', ''])

// A dataset cell as attain reads it: a number, a marker or a blank.
function cell (v) {
  if (typeof v === 'number') return v
  if (v === null) return null
  const s = v.trim()
  if (NA.has(s)) return 'na'
  if (NONE.has(s)) return null
  let t = s.replace(/\u2212|\u2013/g, '-')
  if (t.endsWith('%')) t = t.slice(0, -1).trimEnd()
  t = t.replace(/(?<=\d)[ \u00a0\u2009\u202f](?=\d{3})/g, '').replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`not a figure: ${JSON.stringify(v)}`)
  return Number(t)
}

const period = ds.report.period
const tables = ds.tables
let units = null
let tally = null
for (const id of Object.keys(tables)) {
  const tab = tables[id]
  const cur = tab.columns.findLastIndex(c => (c.kind ?? 'actual') === 'actual' && (c.period === period || c.period === period + '-12'))
  if (cur < 0) throw new Error(`${id}: no column for ${period}`)
  const rows = tab.rows
  if (units === null) {
    units = Object.keys(rows)
    tally = new Tally(units, items)
  }
  const c = tally.kpi(id)
  const t = targets[id]
  for (let u = 0; u < units.length; u++) tally.add(c, id, u, verdictOf(t, cell(rows[units[u]].values[cur])))
}
tally.print('node JSON.parse of the attain JSON dataset + plain evaluation')
