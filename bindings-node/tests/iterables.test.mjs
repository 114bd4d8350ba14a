// Records from iterables other than arrays: generators and Sets read as next() gives them,
// async iterables one record at a time as they arrive; what an iterator throws names its place.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { feedrail, lines, setup } from './helpers.mjs'

const ids = (rows) => rows.map((r) => r.id)

async function * slowly (feed, { throwAt } = {}) {
  for (const [i, record] of feed.entries()) {
    await new Promise((resolve) => setImmediate(resolve))
    if (i === throwAt) throw new Error('cursor closed')
    yield record
  }
}

test('a generator and a Set are read like the array they hold', () => {
  const feed = lines(5)
  feed[3].amount = 'twelve'
  const fromArray = feedrail.validate(feed, { today: '2026-06-30' })
  function * generate () { yield * feed }
  assert.deepEqual(feedrail.validate(generate(), { today: '2026-06-30' }), fromArray)
  assert.deepEqual(feedrail.validate(new Set(feed), { today: '2026-06-30' }), fromArray)
  assert.equal(fromArray.errors[0].index, 3)
})

test('an async iterable lands in order, every line as given', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(2500)
  const report = await client.pushFeed(company, connection, acc, slowly(feed))
  assert.equal(report.landed, 2500)
  assert.deepEqual(report.batches.map((b) => b.size), [1000, 1000, 500])
  const ledger = sandbox.ledger(company, connection, acc)
  assert.deepEqual(ledger.transactions.map((t) => [t.id, t.amount, t.balance, t.description]),
    feed.map((l) => [l.id, l.amount, l.balance, l.description]))
  const reconciled = await client.reconcile(company, connection, acc, slowly(feed))
  assert.equal(reconciled.counts.landed, 2500)
  assert.ok(reconciled.ok)
  sandbox.close()
})

test('an async iterable with an invalid line sends nothing; a generator resumes the rest', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(1200)
  const broken = feed.map((l, i) => (i === 1100 ? { ...l, amount: 'twelve' } : l))
  await assert.rejects(client.pushFeed(company, connection, acc, slowly(broken)), (e) => {
    assert.equal(e.code, 'VALIDATION')
    assert.deepEqual(e.issues.map((i) => [i.index, i.field]), [[1100, 'amount']])
    return true
  })
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 0)
  await client.pushFeed(company, connection, acc, feed.slice(0, 700))
  function * generate () { yield * feed }
  const rest = await client.pushFeed(company, connection, acc, generate())
  assert.deepEqual([rest.alreadyPushed.length, rest.landed], [700, 500])
  assert.deepEqual(ids(sandbox.ledger(company, connection, acc).transactions), ids(feed))
  sandbox.close()
})

test('a sync iterator that throws is CONFIG naming the record, an async one rejects as thrown; nothing is sent', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(1500)
  await assert.rejects(client.pushFeed(company, connection, acc, slowly(feed, { throwAt: 1234 })), (e) => {
    assert.equal(e.message, 'cursor closed')
    return true
  })
  function * failing () { yield * feed.slice(0, 3); throw new Error('disk gone') }
  assert.throws(() => feedrail.validate(failing()), (e) => {
    assert.equal(e.code, 'CONFIG')
    assert.match(e.message, /records\[3\] could not be read: Error: disk gone/)
    return true
  })
  await assert.rejects(client.pushFeed(company, connection, acc, failing()), (e) => e.code === 'CONFIG')
  await assert.rejects(client.pushFeed(company, connection, acc, 42), (e) => {
    assert.equal(e.code, 'CONFIG')
    assert.match(e.message, /records must be an array or an iterable of objects/)
    return true
  })
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 0)
  sandbox.close()
})
