// The package loads from ESM `import` and CommonJS `require`, and its ErrorCode union in
// index.d.ts is exactly the core's list of codes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as esm from '../index.js'

const require = createRequire(import.meta.url)

test('ESM import and CommonJS require give the same API', () => {
  const cjs = require('../index.js')
  for (const name of ['Client', 'Sandbox', 'validate', 'errorCodes', 'VERSION']) {
    assert.equal(typeof esm[name], typeof cjs[name], name)
    assert.ok(esm[name] !== undefined, name)
  }
  assert.equal(esm.Client, cjs.Client)
  assert.match(cjs.VERSION, /^\d+\.\d+\.\d+/)
})

test('index.d.ts types every code of the core, and only those', () => {
  const dts = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
  const union = dts.match(/export type ErrorCode = (.*)/)[1].match(/'([A-Z_]+)'/g).map((s) => s.slice(1, -1))
  assert.deepEqual(union, require('../index.js').errorCodes())
})
