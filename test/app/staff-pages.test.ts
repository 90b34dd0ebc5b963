import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { cookieSession, csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { bearerFor, testApp } from '../support/test-app.js'

describeEachDatabase('staff pages', (dialect) => {
  it('signs in through the form into a secure session cookie and back out', async () => {
    const app = await testApp(dialect, { demo: true })
    const session = cookieSession(app)
    const form = await session.get('/login?lang=uk')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Вхід для працівників')
    const res = await session.post('/login', {
      _csrf: csrfOf(form.body),
      login: 'demo-coordinator',
      password: 'demo-coordinator-pass',
      next: '/staff/users',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/staff/users')
    const cookie = res.cookies.find((c) => c.name === 'ratusz_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const users = await session.get('/staff/users')
    expect(users.statusCode).toBe(200)
    expect(users.body).toContain('demo-consultant')
    const out = await session.post('/logout', { _csrf: csrfOf(users.body) })
    expect(out.statusCode).toBe(303)
    expect((await session.get('/staff')).headers.location).toBe('/login?next=%2Fstaff')
  })

  it('refuses a form without the CSRF token, and never follows a next= off the site', async () => {
    const app = await testApp(dialect, { demo: true })
    const session = cookieSession(app)
    const form = await session.get('/login')
    const forged = await session.post('/login', { login: 'demo-admin', password: 'demo-admin-pass' })
    expect(forged.statusCode).toBe(403)
    expect(forged.cookies.find((c) => c.name === 'ratusz_session')).toBeUndefined()
    const offsite = await session.post('/login', {
      _csrf: csrfOf(form.body),
      login: 'demo-admin',
      password: 'demo-admin-pass',
      next: '//evil.example/x',
    })
    expect(offsite.headers.location).toBe('/staff')
  })

  it('shows a wrong password as a form error without saying which part was wrong', async () => {
    const app = await testApp(dialect, { demo: true })
    const session = cookieSession(app)
    const form = await session.get('/login?lang=en')
    const res = await session.post('/login', {
      _csrf: csrfOf(form.body),
      login: 'demo-admin',
      password: 'nope',
    })
    expect(res.statusCode).toBe(401)
    expect(res.body).toContain('The login, password or code is not right.')
    expect(res.body).toContain('value="demo-admin"')
  })

  it('does not accept the session cookie on the API', async () => {
    const app = await testApp(dialect, { demo: true })
    const session = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const res = await app.inject({
      url: '/api/v1/offices',
      headers: { cookie: `ratusz_session=${session.jar.get('ratusz_session')}` },
    })
    expect(res.statusCode).toBe(401)
  })

  it('gives the coordinator a view of the whole network with each centre’s units, desks and staff', async () => {
    const app = await testApp(dialect, { demo: true })
    const session = await signedInSession(app, 'demo-coordinator', 'demo-coordinator-pass')
    const page = await session.get('/staff?lang=en')
    expect(page.statusCode).toBe(200)
    for (const name of [
      'Lublin Residents’ Service Office',
      'Lviv Administrative Services Centre',
      'Drohobych',
      'Stryi',
    ])
      expect(page.body).toContain(name)
    // Lviv: 3 units, 5 desks, 3 staff (manager, consultant, kiosk).
    expect(page.body).toMatch(
      /Lviv Administrative Services Centre<\/a><\/td><td>Львів<\/td><td>active<\/td><td>3<\/td><td>5<\/td><td>3<\/td>/,
    )
  })

  it('lets a manager add a unit through the form, showing a bad code next to its field', async () => {
    const app = await testApp(dialect, { demo: true })
    const lviv = (await demoOffices(app))['LVIV-CNAP']!.id
    const session = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    const page = await session.get(`/staff/offices/${lviv}?lang=en`)
    const names = { 'name-uk': 'Архів', 'name-pl': 'Archiwum', 'name-en': 'Archive' }
    const bad = await session.post(`/staff/offices/${lviv}/units`, {
      _csrf: csrfOf(page.body),
      code: '123',
      ...names,
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('href="#field-unit-code"')
    expect(bad.body).toContain('aria-invalid="true"')
    expect(bad.body).toContain('value="Archive"')
    const empty = await session.post(`/staff/offices/${lviv}/units`, {
      _csrf: csrfOf(page.body),
      code: 'AR1',
      ...names,
      'name-pl': '',
    })
    expect(empty.statusCode).toBe(422)
    expect(empty.body).toContain('<a href="#field-unit-name-pl">Fill in this field.</a>')
    const good = await session.post(`/staff/offices/${lviv}/units`, {
      _csrf: csrfOf(page.body),
      code: 'AR1',
      ...names,
    })
    expect(good.statusCode).toBe(303)
    const after = await session.get(good.headers.location as string)
    expect(after.body).toContain('The unit was added.')
    expect(after.body).toContain('<strong>AR1</strong> — Archive')
  })

  it('lets a manager choose the queues a desk serves and their weights, refusing a bad weight', async () => {
    const app = await testApp(dialect, { demo: true, demoQueues: true })
    const lviv = (await demoOffices(app))['LVIV-CNAP']!.id
    const session = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    const page = await session.get(`/staff/offices/${lviv}?lang=en`)
    const desks = await app.inject({
      url: `/api/v1/offices/${lviv}/desks`,
      headers: (await demoBearers(app)).manager,
    })
    const desk = desks.json().items[0] as { id: string; name: string }
    const queues = (await app.inject(`/api/v1/offices/${lviv}/queues`)).json().items as {
      id: string
      prefix: string
    }[]
    const [a, b] = [queues.find((q) => q.prefix === 'A')!, queues.find((q) => q.prefix === 'B')!]
    expect(page.body).toContain(`Queues served at ${desk.name}`)
    const url = `/staff/offices/${lviv}/desks/${desk.id}/queues`
    const bad = await session.post(url, {
      _csrf: csrfOf(page.body),
      [`queue-${a.id}`]: 'on',
      [`weights-${a.id}`]: '11',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('aria-invalid="true"')
    const good = await session.post(url, {
      _csrf: csrfOf(page.body),
      [`queue-${a.id}`]: 'on',
      [`weights-${a.id}`]: '3',
      [`queue-${b.id}`]: 'on',
      [`weights-${b.id}`]: '',
    })
    expect(good.statusCode, good.body).toBe(303)
    const after = await session.get(good.headers.location as string)
    expect(after.body).toContain('The desk’s queues were saved.')
    const saved = (
      await app.inject({ url: `/api/v1/offices/${lviv}/desks`, headers: (await demoBearers(app)).manager })
    )
      .json()
      .items.find((d: { id: string }) => d.id === desk.id)
    expect(saved).toMatchObject({
      queueIds: expect.arrayContaining([a.id, b.id]),
      weights: { [a.id]: 3, [b.id]: 1 },
    })
    expect(saved.queueIds).toHaveLength(2)
  })

  it('lets a manager create and disable accounts of their office only', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const session = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    const page = await session.get('/staff/users?lang=en')
    expect(page.body).not.toContain('demo-officer')
    const created = await session.post('/staff/users', {
      _csrf: csrfOf(page.body),
      login: 'ivan.p',
      name: 'Іван П.',
      email: '',
      password: 'a-long-password-1',
      role: 'consultant',
      officeId: offices['LVIV-CNAP']!.id,
    })
    expect(created.statusCode).toBe(303)
    const list = await session.get('/staff/users?done=user&lang=en')
    expect(list.body).toContain('The account was created.')
    expect(list.body).toContain('ivan.p')
    expect(list.body).toContain('Front-desk consultant (Lviv Administrative Services Centre)')
    const foreign = await session.post('/staff/users', {
      _csrf: csrfOf(list.body),
      login: 'not.mine',
      name: 'X',
      password: 'a-long-password-1',
      role: 'consultant',
      officeId: offices['LUB-BOM']!.id,
    })
    expect(foreign.statusCode).toBe(403)
    const row = list.body.split('<tr>').find((r) => r.includes('>ivan.p</a></td>'))!
    const id = /action="\/staff\/users\/([0-9a-f-]+)\/disable"/.exec(row)?.[1]
    expect(id).toBeDefined()
    expect((await session.post(`/staff/users/${id}/disable`, { _csrf: csrfOf(list.body) })).statusCode).toBe(
      303,
    )
    expect((await session.get('/staff/users?lang=en')).body).toMatch(
      /ivan\.p<\/a><\/td><td>Іван П\.<\/td><td>[^<]*<\/td><td>disabled/,
    )
  })

  it('tells a waiting sign-in on the login form in words, and lets an admin lift the wait from the users page', async () => {
    const app = await testApp(dialect, { demo: true })
    const officer = cookieSession(app)
    const tryPassword = async (password: string) => {
      const form = await officer.get('/login?lang=pl')
      return officer.post('/login', { _csrf: csrfOf(form.body), login: 'demo-officer', password })
    }
    for (let i = 0; i < 5; i++) expect((await tryPassword('wrong')).statusCode).toBe(401)
    const waiting = await tryPassword('demo-officer-pass')
    expect(waiting.statusCode).toBe(429)
    expect(waiting.body).toMatch(/Spróbuj ponownie za 1[0-5] sekund/)

    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const list = await admin.get('/staff/users?lang=en')
    const row = list.body.split('<tr>').find((r) => r.includes('>demo-officer</a></td>'))!
    expect(row).toContain('after failed attempts, sign-in waits 1 more minute')
    const unlock = /action="(\/staff\/users\/[^"]+\/unlock)"/.exec(row)![1]!
    const lifted = await admin.post(unlock, { _csrf: csrfOf(list.body) })
    expect(lifted.headers.location).toBe('/staff/users?done=unlocked')
    const after = (await admin.get('/staff/users?done=unlocked&lang=en')).body
    expect(after).toContain('The account can sign in again at once.')
    expect(after.split('<tr>').find((r) => r.includes('>demo-officer</a></td>'))).not.toContain('unlock')
    expect((await tryPassword('demo-officer-pass')).statusCode).toBe(303)
  })

  it('shows the audit log with the chain status to a manager and refuses it to a consultant', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const page = await admin.get('/staff/audit?lang=en')
    expect(page.statusCode).toBe(200)
    // Every chain of the network only on request (thousands of offices); a manager's on every view.
    expect(page.body).toContain('Verify every office’s chain and the anchors now')
    expect((await admin.get('/staff/audit?lang=en&verify=1')).body).toMatch(
      /\d+ chains of \d+ entries intact\./,
    )
    expect(page.body).toContain('No anchor has been made yet')
    await app.services.audit.anchor()
    expect((await admin.get('/staff/audit?lang=en')).body).toMatch(
      /Latest anchor to publish outside Ratusz: no\. 1 of .*, \d+ chains, root [0-9a-f]{64}/,
    )
    const manager = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    expect((await manager.get('/staff/audit?lang=en')).body).toMatch(/1 chain of \d+ entries intact\./)
    const consultant = await signedInSession(app, 'demo-consultant', 'demo-consultant-pass')
    const refused = await consultant.get('/staff/audit?lang=en')
    expect(refused.statusCode).toBe(403)
    expect(refused.body).toContain('You may not open this page')
    expect((await consultant.get('/staff?lang=en')).body).not.toContain('href="/staff/audit"')
  })
})

describeEachDatabase('staff pages: audit log', (dialect) => {
  it('filters the log by day, who, centre and subject, names actions in words and shows what changed', async () => {
    const clock = new FixedClock('2026-11-30T23:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const offices = await demoOffices(app)
    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const bearer = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const users = (await app.inject({ url: '/api/v1/users', headers: bearer })).json<{
      items: { id: string; login: string }[]
    }>()
    const consultant = users.items.find((u) => u.login === 'demo-consultant')!.id
    clock.advance(2 * 3_600_000)
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${consultant}`,
      headers: bearer,
      payload: { name: 'Olena Koval' },
    })

    const page = await admin.get(
      '/staff/audit?lang=en&what=user&actor=demo-admin&from=2026-12-01&to=2026-12-01',
    )
    expect(page.statusCode).toBe(200)
    const rows = page.body.split('<tr>').slice(2)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('Account: changed')
    expect(rows[0]).toContain('Olena Koval')
    expect(rows[0]).toContain(`href="/staff/users/${consultant}"`)
    expect(page.body).toContain('value="2026-12-01"')

    const before = await admin.get('/staff/audit?lang=uk&what=user&to=2026-11-30')
    expect(before.body).not.toContain('Olena Koval')
    expect(before.body).toContain('Обліковий запис: створено')

    const lublin = await admin.get(`/staff/audit?lang=pl&office=${offices['LUB-BOM']!.id}&what=user`)
    expect(lublin.body).not.toContain('Olena Koval')
    expect(lublin.body).toContain('Konto: utworzono')

    const bad = await admin.get('/staff/audit?lang=en&from=30.11.2026')
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('Give a day as on a calendar, for example 2026-11-30.')

    const api = await app.inject({
      url: '/api/v1/audit?action=user.*&actorLogin=demo-admin',
      headers: bearer,
    })
    expect(api.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.update']),
    )
    expect(api.json<{ items: { action: string }[] }>().items.every((e) => e.action.startsWith('user.'))).toBe(
      true,
    )
    expect((await app.inject({ url: '/api/v1/audit?action=user.%25', headers: bearer })).statusCode).toBe(422)
  })
})

describeEachDatabase('staff pages: offices', (dialect) => {
  it('lets an admin add a centre and its manager change hours and contact, refusing a stale form', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const network = await admin.get('/staff?lang=en')
    const bad = await admin.post('/staff/offices', {
      _csrf: csrfOf(network.body),
      code: 'sambir',
      'name-uk': 'ЦНАП Самбора',
      'name-pl': 'CUA Sambor',
      'name-en': '',
      'address-street': 'пл. Ринок, 1',
      'address-postcode': '81400',
      'address-city': 'Самбір',
      country: 'UA',
      timezone: 'Europe/Kyiv',
      defaultLanguage: 'uk',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('<a href="#field-code">This value is not in the expected form.</a>')
    expect(bad.body).toContain('<a href="#field-name-en">Fill in this field.</a>')
    const created = await admin.post('/staff/offices', {
      _csrf: csrfOf(network.body),
      code: 'SAMBIR-CNAP',
      'name-uk': 'ЦНАП Самбора',
      'name-pl': 'CUA Sambor',
      'name-en': 'Sambir ASC',
      'address-street': 'пл. Ринок, 1',
      'address-postcode': '81400',
      'address-city': 'Самбір',
      country: 'UA',
      timezone: 'Europe/Kyiv',
      defaultLanguage: 'uk',
    })
    expect(created.statusCode).toBe(303)
    const page = await admin.get(created.headers.location as string)
    expect(page.body).toContain('The centre was added.')

    const officeUrl = (created.headers.location as string).split('?')[0]!
    const form = Object.fromEntries(
      [...page.body.matchAll(/name="([^"]+)" type="[^"]+" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    )
    const edit = {
      ...form,
      _csrf: csrfOf(page.body),
      version: '1',
      status: 'active',
      'hours-mon': '08:00-12:00, 13:00–17:00',
      'contact-phone': '+380 3236 0 0000',
    }
    const saved = await admin.post(officeUrl, edit)
    expect(saved.statusCode).toBe(303)
    const after = await admin.get(saved.headers.location as string)
    expect(after.body).toContain('The changes were saved.')
    expect(after.body).toContain('value="08:00–12:00, 13:00–17:00"')

    // The same form again carries the old version: someone else's change must not be overwritten.
    const stale = await admin.post(officeUrl, { ...edit, 'hours-mon': '09:00-10:00' })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone changed this while you were editing.')
    const badHours = await admin.post(officeUrl, { ...edit, version: '2', 'hours-tue': '9 to 5' })
    expect(badHours.statusCode).toBe(422)
    expect(badHours.body).toContain('<a href="#field-hours-tue">This value is not in the expected form.</a>')
  })
})
