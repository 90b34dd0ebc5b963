import { expect, it } from 'vitest'
import { publishCard } from '../support/cards.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoOffices } from '../support/factories.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

/** The body issue 4 requires to be accepted as it is. */
function idCard(officeId: string) {
  return {
    code: 'ID-CARD',
    name: {
      pl: 'Dowód osobisty — wydanie',
      uk: 'Паспорт громадянина — оформлення',
      en: 'Identity card — issue',
    },
    description: {
      pl: 'Wydanie dowodu osobistego.',
      uk: 'Оформлення паспорта громадянина.',
      en: 'Issuing an identity card.',
    },
    processingTime: 'P30D',
    fees: [{ amount: 0, currency: 'PLN', description: { pl: 'Bezpłatnie', uk: 'Безоплатно', en: 'Free' } }],
    requiredDocuments: [{ pl: 'Wniosek', uk: 'Заява', en: 'Application form' }],
    legalBasis: [{ title: 'Ustawa o dowodach osobistych', reference: 'Dz.U. 2022 poz. 671' }],
    offices: [{ officeId }],
    keywords: ['dowód', 'паспорт'],
  }
}

const t = (x: string) => ({ uk: x, pl: x, en: x })

async function setUp(dialect: 'sqlite' | 'postgres') {
  const app = await testApp(dialect, { demo: true })
  const offices = await demoOffices(app)
  const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
  return { app, offices, editor }
}

