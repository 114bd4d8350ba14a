// feedrail from Node, against the embedded sandbox: set up, validate, push, verify.
//
// Against Codat itself: new Client({ apiKey: process.env.FEEDRAIL_API_KEY }) and no sandbox.
import { readFileSync } from 'node:fs'
import assert from 'node:assert/strict'
import { Client, Sandbox, validate } from 'feedrail'

/** @type {import('feedrail').TransactionInput[]} */
const records = JSON.parse(
  // Money stays exact as decimal strings: quote the numbers of the amount and balance fields.
  readFileSync(new URL('../data/sample-transactions.json', import.meta.url), 'utf8')
    .replace(/"(amount|balance)": *(-?[0-9.]+)/g, '"$1": "$2"')
)

const sandbox = await Sandbox.start()
try {
  const client = new Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url })
  const company = await client.createCompany('Toft Stores')
  const connection = await client.createConnection(company.id)
  await client.createAccount(company.id, connection.id, {
    id: 'current', accountName: 'Current account', accountType: 'Debit',
    accountNumber: '12345678', sortCode: '040004', currency: 'GBP', balance: '1000.00'
  })
  // The Sage user enters the connection id and a one-time password your app shows them.
  const otp = await client.generateOtp(company.id, connection.id)
  console.log(`connection id ${connection.id}, one-time password ${otp.otp} (until ${otp.expiry})`)
  sandbox.connectAccount(company.id, connection.id, 'current', otp.otp)

  const report = validate(records)
  console.log(`${report.checked} checked: ${report.errors.length} errors, ${report.warnings.length} warnings`)
  for (const issue of report.errors) console.log(`  ${issue.code}: ${issue.message}`)

  try {
    await client.pushFeed(company.id, connection.id, 'current', records)
  } catch (err) {
    const e = /** @type {import('feedrail').FeedrailError} */ (err)
    if (e.code !== 'VALIDATION') throw err
    console.log(`refused before sending anything (${e.code}, ${e.issues.length} issues)`)
  }

  const result = await client.pushFeed(company.id, connection.id, 'current', records, {
    skipInvalid: true,
    batchSize: 5,
    onProgress: (event) => {
      if (event.event === 'batchLanded') console.log(`  batch ${event.sequence}: ${event.landed}/${event.total} landed`)
    }
  })
  console.log(`${result.landed} landed in ${result.batches.length} batches; balance ${result.balance}`)

  const ledger = sandbox.ledger(company.id, connection.id, 'current')
  const sent = records.filter((_, i) => !result.skipped.includes(i)).map((r) => r.id)
  assert.deepEqual(ledger.transactions.map((t) => t.id), sent)
  assert.equal(ledger.balance, result.balance)
  console.log(`verified: ${sent.length} lines landed in order; balance ${ledger.balance}`)
} finally {
  sandbox.close()
}
