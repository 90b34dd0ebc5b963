import { expect, it } from 'vitest'
import { demoCatalogue } from '../../src/app/demo/demo-catalogue.js'
import { type ServiceDto, toCpsvAp } from '../../src/modules/catalogue/index.js'
import { describeEachDatabase } from '../support/databases.js'
import { cpsvViolations } from '../support/shacl.js'
import { testApp } from '../support/test-app.js'

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
    expect(catalogue['@graph']).toHaveLength(32)
    expect(await cpsvViolations(catalogue)).toEqual([])
  })
})
