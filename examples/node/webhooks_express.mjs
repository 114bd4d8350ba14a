// Codat webhooks in an Express app: each push ends on its signed `bankTransactions.write.*`
// event instead of being polled, against the embedded sandbox.
//
// In production, register https://your-app/codat/webhooks in the Codat Portal (Settings →
// Webhooks), subscribe it to `bankTransactions.write.successful` and `.unsuccessful`, and give
// the endpoint's signing secret to the client:
// new Client({ apiKey, webhookSecret: process.env.CODAT_WEBHOOK_SECRET }).
import assert from 'node:assert/strict'
import express from 'express'
import { Client, Sandbox } from 'feedrail'

/** The receiver: verify each delivery (raw body, byte for byte) and hand it to the client. */
function createApp (/** @type {() => Client} */ client) {
  const app = express()
  app.post('/codat/webhooks', express.raw({ type: '*/*' }), (req, res) => {
    try {
      const event = client().handleWebhook(req.body, req.headers)
      console.log(`  event ${event.eventType}`)
      res.sendStatus(200)
    } catch (err) {
      const code = /** @type {import('feedrail').FeedrailError} */ (err).code
      // A replay was handled the first time it came; anything else is not from Codat.
      res.sendStatus(code === 'WEBHOOK_REPLAY' ? 200 : 400)
    }
  })
  return app
}

const sandbox = await Sandbox.start({ delayMs: 200 })
// Listen on a free port, register that URL with the sandbox, and give its secret to the client.
/** @type {Client | undefined} */
let client
const server = createApp(() => /** @type {Client} */ (client)).listen(0, '127.0.0.1')
try {
  await new Promise((resolve) => server.once('listening', resolve))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  const endpoint = sandbox.addWebhook(`http://127.0.0.1:${address.port}/codat/webhooks`)
  client = new Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, webhookSecret: endpoint.secret })

  const company = await client.createCompany('Toft Stores')
  const connection = await client.createConnection(company.id)
  await client.createAccount(company.id, connection.id, {
    id: 'current', accountName: 'Current account', accountType: 'Debit',
    accountNumber: '12345678', sortCode: '040004', currency: 'GBP', balance: '0'
  })
  const otp = await client.generateOtp(company.id, connection.id)
  sandbox.connectAccount(company.id, connection.id, 'current', otp.otp)

  const records = Array.from({ length: 2500 }, (_, i) => ({
    id: `tx-${String(i).padStart(5, '0')}`,
    date: new Date(Date.UTC(2026, 2, 1, 0, 0, i)),
    description: `Card payment ${i}`,
    amount: '-1.00',
    balance: `${-(i + 1)}.00`,
    transactionType: /** @type {const} */ ('Debit')
  }))
  const before = Number(sandbox.statusPolls())
  const started = Date.now()
  const report = await client.pushFeed(company.id, connection.id, 'current', records)
  const polls = Number(sandbox.statusPolls()) - before
  console.log(`${report.landed} lines in ${report.batches.length} batches in ${(Date.now() - started) / 1000} s with ${polls} status polls (one per batch, after its event)`)
  assert.equal(report.landed, 2500)
  assert.equal(polls, report.batches.length)
} finally {
  server.close()
  sandbox.close()
}