describeEachDatabase('service catalogue API', (dialect) => {
  it('takes a card as draft version 1, publishes it, keeps showing it while a new draft waits, then shows the new one', async () => {
    const { app, offices, editor } = await setUp(dialect)
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: editor,
      payload: idCard(offices['LUB-BOM']!.id),
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      code: 'ID-CARD',
      version: 1,
      status: 'draft',
      publishedVersion: null,
    })
    const id = created.json<{ id: string }>().id
    expect((await app.inject(`/api/v1/services/${id}`)).statusCode).toBe(404)

    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/services/${id}/publish`,
      headers: editor,
    })
    expect(published.json()).toMatchObject({ status: 'published', version: 1, publishedVersion: 1 })
    expect((await app.inject(`/api/v1/services/${id}`)).json()).toMatchObject({
      name: { en: 'Identity card — issue' },
    })

    const changed = { ...idCard(offices['LUB-BOM']!.id), processingTime: 'P1M' }
    const draft = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${id}`,
      headers: { ...editor, 'if-match': '"v1"' },
      payload: changed,
    })
    expect(draft.json()).toMatchObject({
      version: 2,
      latestVersion: 2,
      publishedVersion: 1,
      processingTime: 'P1M',
    })
    expect((await app.inject(`/api/v1/services/${id}`)).json()).toMatchObject({
      version: 1,
      processingTime: 'P30D',
    })
    const staff = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')
    expect(
      (await app.inject({ url: `/api/v1/services/${id}?version=2`, headers: staff })).json(),
    ).toMatchObject({ processingTime: 'P1M' })
    expect((await app.inject(`/api/v1/services/${id}?version=2`)).statusCode).toBe(404)

    await app.inject({ method: 'POST', url: `/api/v1/services/${id}/publish`, headers: editor })
    expect((await app.inject(`/api/v1/services/${id}`)).json()).toMatchObject({
      version: 2,
      processingTime: 'P1M',
    })

    const history = (await app.inject({ url: `/api/v1/services/${id}/history`, headers: editor })).json<{
      items: { version: number; author: string; changes: string[] }[]
    }>()
    expect(history.items.map((h) => [h.version, h.author, h.changes.includes('processingTime')])).toEqual([
      [1, 'demo-editor', true],
      [2, 'demo-editor', true],
    ])
    expect(history.items[1]!.changes).toEqual(['processingTime'])

    const withdrawn = await app.inject({
      method: 'POST',
      url: `/api/v1/services/${id}/withdraw`,
      headers: editor,
    })
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' })
    expect((await app.inject(`/api/v1/services/${id}`)).statusCode).toBe(404)
    expect((await app.inject('/api/v1/services?q=dowod')).json<{ items: unknown[] }>().items).toEqual([])
  })

  it('refuses a lost update (412), a changed code, a taken code (409) and bad fields (422 naming them)', async () => {
    const { app, offices, editor } = await setUp(dialect)
    const body = idCard(offices['LUB-BOM']!.id)
    const id = (
      await app.inject({ method: 'POST', url: '/api/v1/services', headers: editor, payload: body })
    ).json<{ id: string }>().id
    await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${id}`,
      headers: editor,
      payload: { ...body, keywords: ['zmiana'] },
    })
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/v1/services/${id}`,
          headers: { ...editor, 'if-match': '"v1"' },
          payload: body,
        })
      ).statusCode,
    ).toBe(412)
    const recoded = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${id}`,
      headers: editor,
      payload: { ...body, code: 'OTHER' },
    })
    expect(problemOf(recoded).errors?.[0]?.path).toBe('body.code')
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/services', headers: editor, payload: body }))
        .statusCode,
    ).toBe(409)
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: editor,
      payload: {
        ...body,
        code: 'X-2',
        processingTime: '30 days',
        fees: [{ amount: -1, currency: 'zł', description: t('x') }],
        name: { pl: 'Tylko po polsku' },
      },
    })
    expect(bad.statusCode).toBe(422)
    expect(problemOf(bad).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'body.processingTime',
        'body.fees[0].amount',
        'body.fees[0].currency',
        'body.name.uk',
        'body.name.en',
      ]),
    )
  })

  it('shows drafts only to staff who ask, and refuses writing to everyone but editors and admins', async () => {
    const { app, editor } = await setUp(dialect)
    await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: editor,
      payload: { code: 'DRAFT-ONLY', name: t('Draft only'), description: t('x') },
    })
    expect((await app.inject('/api/v1/services?drafts=true')).statusCode).toBe(401)
    const officer = await bearerFor(app, 'demo-officer', 'demo-officer-pass')
    const staffList = (await app.inject({ url: '/api/v1/services?drafts=true', headers: officer })).json<{
      items: { code: string; status: string }[]
    }>()
    expect(staffList.items).toEqual([expect.objectContaining({ code: 'DRAFT-ONLY', status: 'draft' })])
    expect((await app.inject('/api/v1/services')).json<{ items: unknown[] }>().items).toEqual([])
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/services',
          headers: officer,
          payload: { code: 'NOPE', name: t('x'), description: t('x') },
        })
      ).statusCode,
    ).toBe(403)
  })
})

describeEachDatabase('service catalogue search', (dialect) => {
  it('forgives case, diacritics and the alphabet, ranks names above descriptions, answers in the language asked', async () => {
    const { app, offices, editor } = await setUp(dialect)
    await publishCard(app, editor, idCard(offices['LUB-BOM']!.id))
    await publishCard(app, editor, {
      code: 'RESIDENCE',
      name: {
        uk: 'Реєстрація місця проживання',
        pl: 'Zameldowanie na pobyt stały',
        en: 'Registration of residence',
      },
      description: {
        uk: 'Потрібен паспорт громадянина.',
        pl: 'Potrzebny dowód osobisty lub paszport.',
        en: 'Bring an identity card or passport.',
      },
      categories: ['residence'],
      offices: [{ officeId: offices['LVIV-CNAP']!.id }],
    })
    const search = async (q: string, extra = '') =>
      (await app.inject(`/api/v1/services?q=${encodeURIComponent(q)}${extra}`)).json<{
        items: { code: string; name: string }[]
      }>().items

    expect((await search('dowod')).map((i) => i.code)).toEqual(['ID-CARD', 'RESIDENCE'])
    expect((await search('DOWÓD osobisty')).map((i) => i.code)).toEqual(['ID-CARD', 'RESIDENCE'])
    expect((await search('pasport')).map((i) => i.code)).toEqual(['ID-CARD', 'RESIDENCE'])
    expect((await search('довод')).map((i) => i.code)).toEqual(['ID-CARD', 'RESIDENCE'])
    expect((await search('zameldowanie')).map((i) => i.code)).toEqual(['RESIDENCE'])
    expect((await search('реєстрація', '&lang=pl'))[0]).toMatchObject({
      code: 'RESIDENCE',
      name: 'Zameldowanie na pobyt stały',
    })
    expect((await search('reiestratsiia', '&lang=en'))[0]).toMatchObject({
      name: 'Registration of residence',
    })
    expect(await search('nothing-like-this')).toEqual([])
    expect((await search('', `&office=${offices['LVIV-CNAP']!.id}`)).map((i) => i.code)).toEqual([
      'RESIDENCE',
    ])
    expect((await search('', '&category=residence')).map((i) => i.code)).toEqual(['RESIDENCE'])
    expect((await search('%')).length).toBe(2)
  })

  it('ranks a card named by its search words with the name matches: passport finds the ID card first, meldunek both registrations', async () => {
    const app = await testApp(dialect, { demo: true, demoCatalogue: true })
    const search = async (q: string, lang: string) =>
      (await app.inject(`/api/v1/services?q=${encodeURIComponent(q)}&lang=${lang}`))
        .json<{ items: { code: string }[] }>()
        .items.map((i) => i.code)
    const passport = await search('passport', 'en')
    expect(passport.slice(0, 2)).toEqual(['UA-PASSPORT', 'UA-TRAVEL-PASSPORT'])
    // Cards that only ask for a passport among their documents come after.
    expect(passport.indexOf('PL-MARRIAGE')).toBeGreaterThan(1)
    expect(await search('meldunek', 'pl')).toEqual(['PL-RESIDENCE', 'PL-RESIDENCE-TEMP'])

    // Cards published before search words counted as names are folded again at start.
    await app.database.db
      .updateTable('services' as never)
      .set({ searchName: ' stale ' } as never)
      .execute()
    expect((await search('passport', 'en'))[0]).not.toBe('UA-PASSPORT')
    expect(await app.services.catalogue.refreshSearchNames()).toBeGreaterThan(0)
    expect((await search('passport', 'en'))[0]).toBe('UA-PASSPORT')
    expect(await app.services.catalogue.refreshSearchNames()).toBe(0)
  })

  it('pages through results with a cursor', async () => {
    const { app, editor } = await setUp(dialect)
    for (let i = 1; i <= 5; i++)
      await publishCard(app, editor, {
        code: `CARD-${i}`,
        name: t(`Card ${i}`),
        description: t('Common text'),
      })
    const first = (await app.inject('/api/v1/services?limit=2&q=card')).json<{
      items: { code: string }[]
      nextCursor: string
    }>()
    const second = (await app.inject(`/api/v1/services?limit=2&q=card&cursor=${first.nextCursor}`)).json<{
      items: { code: string }[]
      nextCursor: string
    }>()
    const third = (await app.inject(`/api/v1/services?limit=2&q=card&cursor=${second.nextCursor}`)).json<{
      items: { code: string }[]
      nextCursor: string | null
    }>()
    expect([...first.items, ...second.items, ...third.items].map((i) => i.code)).toEqual([
      'CARD-1',
      'CARD-2',
      'CARD-3',
      'CARD-4',
      'CARD-5',
    ])
    expect(third.nextCursor).toBeNull()
  })
})
