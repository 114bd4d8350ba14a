// Arrow input: an Apache Arrow JS table passed as its IPC bytes (tableToIPC) gives the same
// findings as the same records as objects, across every shared vector an Arrow table can hold;
// typed columns (decimal128, timestamps) are read in place; it pushes like any records.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  Decimal, Table, TimestampMillisecond, Utf8, makeData, makeVector, tableFromJSON, tableToIPC, vectorFromArray
} from 'apache-arrow'
import { feedrail, lines, setup } from './helpers.mjs'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'vectors', 'cases')
const exactMoney = (text) => text.replace(/"(amount|balance|lastBalance)":(-?[0-9][0-9.eE+-]*)/g, '"$1":"$2"')
const key = (i) => `${i.index ?? -1}|${i.code}|${i.field ?? ''}|${i.transactionId ?? ''}`
const findings = (r) => [r.errors.map(key).sort(), r.warnings.map(key).sort()]

// The vectors with no Arrow form: a column holds one type, so a field mixing kinds of value (a
// number, a list and a bool; numbers among strings) has none, nor has a line that is not a record.
const NO_ARROW_FORM = new Set([
  'invalid-amount-types', 'invalid-dates', 'invalid-records', 'invalid-transaction-type', 'missing-everything',
  'valid-empty'
])

/** The records as an Arrow table's IPC bytes (every key of every record a column, null where a
 * record lacks it), or null when Arrow cannot hold them. */
function arrowBytes (records) {
  if (!records.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) return null
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))]
  if (keys.length === 0) return null
  const kinds = (k) => new Set(records.map((r) => r[k]).filter((v) => v != null).map((v) => typeof v))
  if (keys.some((k) => kinds(k).size > 1 || kinds(k).has('object'))) return null
  return tableToIPC(tableFromJSON(records.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])))))
}

test('every vector an Arrow table can hold gives the findings of the same records', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  let compared = 0
  for (const file of files) {
    const c = JSON.parse(exactMoney(readFileSync(join(dir, file), 'utf8')))
    const bytes = arrowBytes(c.records)
    const name = file.replace(/\.json$/, '')
    assert.equal(bytes === null, NO_ARROW_FORM.has(name), name)
    if (bytes === null) continue
    const options = { cursor: c.cursor ?? null, today: c.today, profile: c.profile, timeZone: c.timeZone }
    const asRecords = feedrail.validate(c.records, options)
    const asArrow = feedrail.validate(bytes, options)
    assert.deepEqual(findings(asArrow), findings(asRecords), name)
    assert.deepEqual(asArrow.validIndices, asRecords.validIndices, name)
    compared++
  }
  assert.ok(compared >= 40, `${compared} vectors compared`)
})

/** A decimal128(12, 2) column of cent amounts, each as four little-endian 32-bit words. */
function cents (values) {
  const words = new Uint32Array(values.length * 4)
  values.forEach((v, i) => {
    let n = BigInt.asUintN(128, BigInt(v))
    for (let w = 0; w < 4; w++, n >>= 32n) words[i * 4 + w] = Number(n & 0xffffffffn)
  })
  return makeVector(makeData({ type: new Decimal(2, 12, 128), length: values.length, data: words }))
}

function typedTable (feed) {
  const millis = feed.map((l) => BigInt(l.date.getTime()))
  return new Table({
    id: vectorFromArray(feed.map((l) => l.id), new Utf8()),
    date: makeVector(makeData({ type: new TimestampMillisecond(), length: feed.length, data: BigInt64Array.from(millis) })),
    description: vectorFromArray(feed.map((l) => l.description), new Utf8()),
    amount: cents(feed.map((l) => Math.round(Number(l.amount) * 100))),
    balance: cents(feed.map((l) => Math.round(Number(l.balance) * 100))),
    transaction_type: vectorFromArray(feed.map((l) => l.transactionType), new Utf8())
  })
}

test('decimal128 and timestamp columns are read in place, in stream and file form', () => {
  const feed = lines(4)
  feed[2].amount = '3.10'
  const table = typedTable(feed)
  const asRecords = feedrail.validate(feed, { today: '2026-06-30' })
  assert.deepEqual([...asRecords.errors, ...asRecords.warnings].map((i) => i.index), [2, 2], 'findings to compare')
  for (const form of ['stream', 'file']) {
    const bytes = tableToIPC(table, form)
    assert.deepEqual(findings(feedrail.validate(bytes, { today: '2026-06-30' })), findings(asRecords), form)
    assert.deepEqual(findings(feedrail.validate(Buffer.from(bytes), { today: '2026-06-30' })), findings(asRecords))
  }
})

test('what is not Arrow data is CONFIG saying what to pass', () => {
  const table = typedTable(lines(2))
  assert.throws(() => feedrail.validate(table), (e) => e.code === 'CONFIG' && /tableToIPC\(table\)/.test(e.message))
  assert.throws(() => feedrail.validate(new Uint8Array([1, 2, 3])), (e) => e.code === 'CONFIG' && /not Arrow IPC data/.test(e.message))
  assert.throws(() => feedrail.validate(new Uint16Array(4)), (e) => e.code === 'CONFIG' && /Uint8Array/.test(e.message))
  const listed = tableToIPC(tableFromJSON([{ id: 'a', amount: 1 }]))
  assert.ok(feedrail.validate(listed, { today: '2026-06-30' }).errors.length > 0)
})

test('an Arrow table pushes line by line, every line as given', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(30)
  const report = await client.pushFeed(company, connection, acc, tableToIPC(typedTable(feed)), { batchSize: 7, today: '2026-06-30' })
  assert.equal(report.landed, 30)
  const ledger = sandbox.ledger(company, connection, acc)
  assert.deepEqual(ledger.transactions.map((t) => [t.id, t.amount, t.balance, t.description, t.date]),
    feed.map((l) => [l.id, l.amount, l.balance, l.description, l.date.toISOString().slice(0, 19)]))
  sandbox.close()
})
