// End to end against the in-process sandbox: happy path, validation errors, a refused account,
// a Failed push, typed HTTP errors, pagination, many accounts at once and a fault run.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { feedrail, lines, setup } from './helpers.mjs'

const ids = (rows) => rows.map((r) => r.id)

test('pushFeed lands everything exactly, in batches, with progress', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(2500)
  const events = []
  const report = await client.pushFeed(company, connection, acc, feed, { onProgress: (e) => events.push(e) })
  assert.equal(report.landed, 2500)
  assert.deepEqual(report.batches.map((b) => b.size), [1000, 1000, 500])
  assert.ok(report.batches.every((b) => b.status === 'success'))
  assert.equal(report.balance, feed.at(-1).balance)
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(events.filter((e) => e.event === 'batchLanded').map((e) => e.landed), [1000, 2000, 2500])
  const ledger = sandbox.ledger(company, connection, acc)
  assert.deepEqual(ids(ledger.transactions), ids(feed))
  assert.equal(ledger.balance, '-7750.00')
  assert.equal(typeof ledger.transactions[0].amount, 'string')
  sandbox.close()
})

test('a second run of the same feed sends nothing twice', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(1200)
  await client.pushFeed(company, connection, acc, feed)
  const again = await client.pushFeed(company, connection, acc, feed)
  assert.equal(again.landed, 0)
  assert.equal(again.alreadyPushed.length, 1200)
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 1200)
  sandbox.close()
})

test('validation errors name index, id and field; nothing is sent', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(5)
  feed[3].amount = 'twelve'
  delete feed[1].description
  await assert.rejects(client.pushFeed(company, connection, acc, feed), (e) => {
    assert.equal(e.code, 'VALIDATION')
    assert.equal(e.name, 'FeedrailError')
    assert.ok(e instanceof Error)
    const found = e.issues.map((i) => [i.index, i.transactionId, i.field, i.code])
    assert.deepEqual(found, [[1, 't00001', 'description', 'MISSING_FIELD'], [3, 't00003', 'amount', 'INVALID_FIELD']])
    assert.match(e.message, /index 1/)
    return true
  })
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 0)
  const skipped = await client.pushFeed(company, connection, acc, feed, { skipInvalid: true })
  assert.deepEqual(skipped.skipped, [1, 3])
  assert.equal(skipped.landed, 3)
  sandbox.close()
})

test('a pending account is refused before anything is sent', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup(1, { connected: false })
  await assert.rejects(client.pushFeed(company, connection, acc, lines(3)), (e) => e.code === 'ACCOUNT_NOT_CONNECTED' && /pending/.test(e.message))
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 0)
  sandbox.close()
})

test('a push the server fails rejects with PUSH_FAILED and lands nothing', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  sandbox.setFaults({ pushFailed: 1, seed: 1 })
  await assert.rejects(client.pushFeed(company, connection, acc, lines(10)), (e) => {
    assert.equal(e.code, 'PUSH_FAILED')
    assert.equal(e.retryable, false)
    assert.equal(e.report.landed, 0)
    assert.equal(e.report.batches[0].status, 'failed')
    return true
  })
  assert.equal(sandbox.ledger(company, connection, acc).transactions.length, 0)
  sandbox.setFaults()
  const report = await client.pushFeed(company, connection, acc, lines(10))
  assert.equal(report.landed, 10)
  sandbox.close()
})

test('HTTP errors are typed: NOT_FOUND with status and correlation id, AUTH for a wrong key', async () => {
  const { sandbox, client } = await setup(0)
  await assert.rejects(client.getCompany('missing'), (e) => {
    assert.equal(e.code, 'NOT_FOUND')
    assert.equal(e.status, 404)
    assert.equal(typeof e.correlationId, 'string')
    assert.deepEqual(e.issues, [])
    assert.equal(e.report, null)
    return true
  })
  const wrong = new feedrail.Client({ apiKey: 'not-the-key', baseUrl: sandbox.url })
  await assert.rejects(wrong.createCompany('x'), (e) => e.code === 'AUTH' && e.status === 401 && !e.message.includes('not-the-key'))
  for (const seconds of [-1, NaN, 1e300]) {
    assert.throws(() => new feedrail.Client({ apiKey: 'k', baseUrl: sandbox.url, timeout: seconds }), (e) => e.code === 'CONFIG', String(seconds))
    await assert.rejects(client.wait('c', 'k', { timeout: seconds }), (e) => e.code === 'CONFIG' && /timeout must be a positive/.test(e.message), String(seconds))
  }
  sandbox.close()
})

