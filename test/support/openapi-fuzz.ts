/**
 * Requests generated from the OpenAPI document: for every operation, valid-looking requests with one
 * part made hostile (wrong types, huge and deep bodies, unicode and control characters, non-finite and
 * huge numbers, impossible dates, unknown fields, bad ids and content types), with and without a
 * token. Deterministic for a seed, so a failure can be replayed.
 */

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>
}

export interface Operation {
  responses?: Record<string, { content?: Record<string, unknown> }>
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema is open-ended.
type Schema = Record<string, any>

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
  /** What was made hostile, to say in a failure. */
  label: string
  /** The operation it attacks, as the document names it: `GET /api/v1/offices/{id}`. */
  operation: string
}

export interface FuzzContext {
  /** Real ids of records in the database (offices, queues, desks, tickets, cards…). */
  ids: string[]
  /** Authorization headers to try, besides none and a forged one. */
  bearers: string[]
  /** Operations never sent with a real token (they would end the fuzzer's own session). */
  unauthenticatedOnly: Set<string>
}

/** A small, seeded PRNG (mulberry32). */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  }
}
type Random = ReturnType<typeof seededRandom>

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a'.repeat(20_000),
  'a\u0000b',
  'bell\u0007',
  '\u001b[31mred',
  '𝕏😀ЇїĄą',
  '\ud800',
  'Ā',
  "' or 1=1 --",
  '"; drop table users; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%ZZ',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  '2026-02-30',
  '2026-13-01',
  '9999-99-99T99:99:99Z',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e400',
  '-1',
  '0',
  'null',
  'true',
  '__proto__',
  '{"$ne":null}',
]
const HOSTILE_NUMBERS_JSON = [
  '1e400',
  '-1e400',
  '-1',
  '0',
  '-0',
  '9007199254740993',
  '1.5',
  '1e-400',
  '123456789012345678901234567890',
]
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [[[[[]]]]],
  { a: { b: { c: {} } } },
  0,
  -1,
  1.5,
  '',
]
const BAD_IDS = [
  'x',
  '0',
  '-1',
  'a'.repeat(300),
  '%00',
  '%ZZ',
  '..%2F..%2Fetc',
  '%F0%9D%95%8F',
  'null',
  '00000000-0000-0000-0000-000000000000',
  "1'%20or%20'1'='1",
]

/** A value that passes the schema where this generator can tell (formats, bounds, enums). */
export function validValue(schema: Schema | undefined, rnd: Random, ctx: FuzzContext, depth = 0): unknown {
  if (!schema || depth > 6) return null
  if (schema.anyOf || schema.oneOf)
    return validValue(rnd.pick(schema.anyOf ?? schema.oneOf), rnd, ctx, depth + 1)
  if (schema.enum) return rnd.pick(schema.enum)
  if (schema.const !== undefined) return schema.const
  if (schema.default !== undefined && rnd.chance(0.3)) return schema.default
  const type = Array.isArray(schema.type) ? rnd.pick(schema.type) : schema.type
  switch (type) {
    case 'string':
      return validString(schema, rnd, ctx)
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0
      const max = schema.maximum ?? Math.max(min, 10)
      return min + rnd.int(Math.min(max - min, 100) + 1)
    }
    case 'boolean':
      return rnd.chance(0.5)
    case 'null':
      return null
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, rnd.int(3))
      return Array.from({ length: Math.min(n, schema.maxItems ?? n) }, () =>
        validValue(schema.items, rnd, ctx, depth + 1),
      )
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set<string>(schema.required ?? [])
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.has(key) || rnd.chance(0.5)) out[key] = validValue(sub, rnd, ctx, depth + 1)
      }
      return out
    }
    default:
      return null
  }
}

function validString(schema: Schema, rnd: Random, ctx: FuzzContext): string {
  switch (schema.format) {
    case 'uuid':
      return rnd.chance(0.8) && ctx.ids.length ? rnd.pick(ctx.ids) : '0190b7a0-0000-7000-8000-000000000000'
    case 'date':
      return rnd.pick(['2026-12-01', '2026-12-24', '2027-01-04'])
    case 'date-time':
      return rnd.pick(['2026-12-01T09:00:00Z', '2026-11-30T10:00:00+02:00'])
    case 'uri':
      return 'https://example.org/x'
    case 'email':
      return 'someone@example.org'
  }
  if (schema.pattern) {
    const samples = ['A1', 'AB', 'ab', 'a', 'P30D', '09:00', 'PLN', 'TEST-CODE', '0100', 'x-1', '2026-12-01']
    const re = new RegExp(schema.pattern)
    const found = samples.find((s) => re.test(s))
    if (found) return found
  }
  const length = Math.max(schema.minLength ?? 1, 3)
  return 'Тест Test'.padEnd(length, 'x').slice(0, schema.maxLength ?? length)
}

