import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app/build-app.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'
import { listeningApp } from '../support/listening-app.js'
import { ROOT } from '../support/process.js'
import { testConfig } from '../support/test-app.js'

interface Doc {
  servers?: { url: string }[]
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string
        security?: object[]
        responses: Record<
          string,
          { description: string; content?: Record<string, unknown>; headers?: object }
        >
      }
    >
  >
}

/** The document a fresh app serves (built here, so that a hook before the tests may call it too). */
async function documentOf(config = {}) {
  const database = await freshDatabase('sqlite', { keepOpen: true })
  const app = await buildApp({
    config: testConfig({ publicUrl: 'https://ratusz.example.gov.ua', ...config }),
    database,
    logger: false,
  })
  try {
    return (await app.inject('/api/openapi.json')).json<Doc & Record<string, unknown>>()
  } finally {
    await app.close()
  }
}

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, ...op })),
  )

describe('the OpenAPI document, as generators and linters read it', () => {
  it('names the server, gives every operation a unique operationId and every answer a description', async () => {
    const doc = await documentOf()
    expect(doc.servers).toEqual([{ url: 'https://ratusz.example.gov.ua', description: expect.any(String) }])
    const ops = operations(doc)
    expect(ops.length).toBeGreaterThan(150)
    expect(ops.filter((op) => !op.operationId).map((op) => op.key)).toEqual([])
    const ids = ops.map((op) => op.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining(['issueTicket', 'callNext', 'bookAppointment', 'registerIncoming']),
    )
    const undescribed = ops.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([, r]) => !r.description || r.description === 'Default Response')
        .map(([status]) => `${op.key} ${status}`),
    )
    expect(undescribed).toEqual([])
    // Every operation says what success looks like.
    expect(
      ops.filter((op) => !Object.keys(op.responses).some((s) => s.startsWith('2'))).map((op) => op.key),
    ).toEqual([])
  })

  it('documents refusals as application/problem+json, the media type the server sends', async () => {
    const doc = await documentOf()
    const wrong = operations(doc).flatMap((op) =>
      Object.entries(op.responses)
        .filter(
          ([status, r]) =>
            Number(status) >= 400 && Object.keys(r.content ?? {}).join() !== 'application/problem+json',
        )
        .map(([status]) => `${op.key} ${status}`),
    )
    expect(wrong).toEqual([])
  })

  it('declares the headers and representations the server sends: ETag, Location, JSON-LD', async () => {
    const doc = await documentOf()
    const op = (key: string) => operations(doc).find((o) => o.key === key)!
    expect(op('GET /api/v1/offices/{id}').responses['200']!.headers).toHaveProperty('ETag')
    expect(op('PATCH /api/v1/offices/{id}').responses['200']!.headers).toHaveProperty('ETag')
    expect(op('POST /api/v1/users').responses['201']!.headers).toHaveProperty('Location')
    expect(Object.keys(op('GET /api/v1/services/{id}').responses['200']!.content!)).toEqual([
      'application/json',
      'application/ld+json',
    ])
    expect(Object.keys(op('GET /api/v1/catalogue.jsonld').responses['200']!.content!)).toEqual([
      'application/ld+json',
    ])
  })

  it('marks the operations that need no token, and the metrics token when one is set', async () => {
    const open = await documentOf()
    const anonymous = (o: { security?: object[] }) =>
      o.security !== undefined &&
      (o.security.length === 0 || o.security.some((r) => Object.keys(r).length === 0))
    for (const key of [
      'GET /healthz',
      'GET /readyz',
      'GET /metrics',
      'GET /api/v1/calendar/{country}/{year}',
    ])
      expect(anonymous(operations(open).find((o) => o.key === key)!), key).toBe(true)
    expect((open.components as { securitySchemes: object }).securitySchemes).not.toHaveProperty(
      'metricsToken',
    )
    const closed = await documentOf({ metricsToken: 'a-scraper-token-of-some-length' })
    expect(operations(closed).find((o) => o.key === 'GET /metrics')!.security).toEqual([{ metricsToken: [] }])
  })

  it("passes Redocly's recommended rules with no error, and only the warnings explained here", async () => {
    const doc = await documentOf()
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config: await createConfig({ extends: ['recommended'] }),
    })
    const found = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}`)
    expect(found.filter((p) => p.startsWith('error'))).toEqual([])
    expect(found.sort()).toEqual(
      [
        // The project has not chosen its licence yet (package.json: UNLICENSED).
        'warn info-license #/info',
        // Liveness, readiness, the JSON Schema of forms and the whole catalogue refuse nobody.
        'warn operation-4xx-response #/paths/~1healthz/get/responses',
        'warn operation-4xx-response #/paths/~1readyz/get/responses',
        'warn operation-4xx-response #/paths/~1metrics/get/responses',
        'warn operation-4xx-response #/paths/~1api~1v1~1forms~1schema.json/get/responses',
        'warn operation-4xx-response #/paths/~1api~1v1~1catalogue.jsonld/get/responses',
      ].sort(),
    )
  })
})

/** A few operations through a client typed by openapi-typescript, as an integrator writes them. */
const USAGE = `
import createClient from 'openapi-fetch'
import type { paths } from './ratusz-api.js'

