// Reconciliation from the journal a cursor keeps: every status, Codat's side, typed rows. After
// setup, nothing reads the sandbox's admin API.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { feedrail, lines, setup } from './helpers.mjs'

test('every line gets its status', async () => {
  const { sandbox, company, connection } = await setup(1, { delayMs: 300 })
  const cursor = join(mkdtempSync(join(tmpdir(), 'feedrail-')), 'cursor.sqlite')
  const client = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, cursor })
  const feed = lines(12)
  try {
    sandbox.setFaults({ timedOutLanded: 1, maxPushFaults: 1 })
    assert.equal((await client.pushFeed(company, connection, 'acc-0', feed.slice(0, 4), { batchSize: 2 })).landed, 4)
    sandbox.setFaults({ pushFailed: 1, maxPushFaults: 1 })
    await assert.rejects(client.pushFeed(company, connection, 'acc-0', feed.slice(4, 6)), { code: 'PUSH_FAILED' })
    sandbox.setFaults({})
    await assert.rejects(client.pushFeed(company, connection, 'acc-0', feed.slice(6, 8), { waitTimeout: 0.05 }), { code: 'PUSH_TIMED_OUT' })

    const source = feed.map((line) => ({ ...line }))
    source[9].amount = 'ten'
    source.splice(1, 1)
    const result = await client.reconcile(company, connection, 'acc-0', source, { confirm: true })
    assert.deepEqual(result.lines.map((line) => line.status), [
      'landed', 'landed', 'landed', 'failed', 'failed', 'pending', 'pending', 'not_sent', 'rejected', 'not_sent', 'not_sent'])
    assert.deepEqual(result.notInSource.map((line) => line.id), ['t00001'])
    assert.ok(result.lines[0].pushOperationKey && result.lines[0].completedAt)
    assert.ok(result.lines[3].reason)
    assert.equal(result.lines[8].issue.code, 'INVALID_FIELD')
    assert.deepEqual(result.counts, { landed: 3, pending: 2, inDoubt: 0, failed: 2, rejected: 1, notSent: 3, notInSource: 1 })
    assert.deepEqual(result.balanceBreaks.map((b) => b.index), [1, 9])
    assert.equal(result.accountBalance, feed[3].balance, 'money stays an exact string')
    assert.equal(result.balanceMatches, true)
    assert.equal(result.batchChecks.length, 3)
    assert.ok(result.batchChecks.every((check) => check.agrees))
  } finally {
    sandbox.close()
  }
})

test('an injected break is found at its line, and a bad opening balance is CONFIG', async () => {
  const { sandbox, client, company, connection } = await setup(1)
  try {
    const feed = lines(8)
    await client.pushFeed(company, connection, 'acc-0', feed)
    const broken = feed.map((line) => ({ ...line }))
    broken[5].balance = '-1.00'
    const result = await client.reconcile(company, connection, 'acc-0', broken, { openingBalance: 0 })
    assert.deepEqual(result.balanceBreaks.slice(0, 1).map((b) => [b.index, b.id]), [[5, 't00005']])
    assert.equal(result.counts.landed, 8)
    await assert.rejects(client.reconcile(company, connection, 'acc-0', broken, { openingBalance: 'a lot' }),
      (e) => e.code === 'CONFIG' && /openingBalance/.test(e.message))
  } finally {
    sandbox.close()
  }
})