/** The same value with one field (at any depth) replaced by something hostile. */
function mutate(value: unknown, rnd: Random): { value: unknown; label: string } {
  if (value && typeof value === 'object' && !Array.isArray(value) && rnd.chance(0.8)) {
    const keys = Object.keys(value)
    if (keys.length === 0 || rnd.chance(0.15)) {
      return {
        value: { ...value, [rnd.pick(['unknownField', '__proto__', 'constructor', 'a\u0000'])]: 1 },
        label: 'unknown field',
      }
    }
    const key = rnd.pick(keys)
    if (rnd.chance(0.1)) {
      const { [key]: _gone, ...rest } = value as Record<string, unknown>
      return { value: rest, label: `without ${key}` }
    }
    const inner = mutate((value as Record<string, unknown>)[key], rnd)
    return { value: { ...value, [key]: inner.value }, label: `${key}: ${inner.label}` }
  }
  if (Array.isArray(value) && value.length && rnd.chance(0.6)) {
    const i = rnd.int(value.length)
    const inner = mutate(value[i], rnd)
    const copy = [...value]
    copy[i] = inner.value
    return { value: copy, label: `[${i}]: ${inner.label}` }
  }
  if (rnd.chance(0.6)) {
    const s = rnd.pick(HOSTILE_STRINGS)
    return { value: s, label: JSON.stringify(s.slice(0, 20)) }
  }
  if (rnd.chance(0.5)) {
    const n = rnd.pick(HOSTILE_NUMBERS_JSON)
    return { value: new RawNumber(n), label: n }
  }
  const v = rnd.pick(HOSTILE_VALUES)
  return { value: v, label: JSON.stringify(v) }
}

/** A number written into the JSON text as it is (`1e400`), which JSON.stringify cannot write. */
class RawNumber {
  constructor(readonly text: string) {}
}

function toJson(value: unknown): string {
  const marks: string[] = []
  const text = JSON.stringify(value, (_k, v) => {
    if (v instanceof RawNumber) {
      marks.push(v.text)
      return `\u0001RAW${marks.length - 1}\u0001`
    }
    return v
  })
  return (text ?? 'null').replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i) => marks[Number(i)] as string)
}

/** Bodies that are hostile as a whole, not field by field. */
function hostileBody(rnd: Random): { payload: string; contentType: string; label: string } {
  return rnd.pick([
    { payload: '{', contentType: 'application/json', label: 'malformed JSON' },
    { payload: '', contentType: 'application/json', label: 'empty JSON body' },
    { payload: '[]', contentType: 'application/json', label: 'array body' },
    { payload: '"text"', contentType: 'application/json', label: 'string body' },
    { payload: 'null', contentType: 'application/json', label: 'null body' },
    {
      payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
      contentType: 'application/json',
      label: 'deep array',
    },
    {
      payload: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
      contentType: 'application/json',
      label: 'deep object',
    },
    {
      payload: `{"x":"${'a'.repeat(1_100_000)}"}`,
      contentType: 'application/json',
      label: 'over the body limit',
    },
    {
      payload: '{"__proto__":{"admin":true}}',
      contentType: 'application/json',
      label: 'prototype pollution',
    },
    { payload: 'name=x&name=y', contentType: 'application/x-www-form-urlencoded', label: 'form body' },
    {
      payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      contentType: 'application/xml',
      label: 'XML entity',
    },
    { payload: 'plain', contentType: 'text/plain', label: 'text body' },
    { payload: '{}', contentType: 'application/json; charset=latin1', label: 'odd charset' },
    { payload: '\u0000\u0001\u0002', contentType: 'application/octet-stream', label: 'binary body' },
  ])
}

/** `count` requests per operation of the document. */
export function* fuzzRequests(
  doc: OpenApiDoc,
  ctx: FuzzContext,
  count: number,
  seed: number,
): Generator<FuzzRequest> {
  const rnd = seededRandom(seed)
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const key = `${method.toUpperCase()} ${path}`
      for (let n = 0; n < count; n++) yield oneRequest(path, method, op, ctx, rnd, key)
    }
  }
}

