import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoOffices } from '../support/factories.js'
import { bearerFor, testApp } from '../support/test-app.js'

async function aPublishedCard(app: Awaited<ReturnType<typeof testApp>>) {
  const list = await app.inject('/api/v1/services?limit=1')
  return list.json<{ items: { id: string; code: string }[] }>().items[0]!
}

describeEachDatabase('HTTP as caches, proxies and clients expect it', (dialect) => {
  it('answers a conditional GET with 304 when the ETag held is current, and 200 once it changed', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const card = await aPublishedCard(app)
    const first = await app.inject(`/api/v1/services/${card.id}`)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"v\d+"$/)
    const again = await app.inject({ url: `/api/v1/services/${card.id}`, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    expect(again.headers.etag).toBe(etag)
    expect(again.headers.vary).toMatch(/Accept/)
    // A list of tags, a weak form of the same tag, and `*` all match; another tag does not.
    for (const held of [`"v0", ${etag}`, `W/${etag}`, '*'])
      expect(
        (await app.inject({ url: `/api/v1/services/${card.id}`, headers: { 'if-none-match': held } }))
          .statusCode,
        held,
      ).toBe(304)
    const other = await app.inject({
      url: `/api/v1/services/${card.id}`,
      headers: { 'if-none-match': '"v999"' },
    })
    expect(other.statusCode).toBe(200)
    expect(other.json()).toMatchObject({ id: card.id })

    // An office (staff read): the same, and after an edit the old tag gets the new version.
    const offices = await demoOffices(app)
    const headers = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const office = await app.inject({ url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}`, headers })
    const officeTag = office.headers.etag as string
    const held = { ...headers, 'if-none-match': officeTag }
    expect(
      (await app.inject({ url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}`, headers: held })).statusCode,
    ).toBe(304)
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}`,
      headers: { ...headers, 'if-match': officeTag },
      payload: { contact: { phone: '+380 32 000 00 00' } },
    })
    expect(edit.statusCode).toBe(200)
    const after = await app.inject({ url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}`, headers: held })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(officeTag)
  })

  it('gives the JSON and the JSON-LD of a card their own ETags, varying on Accept; a card page leads to its JSON-LD', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const card = await aPublishedCard(app)
    const json = await app.inject(`/api/v1/services/${card.id}`)
    const ld = await app.inject({
      url: `/api/v1/services/${card.id}`,
      headers: { accept: 'application/ld+json' },
    })
    expect(ld.headers['content-type']).toMatch(/^application\/ld\+json/)
    expect(ld.headers.etag).toBeTruthy()
    expect(ld.headers.etag).not.toBe(json.headers.etag)
    expect(json.headers.vary).toMatch(/Accept/)
    expect(ld.headers.vary).toMatch(/Accept/)
    // The JSON-LD's tag revalidates the JSON-LD, not the JSON.
    const held = { 'if-none-match': ld.headers.etag as string }
    expect(
      (
        await app.inject({
          url: `/api/v1/services/${card.id}`,
          headers: { ...held, accept: 'application/ld+json' },
        })
      ).statusCode,
    ).toBe(304)
    expect((await app.inject({ url: `/api/v1/services/${card.id}`, headers: held })).statusCode).toBe(200)

    // The card page: HTML for a browser, with a link to the JSON-LD; JSON-LD for who asks for it.
    const page = await app.inject({
      url: `/services/${card.code}`,
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    })
    expect(page.statusCode).toBe(200)
    expect(page.headers.vary).toMatch(/Accept/)
    expect(page.body).toContain(
      `<link rel="alternate" type="application/ld+json" href="/api/v1/services/${card.id}">`,
    )
    for (const accept of ['application/ld+json', 'text/html;q=0.5, application/ld+json']) {
      const negotiated = await app.inject({ url: `/services/${card.code}`, headers: { accept } })
      expect(negotiated.statusCode, accept).toBe(303)
      expect(negotiated.headers.location).toBe(`/api/v1/services/${card.id}`)
      expect(negotiated.headers.vary).toMatch(/Accept/)
    }
    // The catalogue's `@id` of the card is that page.
    const catalogue = (await app.inject('/api/v1/catalogue.jsonld')).json<{ '@graph': { '@id': string }[] }>()
    expect(catalogue['@graph'].some((node) => node['@id'].endsWith(`/services/${card.code}`))).toBe(true)
  })

  it('compresses with brotli or gzip for clients that accept it, weakening the ETag of what it encodes', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const plain = await app.inject('/api/v1/catalogue.jsonld')
    expect(plain.headers['content-encoding']).toBeUndefined()
    const br = await app.inject({
      url: '/api/v1/catalogue.jsonld',
      headers: { 'accept-encoding': 'br, gzip' },
    })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body)
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4)
    const gzip = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toMatchObject({ openapi: '3.1.0' })
    // An HTML page, and a versioned record: its strong tag becomes weak once encoded, and still revalidates.
    const card = await aPublishedCard(app)
    const page = await app.inject({ url: `/services/${card.code}`, headers: { 'accept-encoding': 'gzip' } })
    expect(page.headers['content-encoding']).toBe('gzip')
    expect(page.headers.etag).toMatch(/^W\//)
    const encoded = await app.inject({
      url: `/api/v1/services/${card.id}`,
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(encoded.headers['content-encoding']).toBe('gzip')
    expect(encoded.headers.etag).toMatch(/^W\/"v\d+"$/)
    const revalidated = await app.inject({
      url: `/api/v1/services/${card.id}`,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': encoded.headers.etag as string },
    })
    expect(revalidated.statusCode).toBe(304)
    // Files that are compressed already are not compressed again; small answers are sent as they are.
    expect(
      (await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } })).headers[
        'content-encoding'
      ],
    ).toBeUndefined()
  })

  it('answers HEAD on the board stream with its headers at once', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const head = await app.inject({
      method: 'HEAD',
      url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}/board/events`,
    })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(head.body).toBe('')
    const unknown = await app.inject({
      method: 'HEAD',
      url: '/api/v1/offices/0190b7a0-0000-7000-8000-000000000000/board/events',
    })
    expect(unknown.statusCode).toBe(404)
  })

  it('names its metrics as Prometheus wants, and keeps them to the scraper holding the token when one is set', async () => {
    const open = await testApp(dialect)
    const text = (await open.inject('/metrics')).body
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }))
    expect(types.length).toBeGreaterThan(10)
    expect(types.filter((t) => t.type !== 'counter' && t.name!.endsWith('_total'))).toEqual([])
    expect(types.filter((t) => t.type === 'counter' && !t.name!.endsWith('_total'))).toEqual([])
    expect(types.map((t) => t.name)).toContain('ratusz_nodejs_active_handles')

    const token = 'a-scraper-token-of-some-length'
    const closed = await testApp(dialect, { config: { metricsToken: token } })
    const refused = await closed.inject('/metrics')
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/)
    expect(refused.body).not.toContain('nodejs_version_info')
    expect(
      (await closed.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token' } })).statusCode,
    ).toBe(401)
    const scraped = await closed.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })
    expect(scraped.statusCode).toBe(200)
    expect(scraped.body).toContain('ratusz_http_requests_total')
    // The refusals are problems like any other, and audited as denied accesses.
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    const { rows } = await sql<{ n: number }>`select count(*) as n from audit_log
      where action = 'access.denied' and subject_id = 'GET /metrics'`.execute(closed.database.db)
    expect(Number(rows[0]!.n)).toBeGreaterThan(0)
  })
})
