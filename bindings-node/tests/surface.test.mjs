// The rest of Codat's Bank Feeds surface from Node: companies listed and deleted, connections
// unlinked and deleted, the push model, and the endpoints Codat answers for Sage with an error.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setup } from './helpers.mjs'

const code = (expected, pattern) => (e) => e.code === expected && (!pattern || pattern.test(e.message))

test('companies are listed, filtered, iterated and deleted', async () => {
  const { sandbox, client } = await setup(0)
  await client.deleteCompany((await client.listCompanies()).results[0].id)
  const ids = []
  for (const name of ['Alpha Bakery', 'Beta Stores', 'Gamma Bakery']) ids.push((await client.createCompany(name)).id)
  const page = await client.listCompanies({ pageSize: 2 })
  assert.equal(page.totalResults, 3)
  assert.equal(page.results.length, 2)
  assert.ok(page._links.next)
  const all = []
  for await (const company of client.companies({ pageSize: 1 })) all.push(company.id)
  assert.deepEqual(all, ids)
  const bakeries = []
  for await (const company of client.companies({ query: 'name~bakery' })) bakeries.push(company.name)
  assert.deepEqual(bakeries, ['Alpha Bakery', 'Gamma Bakery'])
  await assert.rejects(client.listCompanies({ query: 'colour=blue' }), code('BAD_REQUEST', /colour/))
  await assert.rejects(client.listCompanies({ page: 0 }), code('CONFIG', /out of range/))
  await client.deleteCompany(ids[1])
  await assert.rejects(client.getCompany(ids[1]), code('NOT_FOUND'))
  sandbox.close()
})

test('a connection is unlinked, then deleted', async () => {
  const { sandbox, client, company, connection, ids } = await setup(1)
  assert.equal((await client.unlinkConnection(company, connection)).status, 'Unlinked')
  assert.equal((await client.getAccount(company, connection, ids[0])).status, 'disconnected')
  await client.deleteConnection(company, connection)
  await assert.rejects(client.getConnection(company, connection), code('NOT_FOUND'))
  await assert.rejects(client.unlinkConnection(company, connection), code('NOT_FOUND'))
  sandbox.close()
})

test('the push model and the mappings', async () => {
  const { sandbox, client, company, connection, ids } = await setup(1)
  const model = await client.getBankTransactionsModel(company, connection, ids[0])
  const line = model.properties.transactions.properties
  for (const field of ['id', 'date', 'description', 'amount', 'balance', 'transactionType']) assert.equal(line[field].required, true, field)
  assert.ok(line.transactionType.options.some((o) => o.value === 'Debit'))
  const [mapping] = await client.listAccountMappings(company, connection)
  assert.equal(mapping.sourceAccountId, ids[0])
  assert.equal(mapping.status, 'connected')
  assert.equal(mapping.sourceBalance, '0', 'money stays an exact string')
  await assert.rejects(client.getBankTransactionsModel(company, connection, 'nope'), code('NOT_FOUND'))
  sandbox.close()
})

test('Sage answers info, credentials and mapping with Codat\'s error', async () => {
  const { sandbox, client, company, connection, ids } = await setup(1)
  await assert.rejects(client.getCompanyInformation(company, connection), (e) => e.code === 'BAD_REQUEST' && e.status === 400 && /not supported for Sage/.test(e.message))
  await assert.rejects(client.generateCredentials(company, connection), code('BAD_REQUEST', /QuickBooks Online/))
  await assert.rejects(client.deleteCredentials(company, connection), code('BAD_REQUEST', /QuickBooks Online/))
  await assert.rejects(client.createAccountMapping(company, connection, { sourceAccountId: ids[0], targetAccountId: 't-1' }), code('BAD_REQUEST', /inside Sage/))
  await assert.rejects(client.createAccountMapping(company, connection, { sourceAccountId: ' ' }), code('CONFIG', /source account id/))
  await assert.rejects(client.createAccountMapping(company, connection, { sourceAccountId: 'a', colour: 'blue' }), code('CONFIG', /colour/))
  sandbox.close()
})

test('dates keep their wall-clock time unless timeZone converts them', async () => {
  const { feedrail } = await import('./helpers.mjs')
  const line = { description: 'Coffee', amount: '-2.50', transactionType: 'Debit' }
  const mixed = [{ ...line, id: 'a', date: '2026-06-01T10:00:00+02:00', balance: '-2.50' },
    { ...line, id: 'b', date: new Date('2026-06-01T09:00:00Z'), balance: '-5.00' }]
  const report = feedrail.validate(mixed, { today: '2026-06-30' })
  assert.deepEqual(report.errors.map((i) => [i.index, i.code]), [[1, 'OUT_OF_ORDER']])
  assert.deepEqual(report.warnings.map((i) => [i.index, i.code]), [[1, 'MIXED_OFFSETS']])
  assert.equal(feedrail.validate(mixed, { today: '2026-06-30', timeZone: 'Europe/London' }).errors.length, 0)
  assert.throws(() => feedrail.validate(mixed, { timeZone: 'Mars/Olympus' }), code('CONFIG', /timeZone must be an IANA time zone/))
  const { sandbox, client, company, connection, ids } = await setup(1)
  const late = [{ ...line, id: 'd', date: new Date('2026-06-30T23:30:00Z'), balance: '-2.50' }]
  await client.pushFeed(company, connection, ids[0], late, { today: '2026-07-01', timeZone: 'Europe/London' })
  const ledger = sandbox.ledger(company, connection, ids[0])
  assert.equal(ledger.transactions[0].date, '2026-07-01T00:30:00', 'BST wall-clock time')
  sandbox.close()
})
