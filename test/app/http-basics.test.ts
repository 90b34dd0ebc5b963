import { expect, it, onTestFinished } from 'vitest'
import { buildApp } from '../../src/app/build-app.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'
import { bearerFor, problemOf, testApp, testConfig } from '../support/test-app.js'

describeEachDatabase('HTTP basics', (dialect) => {
  it('answers /healthz and /readyz while the database is up', async () => {
    const app = await testApp(dialect)
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    const ready = await app.inject('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready' })
  })

  it('answers /readyz with 503 problem+json when the database is gone', async () => {
    const database = await freshDatabase(dialect, { keepOpen: true })
    const app = await buildApp({ config: testConfig(), database, logger: false })
    onTestFinished(() => app.close())
    await database.close()
    const res = await app.inject('/readyz')
    expect(res.statusCode).toBe(503)
    expect(problemOf(res)).toMatchObject({ code: 'NOT_READY', status: 503 })
    expect((await app.inject('/healthz')).statusCode).toBe(200)
  })

  it('gives an unknown API route a 404 problem+json', async () => {
    const app = await testApp(dialect)
    const res = await app.inject('/api/v1/anything-unknown')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = problemOf(res)
    expect(problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      type: '/errors/not-found',
      title: 'Not found',
    })
  })

  it('gives an unknown page an accessible HTML 404 in the chosen language', async () => {
    const app = await testApp(dialect)
    const res = await app.inject('/no-such-page?lang=pl')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<html lang="pl">')
    expect(res.body).toContain('Nie znaleziono strony')
    expect(res.body).toContain(res.headers['x-request-id'] as string)
  })

  it('refuses malformed JSON with 400 problem+json', async () => {
    const app = await testApp(dialect)
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": "x", ',
    })
    expect(res.statusCode).toBe(400)
    expect(problemOf(res).code).toBe('MALFORMED_JSON')
  })

  it('refuses a schema violation with 422 naming each field', async () => {
    const app = await testApp(dialect)
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 42, extra: true },
    })
    expect(res.statusCode).toBe(422)
    const problem = problemOf(res)
    expect(problem.code).toBe('VALIDATION_FAILED')
    const paths = problem.errors?.map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['body.password', 'body.extra']))
  })

  it('refuses a body that is too large with 413, and an unknown content type with 415', async () => {
    const app = await testApp(dialect, { config: { bodyLimit: 2048 } })
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'x'.repeat(5000), password: 'y' },
    })
    expect(big.statusCode).toBe(413)
    expect(problemOf(big).code).toBe('PAYLOAD_TOO_LARGE')
    const odd = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-odd' },
      payload: 'hi',
    })
    expect(odd.statusCode).toBe(415)
  })

  it('tags every response with x-request-id and keeps a sane incoming one', async () => {
    const app = await testApp(dialect)
    const fresh = await app.inject('/healthz')
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await app.inject({ url: '/api/v1/nope', headers: { 'x-request-id': 'proxy-1234-abcd' } })
    expect(kept.headers['x-request-id']).toBe('proxy-1234-abcd')
    expect(problemOf(kept)).toMatchObject({ requestId: 'proxy-1234-abcd' })
    const hostile = await app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } })
    expect(hostile.headers['x-request-id']).not.toBe('<script>')
  })

  it('sends security headers: CSP without inline scripts, nosniff, frame and referrer policies', async () => {
    const app = await testApp(dialect)
    const res = await app.inject('/')
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  })

  it('counts requests by route template in /metrics', async () => {
    const app = await testApp(dialect)
    await app.inject('/healthz')
    await app.inject('/api/v1/offices/0190b7a0-0000-7000-8000-000000000000')
    const res = await app.inject('/metrics')
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toMatch(/ratusz_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/)
    expect(res.body).toContain('route="/api/v1/offices/:id",status="401"')
    expect(res.body).toContain('ratusz_http_request_duration_seconds_bucket')
    expect(res.body).toContain('ratusz_process_resident_memory_bytes')
  })

  it('publishes an OpenAPI 3.1 document of the API routes and a browsable page', async () => {
    const app = await testApp(dialect)
    const doc = (await app.inject('/api/openapi.json')).json<{
      openapi: string
      paths: Record<string, unknown>
    }>()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/offices',
        '/api/v1/offices/{id}',
        '/healthz',
        '/readyz',
      ]),
    )
    const ui = await app.inject('/api/docs/')
    expect(ui.statusCode).toBe(200)
    expect(ui.body).toContain('swagger')
  })

  it('tells caches not to keep what a signed-in API request gets', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const me = await app.inject({ url: '/api/v1/me', headers: admin })
    expect(me.headers['cache-control']).toBe('private, no-store')
    // An answer with an ETag may still be revalidated, by the user's own browser only.
    const offices = await app.inject({ url: '/api/v1/offices', headers: admin })
    expect(offices.headers['cache-control']).toMatch(/^private, /)
    // Public answers keep their own caching.
    const cards = await app.inject('/api/v1/services')
    expect(String(cards.headers['cache-control'] ?? '')).not.toMatch(/private/)
  })
})
