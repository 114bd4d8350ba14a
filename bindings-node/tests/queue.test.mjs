// The PostgreSQL queue from Node: enqueue (validated, idempotent), two workers draining three
// accounts, a refused batch held as failed until retried, stop(), and the CONFIG errors of a
// client whose cursor is not PostgreSQL. Needs FEEDRAIL_DATABASE_URL (`make test` starts one).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { feedrail, lines, setup } from './helpers.mjs'

/** The setup's accounts, and a client on a fresh PostgreSQL database as its cursor. */
async function queued (n) {
  const scene = await setup(n)
  const cursor = feedrail.Sandbox.scratchDatabase()
  const client = new feedrail.Client({ apiKey: scene.sandbox.apiKey, baseUrl: scene.sandbox.url, cursor })
  return { ...scene, client }
}

const ledgerIds = (sandbox, company, connection, acc) =>
  sandbox.ledger(company, connection, acc).transactions.map((t) => t.id)

test('enqueue validates on entry and hands lines over once', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await queued(1)
  const feed = lines(30)
  assert.equal((await client.enqueue(company, connection, acc, feed.slice(0, 20))).queued, 20)
  const again = await client.enqueue(company, connection, acc, feed)
  assert.equal(again.queued, 10)
  assert.deepEqual(again.alreadyKnown, [...Array(20).keys()])
  const bad = lines(2, { start: 30 })
  bad[1].amount = 'ten'
  await assert.rejects(client.enqueue(company, connection, acc, bad), (e) => e.code === 'VALIDATION' && /amount/.test(e.message))
  const [status] = await client.queueStatus()
  assert.equal(status.queued, 30)
  sandbox.close()
})

test('two workers drain three accounts in order', async () => {
  const { sandbox, client, company, connection, ids } = await queued(3)
  const feeds = Object.fromEntries(ids.map((id) => [id, lines(1500, { prefix: `${id}-` })]))
  for (const [acc, feed] of Object.entries(feeds)) await client.enqueue(company, connection, acc, feed)
  const workers = [client.worker({ untilDrained: true, idlePoll: 0.05 }), client.worker({ untilDrained: true, idlePoll: 0.05 })]
  const metrics = await Promise.all(workers.map((w) => w.run()))
  assert.ok(metrics.reduce((n, m) => n + m.linesLanded, 0) >= 4500)
  for (const [acc, feed] of Object.entries(feeds)) assert.deepEqual(ledgerIds(sandbox, company, connection, acc), feed.map((l) => l.id))
  assert.ok((await client.queueStatus()).every((s) => s.queued === 0 && s.landed === 1500))
  sandbox.close()
})

test('a refused batch waits for retryFailed, then goes', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await queued(1)
  const feed = lines(1200)
  await client.enqueue(company, connection, acc, feed)
  sandbox.setFaults({ pushFailed: 1, maxPushFaults: 1 })
  const metrics = await client.worker({ untilDrained: true, idlePoll: 0.05 }).run()
  assert.equal(metrics.linesFailed, 1000)
  const [status] = await client.queueStatus()
  assert.deepEqual([status.failed, status.queued], [1000, 200])
  assert.ok(status.failure)
  assert.deepEqual(ledgerIds(sandbox, company, connection, acc), [])
  assert.equal(await client.retryFailed(company, connection, acc), 1000)
  await client.worker({ untilDrained: true, idlePoll: 0.05 }).run()
  assert.deepEqual(ledgerIds(sandbox, company, connection, acc), feed.map((l) => l.id))
  sandbox.close()
})

test('stop() ends a waiting worker; bad options and other cursors are CONFIG', async () => {
  const { sandbox, client } = await queued(0)
  const worker = client.worker({ idlePoll: 0.05 })
  setTimeout(() => worker.stop(), 200)
  assert.equal((await worker.run()).claims, 0)
  assert.throws(() => client.worker({ accountsAtOnce: 0 }), (e) => e.code === 'CONFIG')
  const plain = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url })
  assert.throws(() => plain.worker(), (e) => e.code === 'CONFIG' && /postgresql/.test(e.message))
  await assert.rejects(plain.queueStatus(), (e) => e.code === 'CONFIG')
  sandbox.close()
})
