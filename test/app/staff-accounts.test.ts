import { expect, it } from 'vitest'
import { totpCode } from '../../src/modules/identity/index.js'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoOffices } from '../support/factories.js'
import { bearerFor, problemOf, type TestApp, testApp } from '../support/test-app.js'

const password = 'a-long-password-1'

describeEachDatabase('staff accounts', (dialect) => {
  it('creates a user who can sign in with the roles given, and refuses a taken login with 409', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const body = {
      login: 'olena.k',
      password,
      name: 'Олена К.',
      email: 'olena@lviv.example',
      roles: [{ role: 'officer', officeId: offices['LVIV-CNAP']!.id }],
    }
    const created = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: body })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      login: 'olena.k',
      status: 'active',
      totpEnabled: false,
      version: 1,
      roles: body.roles,
    })
    expect(created.headers.location).toBe(`/api/v1/users/${created.json<{ id: string }>().id}`)
    const me = await app.inject({ url: '/api/v1/me', headers: await bearerFor(app, 'olena.k', password) })
    expect(me.json()).toMatchObject({ login: 'olena.k', name: 'Олена К.' })
    const again = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: body })
    expect(again.statusCode).toBe(409)
    expect(problemOf(again).code).toBe('LOGIN_TAKEN')
  })

  it('grants officer and head roles for one unit of the office, and refuses a unit elsewhere or for other roles', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const lublin = offices['LUB-BOM']!.id
    const lviv = offices['LVIV-CNAP']!.id
    const units = async (office: string) =>
      (await app.inject({ url: `/api/v1/offices/${office}/units`, headers: admin })).json<{
        items: { id: string; code: string }[]
      }>().items
    const or = (await units(lublin)).find((u) => u.code === 'OR')!.id
    const create = (login: string, roles: unknown[]) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { login, password, name: login, roles },
      })
    const ok = await create('or.officer', [{ role: 'officer', officeId: lublin, unitId: or }])
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toMatchObject({ roles: [{ role: 'officer', officeId: lublin, unitId: or }] })
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'or.officer', password },
    })
    expect(signedIn.json()).toMatchObject({
      user: { roles: [{ role: 'officer', officeId: lublin, unitId: or }] },
    })
    const elsewhere = await create('x.officer', [{ role: 'officer', officeId: lviv, unitId: or }])
    expect(problemOf(elsewhere).errors?.[0]).toMatchObject({ path: 'body.roles[0].unitId' })
    const wrongRole = await create('x.consultant', [{ role: 'consultant', officeId: lublin, unitId: or }])
    expect(problemOf(wrongRole).errors?.[0]).toMatchObject({ path: 'body.roles[0].unitId' })
    const noUnit = await create('x.head', [
      { role: 'head', officeId: lublin, unitId: '0190b7a0-0000-7000-8000-000000000000' },
    ])
    expect(problemOf(noUnit).errors?.[0]).toMatchObject({ path: 'body.roles[0].unitId' })
    // Grants without a unit keep working as before: the whole office.
    const officeWide = await create('lublin.head', [{ role: 'head', officeId: lublin }])
    expect(officeWide.json()).toMatchObject({ roles: [{ role: 'head', officeId: lublin, unitId: null }] })
  })

  it('validates the account: short password, bad login, office roles without an office, unknown office', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        login: 'Bad Login',
        password: 'short',
        name: 'X',
        roles: [{ role: 'nobody', officeId: null }],
      },
    })
    expect(bad.statusCode).toBe(422)
    expect(problemOf(bad).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.login', 'body.password', 'body.roles[0].role']),
    )
    const scope = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { login: 'x.y', password, name: 'X', roles: [{ role: 'consultant', officeId: null }] },
    })
    expect(scope.statusCode).toBe(422)
    expect(problemOf(scope).errors?.[0]?.path).toBe('body.roles[0].officeId')
    const nowhere = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        login: 'x.z',
        password,
        name: 'X',
        roles: [{ role: 'consultant', officeId: '0190b7a0-0000-7000-8000-000000000000' }],
      },
    })
    expect(problemOf(nowhere).errors?.[0]).toEqual({
      path: 'body.roles[0].officeId',
      message: 'no such office',
    })
  })

  it('keeps a manager inside their office: no other office, no network roles, no manager grants', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const make = (roles: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: manager,
        payload: { login: `m${Math.random().toString(36).slice(2, 8)}`, password, name: 'X', roles },
      })
    expect((await make([{ role: 'consultant', officeId: offices['LVIV-CNAP']!.id }])).statusCode).toBe(201)
    expect((await make([{ role: 'consultant', officeId: offices['LUB-BOM']!.id }])).statusCode).toBe(403)
    expect((await make([{ role: 'admin', officeId: null }])).statusCode).toBe(403)
    expect((await make([{ role: 'manager', officeId: offices['LVIV-CNAP']!.id }])).statusCode).toBe(403)

    const listed = (await app.inject({ url: '/api/v1/users', headers: manager }))
      .json<{ items: { login: string }[] }>()
      .items.map((u) => u.login)
    expect(listed).toContain('demo-consultant')
    expect(listed).not.toContain('demo-officer')
    expect(listed).not.toContain('demo-admin')
    const users = (
      await app.inject({
        url: '/api/v1/users',
        headers: await bearerFor(app, 'demo-admin', 'demo-admin-pass'),
      })
    ).json<{ items: { id: string; login: string }[] }>().items
    const lublinOfficer = users.find((u) => u.login === 'demo-officer')!
    expect(
      (await app.inject({ url: `/api/v1/users/${lublinOfficer.id}`, headers: manager })).statusCode,
    ).toBe(403)
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/users/${lublinOfficer.id}/disable`,
          headers: manager,
        })
      ).statusCode,
    ).toBe(403)
  })

  it('refuses a lost update with 412 and applies one with the current ETag', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const users = (await app.inject({ url: '/api/v1/users', headers: admin })).json<{
      items: { id: string; login: string }[]
    }>().items
    const id = users.find((u) => u.login === 'demo-editor')!.id
    const read = await app.inject({ url: `/api/v1/users/${id}`, headers: admin })
    const etag = read.headers.etag as string
    expect(etag).toBe('"v1"')
    const first = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...admin, 'if-match': etag },
      payload: { name: 'First' },
    })
    expect(first.statusCode).toBe(200)
    expect(first.headers.etag).toBe('"v2"')
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: { ...admin, 'if-match': etag },
      payload: { name: 'Second' },
    })
    expect(stale.statusCode).toBe(412)
    expect(problemOf(stale).code).toBe('VERSION_MISMATCH')
    expect((await app.inject({ url: `/api/v1/users/${id}`, headers: admin })).json()).toMatchObject({
      name: 'First',
    })
  })

  it('disables an account at once: its tokens stop working and it cannot sign in; enabling lets it back', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const consultant = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')
    const me = (await app.inject({ url: '/api/v1/me', headers: consultant })).json<{ id: string }>()
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/users/${me.id}/disable`, headers: admin })).json(),
    ).toMatchObject({ status: 'disabled' })
    expect((await app.inject({ url: '/api/v1/me', headers: consultant })).statusCode).toBe(401)
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo-consultant', password: 'demo-consultant-pass' },
    })
    expect(login.statusCode).toBe(401)
    await app.inject({ method: 'POST', url: `/api/v1/users/${me.id}/enable`, headers: admin })
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login: 'demo-consultant', password: 'demo-consultant-pass' },
        })
      ).statusCode,
    ).toBe(200)
    const self = (await app.inject({ url: '/api/v1/me', headers: admin })).json<{ id: string }>()
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/users/${self.id}/disable`, headers: admin }))
        .statusCode,
    ).toBe(409)
  })

  it('gives personal API tokens that work until revoked', async () => {
    const app = await testApp(dialect, { demo: true })
    const kiosk = await bearerFor(app, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass')
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: kiosk,
      payload: { label: 'hall kiosk 1' },
    })
    expect(created.statusCode).toBe(201)
    const { id, token } = created.json<{ id: string; token: string }>()
    const device = { authorization: `Bearer ${token}` }
    expect((await app.inject({ url: '/api/v1/offices', headers: device })).statusCode).toBe(200)
    expect(
      (await app.inject({ url: '/api/v1/me/tokens', headers: kiosk }))
        .json<{ items: { label: string }[] }>()
        .items.map((t) => t.label),
    ).toEqual(['hall kiosk 1'])
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: kiosk })).statusCode,
    ).toBe(204)
    expect((await app.inject({ url: '/api/v1/offices', headers: device })).statusCode).toBe(401)
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: kiosk })).statusCode,
    ).toBe(404)
  })

  it('turns on a second factor and then requires its code at sign-in', async () => {
    const clock = new FixedClock('2026-05-04T09:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/me/totp', headers: editor })).json<{
      secret: string
      otpauthUri: string
    }>()
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/confirm',
      headers: editor,
      payload: { code: '000000' },
    })
    expect(wrong.statusCode).toBe(422)
    const code = totpCode(secret, 'demo-editor', clock.now())
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/me/totp/confirm',
          headers: editor,
          payload: { code },
        })
      ).statusCode,
    ).toBe(204)
    // Turning it on ends the sign-ins made without it.
    expect((await app.inject({ url: '/api/v1/me', headers: editor })).statusCode).toBe(401)
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo-editor', password: 'demo-editor-pass' },
    })
    expect(without.statusCode).toBe(401)
    clock.advance(60_000)
    const withCode = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: {
        login: 'demo-editor',
        password: 'demo-editor-pass',
        totp: totpCode(secret, 'demo-editor', clock.now()),
      },
    })
    expect(withCode.statusCode).toBe(200)
  })

  it('with RATUSZ_REQUIRE_2FA, lets an admin without a second factor do nothing but set it up', async () => {
    const app = await testApp(dialect, { demo: true, config: { require2fa: true } })
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'demo-admin', password: 'demo-admin-pass' },
    })
    expect(login.json()).toMatchObject({ mustSetUpTotp: true })
    const admin = { authorization: `Bearer ${login.json<{ token: string }>().token}` }
    const refused = await app.inject({ url: '/api/v1/offices', headers: admin })
    expect(refused.statusCode).toBe(403)
    expect(problemOf(refused).code).toBe('TOTP_SETUP_REQUIRED')
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/totp', headers: admin })).statusCode).toBe(
      200,
    )
    // Roles without the requirement are not held back.
    const consultant = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')
    expect((await app.inject({ url: '/api/v1/offices', headers: consultant })).statusCode).toBe(200)
  })
})

describeEachDatabase('sign-in throttling', (dialect) => {
  const signIn = (app: TestApp, payload: Record<string, string>, remoteAddress = '192.0.2.10') =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload })

  it('makes a login wait a growing time after five failures instead of locking it, and lets the owner in after', async () => {
    const clock = new FixedClock('2026-05-04T09:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const attempt = (password: string) => signIn(app, { login: 'demo-officer', password })
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).statusCode).toBe(401)
    // The sixth waits 15 seconds, whatever the password: the answer says how long.
    const waiting = await attempt('demo-officer-pass')
    expect(waiting.statusCode).toBe(429)
    expect(problemOf(waiting).code).toBe('TOO_MANY_SIGN_IN_FAILURES')
    expect(Number(waiting.headers['retry-after'])).toBe(15)
    expect(problemOf(waiting).detail).toContain('15 second(s)')
    clock.advance(15_000)
    // Each further failure doubles the wait: 30 s, then 60 s.
    expect((await attempt('wrong')).statusCode).toBe(401)
    expect(Number((await attempt('wrong')).headers['retry-after'])).toBe(30)
    clock.advance(30_000)
    expect((await attempt('wrong')).statusCode).toBe(401)
    expect(Number((await attempt('demo-officer-pass')).headers['retry-after'])).toBe(60)
    clock.advance(60_000)
    // The owner gets in after a minute, not a quarter of an hour, and the count starts again.
    expect((await attempt('demo-officer-pass')).statusCode).toBe(200)
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).statusCode).toBe(401)
  })

  it('never waits longer than fifteen minutes however long the guessing goes on', async () => {
    const clock = new FixedClock('2026-05-04T09:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    let wait = 0
    for (let i = 0; i < 14; i++) {
      const res = await signIn(app, { login: 'demo-head', password: 'wrong' })
      expect(res.statusCode).toBe(401)
      wait = Number(
        (await signIn(app, { login: 'demo-head', password: 'wrong' })).headers['retry-after'] ?? 0,
      )
      clock.advance(wait * 1000)
    }
    expect(wait).toBe(15 * 60)
  })

  it('lets the right password with the right second-factor code in while the login waits', async () => {
    const clock = new FixedClock('2026-05-04T09:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const editor = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/me/totp', headers: editor })).json<{
      secret: string
    }>()
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/confirm',
      headers: editor,
      payload: { code: totpCode(secret, 'demo-editor', clock.now()) },
    })
    expect(confirm.statusCode).toBe(204)
    clock.advance(60_000)
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, { login: 'demo-editor', password: 'guess' }, '203.0.113.5')).statusCode).toBe(
        401,
      )
    const code = totpCode(secret, 'demo-editor', clock.now())
    // Waiting: a guess with a wrong code, or the right password without the code, is refused unchecked.
    for (const payload of [
      { password: 'guess', totp: code },
      { password: 'demo-editor-pass', totp: '000000' },
      { password: 'demo-editor-pass' },
    ] as Record<string, string>[])
      expect((await signIn(app, { login: 'demo-editor', ...payload })).statusCode).toBe(429)
    const owner = await signIn(app, { login: 'demo-editor', password: 'demo-editor-pass', totp: code })
    expect(owner.statusCode, owner.body).toBe(200)
  })

  it('lets an admin or the office manager lift the wait, and audits the hold and the unlock', async () => {
    const clock = new FixedClock('2026-05-04T09:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, { login: 'demo-officer', password: 'wrong' })).statusCode).toBe(401)
    const users = (await app.inject({ url: '/api/v1/users', headers: admin })).json<{
      items: { id: string; login: string; signInHeldUntil: string | null }[]
    }>().items
    const officer = users.find((u) => u.login === 'demo-officer')!
    expect(officer.signInHeldUntil).toBe('2026-05-04T09:00:15.000Z')
    expect(users.find((u) => u.login === 'demo-head')!.signInHeldUntil).toBeNull()

    const unlock = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${officer.id}/unlock`,
      headers: admin,
    })
    expect(unlock.statusCode, unlock.body).toBe(200)
    expect(unlock.json().signInHeldUntil).toBeNull()
    expect((await signIn(app, { login: 'demo-officer', password: 'demo-officer-pass' })).statusCode).toBe(200)
    // Unlocking an account that does not wait changes nothing and records nothing.
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/users/${officer.id}/unlock`, headers: admin }))
        .statusCode,
    ).toBe(200)

    const entries = async (action: string) =>
      (await app.inject({ url: `/api/v1/audit?action=${action}`, headers: admin })).json<{
        items: {
          actor: { login: string | null }
          subject: { id: string | null }
          summary: Record<string, unknown>
        }[]
      }>().items
    const held = await entries('auth.sign-in-held')
    expect(held).toHaveLength(1)
    expect(held[0]!.summary).toMatchObject({ login: 'demo-officer', attempt: 5, nextAttemptInSeconds: 15 })
    const unlocked = await entries('user.sign-in-unlocked')
    expect(unlocked).toHaveLength(1)
    expect(unlocked[0]).toMatchObject({
      actor: { login: 'demo-admin' },
      summary: { login: 'demo-officer', attempts: 5 },
    })
  })

  it('answers 429 to an address that failed fifty times, whatever login it tries next', async () => {
    const app = await testApp(dialect, { demo: true })
    for (let i = 0; i < 50; i++)
      expect((await signIn(app, { login: `guess${i}`, password: 'x' }, '203.0.113.9')).statusCode).toBe(401)
    expect(
      (await signIn(app, { login: 'demo-head', password: 'demo-head-pass' }, '203.0.113.9')).statusCode,
    ).toBe(429)
    expect(
      (await signIn(app, { login: 'demo-head', password: 'demo-head-pass' }, '198.51.100.7')).statusCode,
    ).toBe(200)
  })
})
