// What JS hands feedrail: money as strings, numbers, bigints and decimal-like objects; dates as
// strings or Dates; and a malformed-input suite where every case is the right error with its
// row and field, nothing pushed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { feedrail, lines, setup } from './helpers.mjs'

const { validate } = feedrail
const TODAY = { today: '2026-06-30' }
const base = (over = {}) => ({ id: 'a', date: '2026-01-01T10:00:00', description: 'Card', amount: '-1.10', balance: '8.90', transactionType: 'Debit', ...over })

/** A decimal-like object: digits only through toString(), as decimal.js and big.js give them. */
class Dec {
  #digits
  constructor (digits) { this.#digits = digits }
  toString () { return this.#digits }
}

test('money: strings, numbers (shortest decimal), bigints and decimal-like objects are exact', () => {
  for (const [amount, balance] of [['-0.10', '0.20'], [-0.1, 0.2], [-1n, 9n], [new Dec('-0.10'), new Dec('123456789012345678.91')]]) {
    const r = validate([base({ amount, balance })], { ...TODAY, cursor: null })
    assert.deepEqual(r.errors, [], `${amount} ${balance}`)
  }
})

test('dates: ISO strings and Date objects', () => {
  const r = validate([base({ id: 'a', date: new Date(Date.UTC(2026, 0, 1, 9)) }), base({ id: 'b', date: '2026-01-01T10:00:00Z' })], TODAY)
  assert.deepEqual(r.errors, [])
  assert.deepEqual(validate([base()], { today: new Date(Date.UTC(2026, 5, 30)) }).errors, [])
})

test('text with escapes, quotes and any Unicode arrives exactly', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const texts = ['He said "hi"\n\tthen left \\ ☕ 😀 é', 'plain', '\u2028\u00a0\ufeff']
  const feed = lines(3)
  texts.forEach((text, i) => { feed[i].description = text; feed[i].reference = `ref ${text}` })
  feed[1]['odd "key"'] = 1
  const report = validate(feed, TODAY)
  assert.deepEqual(report.errors, [])
  assert.deepEqual(report.warnings.map((w) => [w.index, w.field]), [[1, 'odd "key"']])
  await client.pushFeed(company, connection, acc, feed)
  const ledger = sandbox.ledger(company, connection, acc).transactions
  assert.deepEqual(ledger.map((t) => [t.description, t.reference]), texts.map((t) => [t, `ref ${t}`]))
  sandbox.close()
})

test('control characters in ids and text are refused, naming the field', () => {
  const feed = lines(2)
  feed[0].description = 'Coffee\u0001'
  feed[1].id = 'b\u0000'
  const report = validate(feed, TODAY)
  assert.deepEqual(report.errors.map((e) => [e.index, e.field, e.code]), [[0, 'description', 'INVALID_FIELD'], [1, 'id', 'INVALID_FIELD']])
  assert.match(report.errors[0].message, /U\+0001/)
})

test('class instances are records', () => {
  class Line { constructor () { Object.assign(this, base()) } }
  assert.deepEqual(validate([new Line()], TODAY).errors, [])
  class Printable extends Line { toString () { return 'a line' } }
  // A bigint makes JSON.stringify throw, so both rows are read through napi.
  assert.deepEqual(validate([new Printable(), base({ id: 'b', amount: -1n, balance: '7.90' })], TODAY).errors, [])
})

const malformed = [
  ['amount is a word', { amount: 'twelve' }, 'amount', 'INVALID_FIELD'],
  ['amount is NaN', { amount: NaN }, 'amount', 'INVALID_FIELD'],
  ['amount is Infinity', { amount: Infinity }, 'amount', 'INVALID_FIELD'],
  ['balance is -Infinity', { balance: -Infinity }, 'balance', 'INVALID_FIELD'],
  ['amount is undefined', { amount: undefined }, 'amount', 'MISSING_FIELD'],
  ['amount is null', { amount: null }, 'amount', 'MISSING_FIELD'],
  ['amount is a boolean', { amount: true }, 'amount', 'INVALID_FIELD'],
  ['amount is nested junk', { amount: { value: [1, { x: 2 }] } }, 'amount', 'INVALID_FIELD'],
  ['amount is an array', { amount: [1] }, 'amount', 'INVALID_FIELD'],
  ['id is a number', { id: 7 }, 'id', 'INVALID_FIELD'],
  ['id is missing', { id: undefined }, 'id', 'MISSING_FIELD'],
  ['date is not a date', { date: 'yesterday' }, 'date', 'INVALID_FIELD'],
  ['date is an invalid Date', { date: new Date('nope') }, 'date', 'INVALID_FIELD'],
  ['transactionType is unknown', { transactionType: 'Gift' }, 'transactionType', 'INVALID_FIELD'],
  ['description is an object', { description: { text: 'x' } }, 'description', 'INVALID_FIELD']
]

for (const [name, change, field, code] of malformed) {
  test(`malformed: ${name}`, () => {
    const rows = [base({ id: 'ok1' }), base({ id: 'bad', date: '2026-01-01T11:00:00', ...change })]
    const r = validate(rows, TODAY)
    const issue = r.errors.find((i) => i.field === field)
    assert.ok(issue, JSON.stringify(r.errors))
    assert.equal(issue.code, code)
    assert.equal(issue.index, 1)
    assert.deepEqual(r.validIndices, [0])
  })
}

test('malformed: a row that is not an object is reported at its index', () => {
  const r = validate([base(), 42, null, 'text'], TODAY)
  assert.deepEqual([...new Set(r.errors.map((i) => i.index))], [1, 2, 3])
  assert.ok(r.errors.every((i) => i.code === 'INVALID_RECORD'))
})

test('malformed: records that are not an array are a CONFIG error', () => {
  for (const bad of [undefined, null, 'rows', 42, { 0: base() }]) {
    assert.throws(() => validate(bad), (e) => e.code === 'CONFIG' && e.name === 'FeedrailError', String(bad))
  }
})

test('malformed: a throwing toString is reported, not thrown', () => {
  const evil = { toString () { throw new Error('boom') } }
  Object.setPrototypeOf(evil, Object.create(null, { toString: { value () { throw new Error('boom') } } }))
  const r = validate([base({ amount: evil })], TODAY)
  assert.equal(r.errors[0].field, 'amount')
})

test('malformed: very deep nesting is cut off, not a crash', () => {
  let deep = {}
  for (let i = 0; i < 10000; i++) deep = { deep }
  const r = validate([base({ description: deep })], TODAY)
  assert.equal(r.errors[0].field, 'description')
})

test('malformed rows sent with pushFeed push nothing', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  for (const [, change, field] of malformed) {
    const feed = lines(3)
    Object.assign(feed[2], change)
    await assert.rejects(client.pushFeed(company, connection, acc, feed), (e) => {
      assert.equal(e.code, 'VALIDATION')
      assert.ok(e.issues.some((i) => i.index === 2 && i.field === field), JSON.stringify(e.issues))
      return true
    })
  }
  await assert.rejects(client.pushFeed(company, connection, acc, 'not rows'), (e) => e.code === 'CONFIG')
  assert.rejects(client.pushFeed(company, connection, acc, lines(1), { batchSize: 0 }), (e) => e.code === 'CONFIG')
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 0)
  sandbox.close()
})