export async function tour(baseUrl: string, login: string, password: string) {
  const client = createClient<paths>({ baseUrl })
  const signIn = await client.POST('/api/v1/auth/login', { body: { login, password } })
  if (!signIn.data) throw new Error(\`sign-in: \${signIn.response.status}\`)
  const authorization = \`Bearer \${signIn.data.token}\`
  const cards = await client.GET('/api/v1/services', { params: { query: { lang: 'en', limit: 5 } } })
  const first = cards.data?.items[0]
  const card = first ? await client.GET('/api/v1/services/{id}', { params: { path: { id: first.id } } }) : null
  const offices = await client.GET('/api/v1/offices', { headers: { authorization } })
  const missing = await client.GET('/api/v1/tickets/{id}', {
    params: { path: { id: '0190b7a0-0000-7000-8000-000000000000' } },
  })
  const refused = await client.POST('/api/v1/offices', { headers: { authorization }, body: {} as never })
  return {
    // The card has two representations (JSON, JSON-LD): its body types as either; the list's items as JSON.
    card: first?.name ?? null,
    read: card?.response.status ?? null,
    etag: card?.response.headers.get('etag') ?? null,
    offices: (offices.data?.items ?? []).map((office) => office.code).sort(),
    missing: missing.error?.code ?? null,
    refused: refused.error?.errors?.map((e) => e.path) ?? [],
  }
}
`

describeEachDatabase('a client generated with openapi-typescript', (dialect) => {
  let tour: (baseUrl: string, login: string, password: string) => Promise<Record<string, unknown>>

  beforeAll(async () => {
    // Inside the project, so that the client's `openapi-fetch` resolves from node_modules.
    mkdirSync(join(ROOT, '.cache'), { recursive: true })
    const dir = mkdtempSync(join(ROOT, '.cache', 'typed-client-'))
    try {
      const ast = await openapiTS((await documentOf()) as unknown as Parameters<typeof openapiTS>[0])
      writeFileSync(join(dir, 'ratusz-api.ts'), astToString(ast))
      writeFileSync(join(dir, 'usage.ts'), USAGE)
      const program = ts.createProgram([join(dir, 'ratusz-api.ts'), join(dir, 'usage.ts')], {
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
        types: [],
        skipLibCheck: true,
      })
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      expect(diagnostics).toEqual([])
      tour = (await import(pathToFileURL(join(dir, 'usage.ts')).href)).tour
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('compiles under tsc --strict and calls the API: sign-in, cards, offices, a 404 and a 400 as typed problems', async () => {
    const { app, url } = await listeningApp(dialect)
    try {
      expect(await tour(url, 'demo-admin', 'demo-admin-pass')).toEqual({
        card: expect.any(String),
        read: 200,
        // fetch asks for gzip: the encoded answer carries the weak form of the version tag.
        etag: expect.stringMatching(/^W\/"v\d+"$/),
        offices: expect.arrayContaining(['LVIV-CNAP']),
        missing: 'NOT_FOUND',
        refused: expect.arrayContaining(['body.code']),
      })
    } finally {
      await app.close()
    }
  })
})