test('pushBatch, getPushOperation, wait and the push history, page after page', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(30)
  const keys = []
  for (let i = 0; i < 3; i++) {
    const batch = feed.slice(i * 10, i * 10 + 10)
    const op = await client.pushBatch(company, connection, acc, batch)
    const replay = await client.pushBatch(company, connection, acc, batch.map((line) => ({ ...line })))
    assert.equal(replay.pushOperationKey, op.pushOperationKey, 'the same lines are the same push')
    assert.match(client.idempotencyKey(company, connection, acc, batch), /^[0-9a-f-]{36}$/)
    keys.push(op.pushOperationKey)
    assert.equal((await client.wait(company, op.pushOperationKey, { timeout: 10 })).status, 'Success')
  }
  assert.equal((await client.getPushOperation(company, keys[0])).status, 'Success')
  const seen = []
  for await (const op of client.pushOperations(company, { pageSize: 2 })) seen.push(op.pushOperationKey)
  assert.deepEqual(seen.sort(), [...keys].sort())
  const page = await client.listPushOperations(company, { page: 2, pageSize: 2 })
  assert.equal(page.results.length, 1)
  const first = await client.listPushOperations(company)
  assert.deepEqual([first.pageNumber, first.pageSize, first.results.length], [1, 100, 3], 'the core\'s defaults')
  sandbox.close()
})

test('the iterator rejects with a FeedrailError', async () => {
  const { sandbox, client } = await setup(0)
  await assert.rejects(async () => {
    for await (const op of client.pushOperations('missing')) assert.fail(`unexpected ${op}`)
  }, (e) => e.code === 'NOT_FOUND')
  sandbox.close()
})

test('pushFeeds runs many accounts at once, each in order', async () => {
  const { sandbox, client, company, connection, ids: accounts } = await setup(8, { delayMs: 20 })
  const feeds = Object.fromEntries(accounts.map((a) => [a, lines(1500, { prefix: `${a}-` })]))
  const results = await client.pushFeeds(company, connection, feeds)
  for (const a of accounts) {
    assert.equal(results[a].landed, 1500, a)
    assert.deepEqual(ids(sandbox.ledger(company, connection, a).transactions), ids(feeds[a]))
  }
  sandbox.close()
})

test('pushFeed calls on several accounts run concurrently', async () => {
  const { sandbox, client, company, connection, ids: accounts } = await setup(4, { delayMs: 50 })
  const reports = await Promise.all(accounts.map((a) => client.pushFeed(company, connection, a, lines(2000, { prefix: a }))))
  assert.deepEqual(reports.map((r) => r.landed), [2000, 2000, 2000, 2000])
  sandbox.close()
})

test('a fault run loses and duplicates nothing', async () => {
  const { sandbox, client, company, connection, ids: accounts } = await setup(5)
  const feeds = Object.fromEntries(accounts.map((a) => [a, lines(2200, { prefix: `${a}-` })]))
  sandbox.setFaults({
    seed: 11, error500: 0.04, error503: 0.04, rateLimited: 0.04, resetBeforeCommit: 0.04,
    resetAfterCommit: 0.04, pushFailed: 0.05, pushTimedOut: 0.05
  })
  let pending = { ...feeds }
  for (let round = 0; round < 30 && Object.keys(pending).length; round++) {
    const results = await client.pushFeeds(company, connection, pending)
    pending = {}
    for (const [a, r] of Object.entries(results)) {
      if (r instanceof Error) {
        assert.notEqual(r.code, 'VALIDATION', r.message)
        pending[a] = feeds[a]
      }
    }
  }
  assert.deepEqual(pending, {})
  for (const a of accounts) assert.deepEqual(ids(sandbox.ledger(company, connection, a).transactions), ids(feeds[a]), a)
  sandbox.close()
})

