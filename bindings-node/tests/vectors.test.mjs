// Every shared vector in tests/vectors against the Node API: same findings as Rust and Python.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { validate } = require('../index.js')
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'vectors', 'cases')
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()

// Money as decimal strings, as a Node user keeps it exact (JS numbers cannot hold every value).
const exactMoney = (text) => text.replace(/"(amount|balance|lastBalance)":(-?[0-9][0-9.eE+-]*)/g, '"$1":"$2"')
const key = (i) => `${i.index ?? -1}|${i.code}|${i.field ?? ''}|${i.transactionId ?? ''}`

test('there are enough vectors', () => assert.ok(files.length >= 40))

for (const file of files) {
  test(file, () => {
    const c = JSON.parse(exactMoney(readFileSync(join(dir, file), 'utf8')))
    const r = validate(c.records, { cursor: c.cursor ?? null, today: c.today, profile: c.profile, timeZone: c.timeZone })
    assert.deepEqual(r.errors.map(key).sort(), c.expected.errors.map(key).sort())
    assert.deepEqual(r.warnings.map(key).sort(), c.expected.warnings.map(key).sort())
    assert.deepEqual(r.validIndices, c.expected.validIndices)
    assert.equal(r.checked, c.records.length)
  })
}
