// Webhooks: real signed deliveries from the sandbox to a receiver on loopback, verified in Node
// and handed to the client, whose waits end on them.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import { test } from 'node:test'

import { feedrail, lines } from './helpers.mjs'

/** An HTTP server on loopback recording each delivery and handing it to `receiver.client`. */
async function receiver () {
  const r = { client: null, deliveries: [], events: [] }
  r.server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      r.deliveries.push({ body, headers: req.headers })
      let status = 200
      if (r.client) {
        try {
          r.events.push(r.client.handleWebhook(body, req.headers))
        } catch (e) {
          if (e.code !== 'WEBHOOK_REPLAY') status = 400
        }
      }
      res.writeHead(status).end()
    })
  })
  await new Promise((resolve) => r.server.listen(0, '127.0.0.1', resolve))
  r.url = `http://127.0.0.1:${r.server.address().port}/codat`
  r.waitFor = async (n) => {
    const deadline = Date.now() + 10_000
    while (r.deliveries.length < n) {
      assert.ok(Date.now() < deadline, `${r.deliveries.length} of ${n} deliveries arrived`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return r.deliveries[n - 1]
  }
  return r
}

async function account (client, sandbox, id = 'acc-1') {
  const company = await client.createCompany('Toft Stores')
  const connection = await client.createConnection(company.id)
  await client.createAccount(company.id, connection.id, {
    id, accountName: 'Current', accountType: 'Debit', accountNumber: '12345678', sortCode: '040004', currency: 'GBP', balance: '0'
  })
  sandbox.connectAccount(company.id, connection.id, id)
  return { company: company.id, connection: connection.id, id }
}

/** Svix's scheme with node:crypto, as an independent check. */
function sign (secret, id, timestamp, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')
}

test('each push ends on its event with one status poll', async () => {
  const r = await receiver()
  const sandbox = await feedrail.Sandbox.start({ delayMs: 200 })
  try {
    const endpoint = sandbox.addWebhook(r.url)
    assert.match(endpoint.secret, /^whsec_/)
    const client = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, webhookSecret: endpoint.secret })
    r.client = client
    const { company, connection, id } = await account(client, sandbox)
    const feed = lines(3000)
    const before = sandbox.statusPolls()
    const started = Date.now()
    const report = await client.pushFeed(company, connection, id, feed)
    assert.equal(report.landed, 3000)
    assert.ok(report.batches.every((b) => b.status === 'success'))
    assert.deepEqual(sandbox.ledger(company, connection, id).transactions.map((t) => t.id), feed.map((l) => l.id))
    assert.equal(sandbox.statusPolls() - before, 3, 'one poll per batch, after its event')
    assert.ok(Date.now() - started < 5000, 'no push waited for the 5 s fallback')
    const writes = r.events.filter((e) => e.eventType.startsWith('bankTransactions.write'))
    assert.deepEqual(writes.map((e) => e.payload.id), report.batches.map((b) => b.pushOperationKey))
    assert.deepEqual([...new Set(writes.map((e) => e.payload.status))], ['Success'])
    assert.equal(writes[0].payload.referenceCompany.id, company)
  } finally {
    sandbox.close()
    r.server.close()
  }
})

test('real deliveries tampered, replayed, late or under another secret are refused', async () => {
  const r = await receiver()
  const sandbox = await feedrail.Sandbox.start()
  try {
    const { secret } = sandbox.addWebhook(r.url)
    const client = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url })
    const { company, connection, id } = await account(client, sandbox)
    const { body, headers } = await r.waitFor(1)

    const event = feedrail.webhooks.verify(body, headers, secret)
    assert.equal(event.eventType, 'bankFeeds.sourceAccount.connected')
    assert.equal(event.payload.sourceAccount.id, id)
    assert.equal(event.payload.referenceCompany.id, company)
    assert.ok(headers['svix-signature'].split(' ').includes(sign(secret, headers['svix-id'], headers['svix-timestamp'], body)))
    // A string body is the same bytes.
    assert.equal(feedrail.webhooks.verify(body.toString(), headers, secret).id, event.id)

    const verifier = new feedrail.webhooks.Verifier(secret)
    verifier.verify(body, headers)
    assert.throws(() => verifier.verify(body, headers), { name: 'FeedrailError', code: 'WEBHOOK_REPLAY' })
    const tampered = Buffer.from(body.toString().replace('"connectionId"', '"connectionId" '))
    assert.throws(() => feedrail.webhooks.verify(tampered, headers, secret), { code: 'WEBHOOK_SIGNATURE' })
    const other = 'whsec_' + Buffer.from("someone else's").toString('base64')
    assert.throws(() => feedrail.webhooks.verify(body, headers, other), { code: 'WEBHOOK_SIGNATURE' })
    const old = Math.floor(Date.now() / 1000) - 600
    const late = { ...headers, 'svix-timestamp': String(old), 'svix-signature': sign(secret, headers['svix-id'], old, body) }
    assert.throws(() => feedrail.webhooks.verify(body, late, secret), { code: 'WEBHOOK_SIGNATURE', message: /old/ })
    assert.equal(feedrail.webhooks.verify(body, late, secret, { tolerance: 900 }).id, event.id)

    sandbox.disconnectAccount(company, connection, id)
    const second = await r.waitFor(2)
    assert.equal(feedrail.webhooks.verify(second.body, second.headers, secret).eventType, 'bankFeeds.sourceAccount.disconnected')
  } finally {
    sandbox.close()
    r.server.close()
  }
})

test('unknown event types pass through; non-events and bad arguments are refused', () => {
  const secret = 'whsec_' + Buffer.from('an endpoint key').toString('base64')
  const now = Math.floor(Date.now() / 1000)
  const body = JSON.stringify({ id: 'e1', eventType: 'invoices.write.successful', payload: { anyThing: [1, 'two'] } })
  const headers = { 'svix-id': 'm1', 'svix-timestamp': String(now), 'svix-signature': sign(secret, 'm1', now, body) }
  const event = feedrail.webhooks.verify(body, headers, secret)
  assert.deepEqual(event.payload, { anyThing: [1, 'two'] })
  for (const bad of ['not json', '{"eventType":"x"}']) {
    const signed = { ...headers, 'svix-signature': sign(secret, 'm1', now, bad) }
    assert.throws(() => feedrail.webhooks.verify(bad, signed, secret), { code: 'WEBHOOK_PAYLOAD' })
  }
  assert.throws(() => feedrail.webhooks.verify(body, 'headers', secret), { code: 'CONFIG' })
  assert.throws(() => new feedrail.webhooks.Verifier('not a secret!'), { code: 'CONFIG', message: /whsec_/ })
  assert.throws(() => new feedrail.Client({ apiKey: 'k', webhookSecret: '' }), { code: 'CONFIG' })
  const plain = new feedrail.Client({ apiKey: 'k' })
  assert.throws(() => plain.handleWebhook(body, headers), { code: 'CONFIG', message: /webhook secret/ })
  assert.equal(feedrail.errorCodes().filter((c) => c.startsWith('WEBHOOK_')).length, 3)
})

test('a proxy never sees the key in clear', async () => {
  const sandbox = await feedrail.Sandbox.start()
  try {
    assert.throws(() => new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, proxy: 'http://127.0.0.1:9' }),
      { code: 'CONFIG', message: /in clear/ })
    assert.equal(new feedrail.Client({ apiKey: 'k', proxy: 'http://127.0.0.1:9' }).baseUrl, 'https://api.codat.io/')
  } finally {
    sandbox.close()
  }
})
