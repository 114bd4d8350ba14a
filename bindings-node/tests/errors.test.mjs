// Bad options throw errors carrying the core's stable code and message.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { validate } = require('../index.js')

test('unknown profile is a CONFIG error', () => {
  assert.throws(() => validate([], { profile: 'xero' }), (e) => e.code === 'CONFIG' && /unknown profile "xero"/.test(e.message))
})

test('unreadable today is a CONFIG error', () => {
  assert.throws(() => validate([], { today: 'tomorrow' }), (e) => e.code === 'CONFIG' && /today/.test(e.message))
})