function oneRequest(
  path: string,
  method: string,
  op: Operation,
  ctx: FuzzContext,
  rnd: Random,
  key: string,
): FuzzRequest {
  if (isStream(op)) return { ...streamRequest(path, rnd), operation: key }
  const headers: Record<string, string> = {}
  const auth = ctx.unauthenticatedOnly.has(key)
    ? rnd.pick(['none', 'forged'])
    : rnd.pick(['none', 'forged', 'real', 'real', 'real'])
  if (auth === 'forged')
    headers.authorization = rnd.pick(['Bearer x', 'Bearer ', 'Basic YTpi', `Bearer ${'a'.repeat(5000)}`])
  if (auth === 'real') headers.authorization = rnd.pick(ctx.bearers)
  // Which part is made hostile: a path parameter, the query, the body, a header, or nothing.
  const params = op.parameters ?? []
  const bodySchema = op.requestBody?.content['application/json']?.schema
  const targets = [
    ...(params.some((p) => p.in === 'path') ? ['path'] : []),
    ...(params.some((p) => p.in === 'query') ? ['query'] : []),
    ...(bodySchema ? ['body', 'body', 'body', 'whole body'] : []),
    'header',
    'none',
  ]
  const target = rnd.pick(targets)
  let label = `${auth} token, hostile ${target}`

  let url = path
  for (const p of params.filter((x) => x.in === 'path')) {
    const good = String(validValue(p.schema, rnd, ctx))
    const bad = target === 'path' && rnd.chance(0.7) ? rnd.pick(BAD_IDS) : null
    if (bad) label += ` ${p.name}=${bad.slice(0, 20)}`
    url = url.replace(`{${p.name}}`, bad ?? encodeURIComponent(good))
  }
  const query = new URLSearchParams()
  for (const p of params.filter((x) => x.in === 'query')) {
    if (target === 'query' && rnd.chance(0.5)) {
      const bad = rnd.pick(HOSTILE_STRINGS)
      query.append(p.name, bad)
      if (rnd.chance(0.2)) query.append(p.name, bad)
      label += ` ${p.name}=${JSON.stringify(bad.slice(0, 20))}`
    } else if (p.required || rnd.chance(0.4)) {
      const v = validValue(p.schema, rnd, ctx)
      if (v !== null && v !== undefined) query.append(p.name, String(v))
    }
  }
  if (target === 'query' && rnd.chance(0.2)) query.append('unknown', 'x')
  const qs = query.toString()
  if (qs) url += `?${qs}`

  let payload: string | undefined
  if (bodySchema || ['post', 'put', 'patch'].includes(method)) {
    if (target === 'whole body') {
      const body = hostileBody(rnd)
      payload = body.payload
      headers['content-type'] = body.contentType
      label += ` (${body.label})`
    } else {
      let value = validValue(bodySchema, rnd, ctx)
      if (target === 'body') {
        const m = mutate(value, rnd)
        value = m.value
        label += ` ${m.label}`
      }
      payload = toJson(value)
      headers['content-type'] = 'application/json'
    }
  }
  if (target === 'header') {
    const [name, value] = rnd.pick([
      ['if-match', '"not-a-version"'],
      ['if-match', 'W/"1"'],
      ['idempotency-key', 'k'.repeat(5000)],
      ['accept', 'application/ld+json'],
      ['accept-language', 'xx;q=abc, *;q=-1'],
      ['cookie', 'ratusz_session=forged; lang=zz'],
      ['x-forwarded-for', '1.2.3.4, ::1'],
      ['content-type', 'application/json'],
    ] as const)
    headers[name] = value
    label += ` ${name}: ${value.slice(0, 20)}`
  }
  return {
    method: method.toUpperCase(),
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    label,
    operation: key,
  }
}

/**
 * A live stream answers a good request with a response that never ends; of those, only requests that
 * must be refused at once (bad ids) are sent.
 */
const isStream = (op: Operation) => Boolean(op.responses?.['200']?.content?.['text/event-stream'])

function streamRequest(path: string, rnd: Random): Omit<FuzzRequest, 'operation'> {
  const bad = rnd.pick(BAD_IDS)
  return {
    method: 'GET',
    url: path.replace(/\{[^}]+\}/g, bad),
    headers: rnd.chance(0.5) ? { authorization: 'Bearer x' } : {},
    label: `stream with a bad id ${bad.slice(0, 20)}`,
  }
}

/** What an answer must never carry: a stack trace, SQL, or a driver's message. */
export const LEAK =
  /\bat [\w$.<>]+ \(|node_modules|SqliteError|better-sqlite3|syntax error at|\bselect .+ from |insert into |relation "|duplicate key|\bpg_|TypeError|ReferenceError/i
