// Build + validate + serialize 100k transactions from JS objects: the records (built beforehand, as
// an application holds them) are read into the core's lines, every Sage rule is checked, and the
// report comes back as JS objects (with the 100k valid indices). Goal >= 1M tx/s. Best of 7 runs.
//
// Run: node bench/node_ingest.mjs   (after `npx napi build --platform --release` in bindings-node)
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { validate } = require('../bindings-node/index.js')
const N = 100_000

function objects () {
  const out = new Array(N)
  for (let i = 0; i < N; i++) {
    out[i] = {
      id: `t${String(i).padStart(7, '0')}`,
      date: `2026-01-${String(1 + Math.floor(i / 86400)).padStart(2, '0')}T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      description: 'Card payment ACME',
      amount: '-1.25',
      balance: (-1.25 * (i + 1)).toFixed(2),
      transactionType: 'Debit'
    }
  }
  return out
}

const times = []
for (let run = 0; run < 7; run++) {
  const data = objects()
  const started = process.hrtime.bigint()
  const report = validate(data, { today: '2026-06-30' })
  times.push(Number(process.hrtime.bigint() - started) / 1e9)
  if (report.errors.length) throw new Error(JSON.stringify(report.errors.slice(0, 3)))
}
const best = Math.min(...times)
console.log(`JS objects: ${N} transactions validated in ${(best * 1000).toFixed(1)} ms = ${(N / best / 1e6).toFixed(2)}M tx/s`)
