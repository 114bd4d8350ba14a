// Parity with the one definition of the surface (tests/surface.json, written from the Rust table
// in bindings-common): every operation, iterator, option and sandbox method, spelled in Node's
// way. A missing or differently spelled one fails here.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { feedrail } from './helpers.mjs'

const root = new URL('../../', import.meta.url)
const surface = JSON.parse(readFileSync(new URL('tests/surface.json', root), 'utf8'))
const typings = readFileSync(new URL('bindings-node/index.d.ts', root), 'utf8')
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
// Node names its callback option after the event it receives.
const nodeOption = (name) => (name === 'progress' ? 'onProgress' : camel(name))

/** The fields of `export interface name { ... }` in index.d.ts. */
function fields (name) {
  const body = typings.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))
  assert.ok(body, `interface ${name} is in index.d.ts`)
  return [...body[1].matchAll(/^ {2}([a-zA-Z]+)\??:/gm)].map((m) => m[1])
}

test('every operation, with its options', () => {
  for (const op of surface.operations) {
    assert.equal(typeof feedrail.Client.prototype[camel(op.name)], 'function', `Client.${camel(op.name)}`)
    if (op.nodeOptions) {
      assert.deepEqual(new Set(fields(op.nodeOptions)), new Set(op.options.map(nodeOption)), `${op.name}: ${op.nodeOptions}`)
    }
  }
})

test('every operation returns the type the table gives it', () => {
  const client = typings.match(/export declare class Client \{([\s\S]*?)\n\}/)[1]
  for (const op of surface.operations) {
    const declared = client.match(new RegExp(`^  ${camel(op.name)}\\(.*\\): (.*)$`, 'm'))
    assert.ok(declared, `Client.${camel(op.name)} is declared`)
    assert.ok([op.returns, `Promise<${op.returns}>`].includes(declared[1]), `${op.name} returns ${declared[1]}, the table says ${op.returns}`)
  }
})

test('every iterator takes the list options', () => {
  const list = new Set(fields('ListOptions'))
  for (const iterator of surface.iterators) {
    assert.equal(typeof feedrail.Client.prototype[camel(iterator.name)], 'function', iterator.name)
    for (const option of iterator.options) assert.ok(list.has(camel(option)), `${iterator.name}: ${option}`)
  }
})

test('the client options', () => {
  assert.deepEqual(fields('ClientOptions'), surface.clientOptions.map(camel))
})

test('the sandbox methods', () => {
  for (const name of surface.sandboxMethods) {
    assert.equal(typeof feedrail.Sandbox.prototype[camel(name)], 'function', `Sandbox.${camel(name)}`)
  }
})

test('a FeedrailError carries exactly the details every language carries', async () => {
  const client = new feedrail.Client({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
  const error = await client.getCompany('').catch((e) => e)
  assert.equal(error.name, 'FeedrailError')
  const own = Object.keys(error).filter((k) => k !== 'name')
  assert.deepEqual(new Set(own), new Set(fields('FeedrailErrorDetails')))
})
