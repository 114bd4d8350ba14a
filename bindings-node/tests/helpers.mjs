// Shared setup of the Node tests: a sandbox, a client and connected accounts.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
export const feedrail = require('../index.js')

/** `n` lines of -3.10 each with a running balance, one second apart, ids `${prefix}00000`... */
export function lines (n, { start = 0, prefix = 't' } = {}) {
  const out = []
  let cents = 0n
  for (let i = start; i < start + n; i++) {
    cents -= 310n
    const date = new Date(Date.UTC(2026, 0, 1, 0, 0, i))
    out.push({
      id: `${prefix}${String(i).padStart(5, '0')}`,
      date,
      description: `Line ${i}`,
      amount: '-3.10',
      balance: money(cents),
      transactionType: 'Debit'
    })
  }
  return out
}

/** Cents as a decimal string. */
export function money (cents) {
  const sign = cents < 0n ? '-' : ''
  const abs = cents < 0n ? -cents : cents
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/** A started sandbox, a client on it, a company and a Sage connection with `n` accounts,
 * connected unless `connected` is false. */
export async function setup (n = 1, { connected = true, delayMs = 0 } = {}) {
  const sandbox = await feedrail.Sandbox.start({ delayMs })
  const client = new feedrail.Client({ apiKey: sandbox.apiKey, baseUrl: sandbox.url })
  const company = await client.createCompany('Toft Stores')
  const connection = await client.createConnection(company.id)
  const ids = Array.from({ length: n }, (_, i) => `acc-${i}`)
  if (n > 0) await client.createAccounts(company.id, connection.id, ids.map((id) => ({
    id, accountName: id, accountType: 'Debit', accountNumber: '12345678', sortCode: '040004', currency: 'GBP', balance: '0'
  })))
  if (connected) for (const id of ids) sandbox.connectAccount(company.id, connection.id, id)
  return { sandbox, client, company: company.id, connection: connection.id, ids }
}