test('a stopped sandbox refuses calls with CONFIG', async () => {
  const { sandbox, company, connection } = await setup(0)
  sandbox.close()
  assert.throws(() => sandbox.ledger(company, connection, 'acc-0'), (e) => e.code === 'CONFIG')
})

test('two runs on one account never overlap: ACCOUNT_BUSY, or wait with leaseWait', async () => {
  const { sandbox, company, connection, ids: [acc] } = await setup()
  const dir = await mkdtemp(join(tmpdir(), 'feedrail-'))
  const cursor = `${dir}/cursor.sqlite`
  const one = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, cursor })
  const two = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, cursor })
  const feed = lines(3000)
  sandbox.setFaults({ latency: 1, latencyMs: 40 })
  const first = one.pushFeed(company, connection, acc, feed)
  await new Promise((resolve) => setTimeout(resolve, 100))
  await assert.rejects(two.pushFeed(company, connection, acc, feed), (e) => {
    assert.equal(e.code, 'ACCOUNT_BUSY')
    assert.equal(e.retryable, true)
    return true
  })
  const second = await two.pushFeed(company, connection, acc, feed, { leaseWait: 60 })
  const done = await first
  assert.equal(done.landed, 3000)
  assert.equal(done.alreadyLanded, 0)
  assert.equal(second.alreadyPushed.length, 3000)
  assert.deepEqual(ids(sandbox.ledger(company, connection, acc).transactions), ids(feed))
  sandbox.close()
})

test('a TimedOut push that lands anyway is resolved, never doubled, and reported', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const feed = lines(10)
  sandbox.setFaults({ timedOutLanded: 1 })
  await assert.rejects(client.pushFeed(company, connection, acc, feed), (e) => {
    assert.equal(e.code, 'PUSH_TIMED_OUT')
    assert.equal(e.report.batches[0].status, 'inDoubt')
    assert.equal(e.report.batches[0].resolution, 'unresolved')
    assert.match(e.report.batches[0].inDoubt, /TimedOut/)
    return true
  })
  sandbox.setFaults()
  const report = await client.pushFeed(company, connection, acc, feed)
  assert.ok(['foundInHistory', 'alreadyReceived'].includes(report.resumed.resolution))
  assert.equal(report.alreadyPushed.length, 10)
  assert.deepEqual(ids(sandbox.ledger(company, connection, acc).transactions), ids(feed))
  sandbox.close()
})

test('requests the spec forbids are refused before sending', async () => {
  const { sandbox, client, company, connection, ids: [acc] } = await setup()
  const config = (pattern) => (e) => e.code === 'CONFIG' && pattern.test(e.message)
  await assert.rejects(client.createCompany(''), config(/name/))
  await assert.rejects(client.createConnection(company, ''), config(/platform key/))
  await assert.rejects(client.pushBatch(company, connection, acc, lines(1001)), config(/at most 1000/))
  for (const pageSize of [0, 5001]) {
    await assert.rejects(client.listPushOperations(company, { pageSize }), config(/out of range/))
  }
  const renamed = await client.updateAccount(company, connection, acc, { accountName: 'Renamed' })
  assert.equal(renamed.accountName, 'Renamed')
  sandbox.close()
})

test('the Sage user connects with a one-time password', async () => {
  const { sandbox, client, company, connection } = await setup(0)
  try {
    await client.createAccount(company, connection, {
      id: 'a', accountName: 'A', accountType: 'Debit', accountNumber: '1', sortCode: '040004', currency: 'GBP', balance: '0'
    })
    const otp = await client.generateOtp(company, connection)
    assert.equal(otp.otp.length, 6)
    assert.match(otp.expiry, /Z$/)
    assert.throws(() => sandbox.connectAccount(company, connection, 'a', 'WRONG1'), { code: 'BAD_REQUEST', message: /one-time password/ })
    assert.equal(sandbox.connectAccount(company, connection, 'a', otp.otp).status, 'connected')
    await assert.rejects(client.generateOtp(company, 'no-such-connection'), { code: 'NOT_FOUND' })
  } finally {
    sandbox.close()
  }
})
