import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { bearerFor, problemOf, testApp } from '../support/test-app.js'

interface Office {
  id: string
  code: string
  name: { uk: string; pl: string; en: string }
}

describeEachDatabase('sign-in and the offices API', (dialect) => {
  it('signs a user in, serves their offices with the token, and revokes it on logout', async () => {
    const app = await testApp(dialect, { demo: true })
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo-admin', password: 'demo-admin-pass' },
    })
    expect(login.statusCode).toBe(200)
    const body = login.json<{ token: string; user: { login: string; roles: unknown[] } }>()
    expect(body.user).toMatchObject({ login: 'demo-admin', roles: [{ role: 'admin', officeId: null }] })
    const auth = { authorization: `Bearer ${body.token}` }

    const offices = await app.inject({ url: '/api/v1/offices', headers: auth })
    expect(offices.statusCode).toBe(200)
    expect(offices.json<{ items: Office[] }>().items.map((o) => o.code)).toEqual([
      'DROH-CNAP',
      'LUB-BOM',
      'LVIV-CNAP',
      'STRYI-CNAP',
    ])

    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode).toBe(
      204,
    )
    const after = await app.inject({ url: '/api/v1/offices', headers: auth })
    expect(after.statusCode).toBe(401)
  })

  it('answers wrong credentials with one 401 that does not say which part was wrong', async () => {
    const app = await testApp(dialect, { demo: true })
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo-admin', password: 'nope' },
    })
    const unknownUser = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'nobody', password: 'nope' },
    })
    expect(wrongPassword.statusCode).toBe(401)
    expect(unknownUser.statusCode).toBe(401)
    expect(problemOf(wrongPassword)).toEqual({
      ...problemOf(unknownUser),
      requestId: problemOf(wrongPassword).requestId,
    })
  })

  it('refuses the API without a token (401) and with a malformed or unknown one (401)', async () => {
    const app = await testApp(dialect)
    for (const headers of [
      {},
      { authorization: 'Bearer short' },
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${'x'.repeat(43)}` },
    ]) {
      const res = await app.inject({ url: '/api/v1/offices', headers })
      expect(res.statusCode).toBe(401)
      expect(problemOf(res).code).toBe('UNAUTHENTICATED')
    }
  })

  it('expires a session after twelve hours', async () => {
    const clock = new FixedClock('2026-03-02T08:00:00Z')
    const app = await testApp(dialect, { clock, demo: true })
    const auth = await bearerFor(app, 'demo-coordinator', 'demo-coordinator-pass')
    clock.advance(11 * 3600_000)
    expect((await app.inject({ url: '/api/v1/me', headers: auth })).statusCode).toBe(200)
    clock.advance(2 * 3600_000)
    expect((await app.inject({ url: '/api/v1/me', headers: auth })).statusCode).toBe(401)
  })

  it('shows a user of one office only that office, and refuses another office with 403', async () => {
    const app = await testApp(dialect, { demo: true })
    const auth = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const items = (await app.inject({ url: '/api/v1/offices', headers: auth })).json<{ items: Office[] }>()
      .items
    expect(items.map((o) => o.code)).toEqual(['LVIV-CNAP'])
    const lviv = items[0]!

    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const all = (await app.inject({ url: '/api/v1/offices', headers: admin })).json<{ items: Office[] }>()
      .items
    const lublin = all.find((o) => o.code === 'LUB-BOM')!

    expect((await app.inject({ url: `/api/v1/offices/${lviv.id}`, headers: auth })).statusCode).toBe(200)
    const denied = await app.inject({ url: `/api/v1/offices/${lublin.id}`, headers: auth })
    expect(denied.statusCode).toBe(403)
    expect(problemOf(denied).code).toBe('FORBIDDEN')
    expect((await app.inject({ url: `/api/v1/offices/${lublin.id}/desks`, headers: auth })).statusCode).toBe(
      403,
    )
  })

  it('lists the units and desks the demo network gives an office', async () => {
    const app = await testApp(dialect, { demo: true })
    const auth = await bearerFor(app, 'demo-coordinator', 'demo-coordinator-pass')
    const all = (await app.inject({ url: '/api/v1/offices', headers: auth })).json<{ items: Office[] }>()
      .items
    const lviv = all.find((o) => o.code === 'LVIV-CNAP')!
    const units = (await app.inject({ url: `/api/v1/offices/${lviv.id}/units`, headers: auth })).json<{
      items: { code: string }[]
    }>()
    expect(units.items.map((u) => u.code)).toEqual(['DR', 'RM', 'SP1'])
    const desks = (await app.inject({ url: `/api/v1/offices/${lviv.id}/desks`, headers: auth })).json<{
      items: { name: string }[]
    }>()
    expect(desks.items).toHaveLength(5)
  })

  it('answers 404 for an office that does not exist and 422 for an id that is not one', async () => {
    const app = await testApp(dialect, { demo: true })
    const auth = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    expect(
      (await app.inject({ url: '/api/v1/offices/0190b7a0-0000-7000-8000-000000000000', headers: auth }))
        .statusCode,
    ).toBe(404)
    const bad = await app.inject({ url: '/api/v1/offices/not-an-id', headers: auth })
    expect(bad.statusCode).toBe(422)
    expect(problemOf(bad).errors?.[0]?.path).toBe('params.id')
  })

  it('seeds the demo network only into an empty database', async () => {
    const app = await testApp(dialect, { demo: true })
    const { seedDemo } = await import('../../src/app/demo/seed-demo.js')
    expect(await seedDemo(app.services)).toBeNull()
    expect(await app.services.offices.countOffices()).toBe(4)
  })
})
