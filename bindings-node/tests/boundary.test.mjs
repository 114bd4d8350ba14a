// The boundary behaves: every bad argument is a FeedrailError CONFIG naming it (Promise methods
// reject, never throw), an invalid Date is refused, money objects with their own toString are
// read, the sandbox handle counts, resets, closes and throws FeedrailErrors, FEEDRAIL_LOG logs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { feedrail, lines, setup } from './helpers.mjs'

const config = (pattern) => (e) => e.name === 'FeedrailError' && e.code === 'CONFIG' && pattern.test(e.message)

test('bad client options are CONFIG errors naming the option', () => {
  assert.throws(() => new feedrail.Client(), config(/options/))
  assert.throws(() => new feedrail.Client({ apiKey: 12345 }), config(/apiKey/))
  assert.throws(() => new feedrail.Client({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', maxRetries: -1 }), config(/maxRetries must be 0 or more/))
  assert.throws(() => new feedrail.Client({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1', concurrencyPerCompany: -1 }), config(/concurrencyPerCompany/))
  assert.throws(() => new feedrail.Client({ apiKey: 'k', timeout: 'soon' }), config(/options\.timeout/))
})

test('bad method arguments reject with CONFIG naming the argument', async () => {
  const client = new feedrail.Client({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' })
  const pending = client.createCompany(42)
  assert.ok(pending instanceof Promise, 'a Promise method never throws')
  await assert.rejects(pending, config(/name must be a string, got a number/))
  await assert.rejects(client.getCompany(undefined), config(/companyId must be a string, got undefined/))
  await assert.rejects(client.pushFeed('c', 'k', 'a', [], { batchSize: 'x' }), config(/options\.batchSize/))
  await assert.rejects(client.pushFeed('c', 'k', 'a', [], { timeZone: 'Mars/Olympus' }), config(/timeZone/))
  await assert.rejects(client.listCompanies(5), config(/options must be an object/))
  await assert.rejects(client.wait('c', 42), config(/pushOperationKey/))
  assert.throws(() => client.pushOperations(7), config(/companyId/))
})

test('an invalid Date is refused, not read as 1970', () => {
  assert.throws(() => feedrail.validate(lines(1), { today: new Date('x') }), config(/today/))
  const ok = feedrail.validate(lines(1), { today: new Date('2026-06-30T12:00:00Z') })
  assert.deepEqual(ok.errors, [])
})

test('a money object with its own toString is read as its digits', () => {
  const [line] = lines(1)
  line.amount = { toString: () => '-3.10' }
  line.balance = { toString () { return '-3.10' } }
  const report = feedrail.validate([line], { today: '2026-06-30' })
  assert.deepEqual(report.errors, [])
  line.amount = { value: -3.1 }
  assert.deepEqual(feedrail.validate([line], { today: '2026-06-30' }).errors.map((e) => [e.field, e.code]), [['amount', 'INVALID_FIELD']])
})

test('the sandbox handle counts, resets, closes and throws FeedrailErrors', async () => {
  const { sandbox, company, connection, ids } = await setup(1, { connected: false })
  assert.equal(sandbox.stats().companies, 1)
  assert.ok(sandbox.stats().faults.requests > 0)
  assert.throws(() => sandbox.connectAccount(company, connection, ids[0], 'WRONG1'), (e) => e.code === 'BAD_REQUEST' && /one-time password/.test(e.message))
  assert.throws(() => sandbox.ledger(company, connection, 'nope'), (e) => e.code === 'NOT_FOUND')
  assert.throws(() => sandbox.setFaults({ bogus: 1 }), config(/bogus/))
  sandbox.reset()
  assert.equal(sandbox.stats().companies, 0)
  sandbox.close()
  sandbox.close()
  assert.throws(() => sandbox.stats(), config(/closed/))
})

test('FEEDRAIL_LOG shows retries on stderr, never the key', async () => {
  const script = `
    const f = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    f.Sandbox.start().then(async (sb) => {
      sb.setFaults({ error500: 1 })
      const c = new f.Client({ apiKey: sb.apiKey, baseUrl: sb.url, maxRetries: 1 })
      await c.createCompany('x').catch(() => {})
      sb.close()
    })`
  const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, FEEDRAIL_LOG: 'info' }, encoding: 'utf8' })
  assert.match(run.stderr, /retrying/)
  assert.doesNotMatch(run.stderr, /sandbox-api-key/)
  const quiet = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, FEEDRAIL_LOG: '' }, encoding: 'utf8' })
  assert.doesNotMatch(quiet.stderr, /retrying/)
})

test('withOptions overrides the policy and shares the rest', async () => {
  const { sandbox, client, company } = await setup(0)
  sandbox.setFaults({ error500: 1 })
  const impatient = client.withOptions({ maxRetries: 0 })
  assert.ok(impatient instanceof feedrail.Client)
  const before = sandbox.stats().faults.requests
  await assert.rejects(impatient.getCompany(company), (e) => e.code === 'API')
  assert.equal(sandbox.stats().faults.requests - before, 1, 'no retry')
  sandbox.setFaults()
  assert.equal((await impatient.getCompany(company)).name, 'Toft Stores')
  assert.throws(() => client.withOptions({ maxRetries: -1 }), config(/maxRetries/))
  sandbox.close()
})
