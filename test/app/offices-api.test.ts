import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { demoOffices, officeBody } from '../support/factories.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

const unitName = { uk: 'Відділ', pl: 'Wydział', en: 'Department' }

describeEachDatabase('offices API', (dialect) => {
  it('creates an office that the network sees, with an ETag, and refuses a taken code or unknown timezone', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/offices',
      headers: admin,
      payload: officeBody('SAMBIR-CNAP'),
    })
    expect(created.statusCode).toBe(201)
    expect(created.headers.etag).toBe('"v1"')
    expect(created.json()).toMatchObject({
      code: 'SAMBIR-CNAP',
      status: 'active',
      timezone: 'Europe/Kyiv',
      version: 1,
    })
    const coordinator = await bearerFor(app, 'demo-coordinator', 'demo-coordinator-pass')
    const codes = (await app.inject({ url: '/api/v1/offices', headers: coordinator }))
      .json<{ items: { code: string }[] }>()
      .items.map((o) => o.code)
    expect(codes).toContain('SAMBIR-CNAP')

    const taken = await app.inject({
      method: 'POST',
      url: '/api/v1/offices',
      headers: admin,
      payload: officeBody('SAMBIR-CNAP'),
    })
    expect(taken.statusCode).toBe(409)
    const zone = await app.inject({
      method: 'POST',
      url: '/api/v1/offices',
      headers: admin,
      payload: { ...officeBody('X-1'), timezone: 'Europe/Atlantis' },
    })
    expect(zone.statusCode).toBe(422)
    expect(problemOf(zone).errors).toEqual([
      { path: 'body.timezone', message: 'is not an IANA timezone such as Europe/Kyiv' },
    ])
    const name = await app.inject({
      method: 'POST',
      url: '/api/v1/offices',
      headers: admin,
      payload: { ...officeBody('X-2'), name: { uk: 'Лише українською' } },
    })
    expect(problemOf(name).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.name.pl', 'body.name.en']),
    )
  })

  it('lets the office’s manager change it, refuses a stale If-Match, and hides an inactive office from the public', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const stryi = offices['STRYI-CNAP']!.id
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/offices/${stryi}`,
          headers: manager,
          payload: { status: 'inactive' },
        })
      ).statusCode,
    ).toBe(403)
    const lviv = offices['LVIV-CNAP']!.id
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/offices/${lviv}`,
      headers: { ...manager, 'if-match': '"v1"' },
      payload: { contact: { phone: '+380 32 111 2233' } },
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ version: 2, contact: { phone: '+380 32 111 2233' } })
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/offices/${lviv}`,
      headers: { ...manager, 'if-match': '"v1"' },
      payload: { contact: {} },
    })
    expect(stale.statusCode).toBe(412)
    const garbage = await app.inject({
      method: 'PATCH',
      url: `/api/v1/offices/${lviv}`,
      headers: { ...manager, 'if-match': 'whatever' },
      payload: { contact: {} },
    })
    expect(garbage.statusCode).toBe(412)

    expect((await app.inject('/?lang=en')).body).toContain('Stryi Administrative Services Centre')
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/offices/${stryi}`,
      headers: admin,
      payload: { status: 'inactive' },
    })
    expect((await app.inject('/?lang=en')).body).not.toContain('Stryi Administrative Services Centre')
  })

  it('validates unit codes by the records rule: letters and digits with at least one letter, unique in the office', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const add = (officeId: string, code: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/offices/${officeId}/units`,
        headers: admin,
        payload: { code, name: unitName },
      })
    const lublin = offices['LUB-BOM']!.id
    for (const code of ['B2', 'A1c', '11d']) expect((await add(lublin, code)).statusCode, code).toBe(201)
    for (const code of ['123', 'O.R', 'O R']) {
      const res = await add(lublin, code)
      expect(res.statusCode, code).toBe(422)
      expect(problemOf(res).errors?.[0]?.path).toBe('body.code')
    }
    const duplicate = await add(lublin, 'OR')
    expect(duplicate.statusCode).toBe(409)
    expect(problemOf(duplicate).code).toBe('UNIT_CODE_TAKEN')
    expect((await add(offices['STRYI-CNAP']!.id, 'OR')).statusCode).toBe(201)
  })

  it('renames a unit without changing its code', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const units = (
      await app.inject({ url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}/units`, headers: manager })
    ).json<{ items: { id: string; code: string }[] }>().items
    const rm = units.find((u) => u.code === 'RM')!
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${rm.id}`,
      headers: manager,
      payload: { name: { uk: 'Реєстрація', pl: 'Meldunki', en: 'Registration' } },
    })
    expect(renamed.json()).toMatchObject({ code: 'RM', name: { en: 'Registration' } })
    const lublinUnits = (
      await app.inject({
        url: `/api/v1/offices/${offices['LUB-BOM']!.id}/units`,
        headers: await bearerFor(app, 'demo-admin', 'demo-admin-pass'),
      })
    ).json<{ items: { id: string }[] }>().items
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/units/${lublinUnits[0]!.id}`,
          headers: manager,
          payload: { name: unitName },
        })
      ).statusCode,
    ).toBe(403)
  })

  it('keeps dates with other hours (a holiday closure, longer hours) and removes them', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const base = `/api/v1/offices/${offices['LVIV-CNAP']!.id}/hours-exceptions`
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `${base}/2026-12-25`,
          headers: manager,
          payload: { hours: [], reason: 'Різдво' },
        })
      ).statusCode,
    ).toBe(200)
    await app.inject({
      method: 'PUT',
      url: `${base}/2026-12-30`,
      headers: manager,
      payload: { hours: [{ from: '08:00', to: '20:00' }], reason: 'Year end' },
    })
    await app.inject({
      method: 'PUT',
      url: `${base}/2026-12-25`,
      headers: manager,
      payload: { hours: [], reason: 'Christmas' },
    })
    const list = (await app.inject({ url: base, headers: manager })).json<{ items: unknown[] }>().items
    expect(list).toEqual([
      { date: '2026-12-25', hours: [], reason: 'Christmas' },
      { date: '2026-12-30', hours: [{ from: '08:00', to: '20:00' }], reason: 'Year end' },
    ])
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `${base}/2026-02-30`,
          headers: manager,
          payload: { hours: [], reason: 'x' },
        })
      ).statusCode,
    ).toBe(422)
    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/2026-12-25`, headers: manager })).statusCode,
    ).toBe(204)
    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/2026-12-25`, headers: manager })).statusCode,
    ).toBe(404)
  })
})
