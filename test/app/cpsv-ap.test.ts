// needs ../shared/vectors (SEMIC's CPSV-AP shapes and example)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { demoCatalogue } from '../../src/app/demo/demo-catalogue.js'
import { type ServiceDto, toCpsvAp } from '../../src/modules/catalogue/index.js'
import { describeEachDatabase } from '../support/databases.js'
import { assertVectors, CPSV_VECTORS, cpsvViolations } from '../support/shacl.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

const authority = {
  iri: 'https://e-office.example/offices/LUB-BOM',
  name: {
    uk: 'Бюро обслуговування мешканців у Любліні',
    pl: 'Biuro Obsługi Mieszkańców w Lublinie',
    en: 'Lublin Residents’ Service Office',
  },
  country: 'PL',
  email: 'bom@lublin.example',
  phone: '+48 81 466 1000',
}

it('exports every demo card as CPSV-AP 3.2.0 JSON-LD that conforms to SEMIC’s SHACL shapes', async () => {
  const cards = demoCatalogue({
    'LUB-BOM': '0190b7a0-0000-7000-8000-000000000001',
    'LVIV-CNAP': '0190b7a0-0000-7000-8000-000000000002',
  })
  for (const card of cards) {
    const dto: ServiceDto = {
      id: '0190b7a0-0000-7000-8000-000000000009',
      ...card,
      status: 'published',
      version: 1,
      latestVersion: 1,
      publishedVersion: 1,
      publishedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
    const violations = await cpsvViolations(toCpsvAp(dto, 'https://e-office.example', authority))
    expect(violations, `${card.code}: ${JSON.stringify(violations, null, 1)}`).toEqual([])
  }
})

it('finds a card without its competent authority non-conformant (the validator is not a rubber stamp)', async () => {
  const [card] = demoCatalogue({ 'LUB-BOM': '0190b7a0-0000-7000-8000-000000000001' })
  const dto = {
    id: 'x',
    ...card!,
    status: 'published',
    version: 1,
    latestVersion: 1,
    publishedVersion: 1,
    publishedAt: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
  } as ServiceDto
  const doc = toCpsvAp(dto, 'https://e-office.example', authority)
  delete doc['cv:hasCompetentAuthority']
  const violations = await cpsvViolations(doc)
  expect(violations.some((v) => v.path === 'http://data.europa.eu/m8g/hasCompetentAuthority')).toBe(true)
})

describeEachDatabase('CPSV-AP from the API', (dialect) => {
  it('serves a published card and the whole catalogue as conformant JSON-LD', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const found = (await app.inject('/api/v1/services?q=UA-PASSPORT')).json<{
      items: { id: string; code: string }[]
    }>()
    const passport = found.items.find((i) => i.code === 'UA-PASSPORT')!
    const res = await app.inject({
      url: `/api/v1/services/${passport.id}`,
      headers: { accept: 'application/ld+json' },
    })
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    const doc = res.json<Record<string, unknown>>()
    expect(doc).toMatchObject({
      '@type': 'cpsv:PublicService',
      'dct:identifier': 'UA-PASSPORT',
      'cv:processingTime': { '@value': 'P20D' },
    })
    expect(JSON.stringify(doc['cv:hasCompetentAuthority'])).toContain(
      'Центр надання адміністративних послуг м. Львова',
    )
    expect(await cpsvViolations(doc)).toEqual([])
    expect((await app.inject(`/api/v1/services/${passport.id}`)).json()).toMatchObject({
      code: 'UA-PASSPORT',
    })

    const catalogue = (await app.inject('/api/v1/catalogue.jsonld')).json<{ '@graph': unknown[] }>()
    expect(catalogue['@graph']).toHaveLength(33)
    expect(await cpsvViolations(catalogue)).toEqual([])
  })
})

describeEachDatabase('CPSV-AP import', (dialect) => {
  const ld = (body: unknown, headers: Record<string, string>) => ({
    method: 'POST' as const,
    url: '/api/v1/services/import',
    headers: { ...headers, 'content-type': 'application/ld+json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  })

  it('imports SEMIC’s example as a draft, and again under a numbered code', async () => {
    assertVectors()
    const app = await testApp(dialect, { demo: true })
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const example = readFileSync(join(CPSV_VECTORS, 'example-public-service.jsonld'), 'utf8')
    const res = await app.inject(ld(example, editor))
    expect(res.statusCode, res.body).toBe(201)
    const { imported, ids } = res.json<{ imported: number; ids: string[] }>()
    expect(imported).toBe(1)
    const card = (await app.inject({ url: `/api/v1/services/${ids[0]}`, headers: editor })).json()
    expect(card).toMatchObject({
      code: 'TAX-ON-WEB',
      status: 'draft',
      name: { en: 'Tax-on-web', pl: 'Tax-on-web', uk: 'Tax-on-web' },
      description: { en: "Service pour la déclaration à l'impôt des personnes physiques en ligne" },
      requiredDocuments: [{ en: "Attestation garde d'enfants" }],
      channels: [{ type: 'in-person' }],
    })
    const again = await app.inject(ld(example, editor))
    const second = (
      await app.inject({ url: `/api/v1/services/${again.json<{ ids: string[] }>().ids[0]}`, headers: editor })
    ).json()
    expect(second).toMatchObject({ code: 'TAX-ON-WEB-2' })
  })

  it('reads back what it exports', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const found = (await app.inject('/api/v1/services?q=PL-BUILDING-PERMIT')).json<{
      items: { id: string; code: string }[]
    }>()
    const id = found.items.find((i) => i.code === 'PL-BUILDING-PERMIT')!.id
    const original = (await app.inject(`/api/v1/services/${id}`)).json<Record<string, unknown>>()
    const exported = (
      await app.inject({ url: `/api/v1/services/${id}`, headers: { accept: 'application/ld+json' } })
    ).body
    const res = await app.inject(ld(exported, editor))
    const copy = (
      await app.inject({ url: `/api/v1/services/${res.json<{ ids: string[] }>().ids[0]}`, headers: editor })
    ).json<Record<string, unknown>>()
    expect(copy.code).toBe('PL-BUILDING-PERMIT-2')
    for (const field of ['name', 'description', 'processingTime', 'fees', 'requiredDocuments', 'channels'])
      expect(copy[field], field).toEqual(original[field])
    expect((copy.legalBasis as { title: string }[])[0]!.title).toBe('Prawo budowlane')
  })

  it('refuses bad input: not JSON, no PublicService, a remote context, the wrong content type, a non-editor', async () => {
    const app = await testApp(dialect, { demo: true })
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    expect((await app.inject(ld('{not json', editor))).statusCode).toBe(400)
    const none = await app.inject(
      ld({ '@context': { dct: 'http://purl.org/dc/terms/' }, 'dct:title': 'x' }, editor),
    )
    expect(none.statusCode).toBe(422)
    expect(problemOf(none).errors?.[0]?.message).toBe('holds no cpsv:PublicService')
    const remote = await app.inject(
      ld({ '@context': 'https://evil.example/context.jsonld', '@type': 'PublicService' }, editor),
    )
    expect(remote.statusCode).toBe(422)
    expect(problemOf(remote).code).toBe('REMOTE_CONTEXT_REFUSED')
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/services/import',
      headers: editor,
      payload: { a: 1 },
    })
    expect(json.statusCode).toBe(415)
    const officer = await bearerFor(app, 'demo-officer', 'demo-officer-pass')
    expect((await app.inject(ld({ '@type': 'x' }, officer))).statusCode).toBe(403)
  })
})
