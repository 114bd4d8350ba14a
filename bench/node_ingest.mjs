// Build + validate + serialize 100k transactions from JS objects: the records (built beforehand, as
// an application holds them) are read into the core's lines, every Sage rule is checked, and the
// report comes back as JS objects (with the 100k valid indices). Goal >= 1M tx/s. Best of 7 runs.
// Then the same lines as an Apache Arrow JS table (Utf8 text, decimal128 money, millisecond
// timestamps) handed over as tableToIPC(table), its serialization counted.
//
// Run: node bench/node_ingest.mjs   (after `npx napi build --platform --release` in bindings-node)
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { validate } = require('../bindings-node/index.js')
const arrow = createRequire(new URL('../bindings-node/package.json', import.meta.url))('apache-arrow')
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

/** A decimal128(12, 2) column of cent amounts, four little-endian 32-bit words each. */
function cents (values) {
  const words = new Uint32Array(values.length * 4)
  values.forEach((v, i) => {
    let n = BigInt.asUintN(128, BigInt(v))
    for (let w = 0; w < 4; w++, n >>= 32n) words[i * 4 + w] = Number(n & 0xffffffffn)
  })
  return arrow.makeVector(arrow.makeData({ type: new arrow.Decimal(2, 12, 128), length: values.length, data: words }))
}

function table () {
  const start = Date.UTC(2026, 0, 1)
  const millis = BigInt64Array.from({ length: N }, (_, i) => BigInt(start + i * 1000))
  return new arrow.Table({
    id: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => `t${String(i).padStart(7, '0')}`), new arrow.Utf8()),
    date: arrow.makeVector(arrow.makeData({ type: new arrow.TimestampMillisecond(), length: N, data: millis })),
    description: arrow.vectorFromArray(new Array(N).fill('Card payment ACME'), new arrow.Utf8()),
    amount: cents(new Array(N).fill(-125)),
    balance: cents(Array.from({ length: N }, (_, i) => -125 * (i + 1))),
    transaction_type: arrow.vectorFromArray(new Array(N).fill('Debit'), new arrow.Utf8())
  })
}

function best (make, run) {
  const times = []
  for (let i = 0; i < 7; i++) {
    const data = make()
    const started = process.hrtime.bigint()
    const report = run(data)
    times.push(Number(process.hrtime.bigint() - started) / 1e9)
    if (report.errors.length) throw new Error(JSON.stringify(report.errors.slice(0, 3)))
  }
  return Math.min(...times)
}

for (const [name, make, run] of [
  ['JS objects', objects, (data) => validate(data, { today: '2026-06-30' })],
  ['Arrow table (tableToIPC)', table, (data) => validate(arrow.tableToIPC(data), { today: '2026-06-30' })]
]) {
  const seconds = best(make, run)
  console.log(`${name}: ${N} transactions validated in ${(seconds * 1000).toFixed(1)} ms = ${(N / seconds / 1e6).toFixed(2)}M tx/s`)
}
