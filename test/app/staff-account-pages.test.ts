import { expect, it } from 'vitest'
import { totpCode } from '../../src/modules/identity/index.js'
import { FixedClock } from '../../src/platform/clock.js'
import { cookieSession, csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoOffices } from '../support/factories.js'
import { bearerFor, type TestApp, testApp } from '../support/test-app.js'

async function idOf(app: TestApp, login: string) {
  const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
  const users = (await app.inject({ url: '/api/v1/users', headers: admin })).json<{
    items: { id: string; login: string }[]
  }>()
  return users.items.find((u) => u.login === login)!.id
}

async function canSignIn(app: TestApp, login: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } })
  return res.statusCode === 200
}

async function auditActions(app: TestApp, subjectId: string) {
  const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
  const res = await app.inject({ url: `/api/v1/audit?subjectId=${subjectId}&limit=100`, headers: admin })
  return res.json<{ items: { action: string }[] }>().items.map((e) => e.action)
}

describeEachDatabase('staff pages: one account', (dialect) => {
  it('lets an admin rename an account, give it a second role, take one away and refuse to take the last', async () => {
    const app = await testApp(dialect, { demo: true })
    const offices = await demoOffices(app)
    const id = await idOf(app, 'demo-consultant')
    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const list = await admin.get('/staff/users?lang=en')
    expect(list.body).toContain(`<a href="/staff/users/${id}">demo-consultant</a>`)

    const page = await admin.get(`/staff/users/${id}?lang=en`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Account demo-consultant')
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!
    const renamed = await admin.post(`/staff/users/${id}`, {
      _csrf: csrfOf(page.body),
      version,
      name: 'Olena Koval',
      email: 'olena@example.org',
    })
    expect(renamed.headers.location).toBe(`/staff/users/${id}?done=saved`)

    const stale = await admin.post(`/staff/users/${id}`, {
      _csrf: csrfOf(page.body),
      version,
      name: 'Lost update',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone changed this while you were editing.')

    const fresh = await admin.get(`/staff/users/${id}?lang=en`)
    expect(fresh.body).toContain('value="Olena Koval"')
    const v2 = /name="version" value="(\d+)"/.exec(fresh.body)![1]!
    const added = await admin.post(`/staff/users/${id}/roles`, {
      _csrf: csrfOf(fresh.body),
      version: v2,
      'keep-0': 'on',
      role: 'chancellery',
      officeId: offices['LVIV-CNAP']!.id,
    })
    expect(added.headers.location).toBe(`/staff/users/${id}?done=roles`)
    const two = await admin.get(`/staff/users/${id}?done=roles&lang=en`)
    expect(two.body).toContain('The roles were saved.')
    expect(two.body).toContain('Front-desk consultant (Lviv Administrative Services Centre)')
    expect(two.body).toContain('Chancellery clerk (Lviv Administrative Services Centre)')

    const v3 = /name="version" value="(\d+)"/.exec(two.body)![1]!
    const none = await admin.post(`/staff/users/${id}/roles`, { _csrf: csrfOf(two.body), version: v3 })
    expect(none.statusCode).toBe(422)
    expect(none.body).toContain('An account needs at least one role.')

    const removed = await admin.post(`/staff/users/${id}/roles`, {
      _csrf: csrfOf(two.body),
      version: v3,
      'keep-1': 'on',
    })
    expect(removed.statusCode).toBe(303)
    const bearer = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')
    const me = (await app.inject({ url: '/api/v1/me', headers: bearer })).json<{
      name: string
      email: string
      roles: { role: string }[]
    }>()
    expect(me).toMatchObject({ name: 'Olena Koval', email: 'olena@example.org' })
    expect(me.roles.map((g) => g.role)).toEqual(['chancellery'])
    expect(await auditActions(app, id)).toEqual(expect.arrayContaining(['user.update']))
  })

  it('lets an admin set a new password that ends the account’s sign-ins, and keeps a manager to their own office', async () => {
    const app = await testApp(dialect, { demo: true })
    const consultant = await signedInSession(app, 'demo-consultant', 'demo-consultant-pass')
    const id = await idOf(app, 'demo-consultant')
    const admin = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const page = await admin.get(`/staff/users/${id}?lang=uk`)
    const short = await admin.post(`/staff/users/${id}/password`, {
      _csrf: csrfOf(page.body),
      password: 'short',
    })
    expect(short.statusCode).toBe(422)
    expect(short.body).toContain('щонайменше 12')
    const set = await admin.post(`/staff/users/${id}/password`, {
      _csrf: csrfOf(page.body),
      password: 'a-brand-new-password',
    })
    expect(set.headers.location).toBe(`/staff/users/${id}?done=passwordSet`)
    expect((await consultant.get('/staff/desk')).statusCode).toBe(303)
    expect(await canSignIn(app, 'demo-consultant', 'demo-consultant-pass')).toBe(false)
    expect(await canSignIn(app, 'demo-consultant', 'a-brand-new-password')).toBe(true)

    const manager = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    const officerId = await idOf(app, 'demo-officer')
    expect((await manager.get(`/staff/users/${officerId}`)).statusCode).toBe(403)
    const mine = await manager.get(`/staff/users/${id}?lang=en`)
    expect(mine.body).not.toContain('<option value="admin"')
    const consultantOnly = await signedInSession(app, 'demo-consultant', 'a-brand-new-password')
    expect((await consultantOnly.get(`/staff/users/${id}`)).statusCode).toBe(403)
  })
})

describeEachDatabase('staff pages: your account', (dialect) => {
  it('changes your password after proving the old one, ending your other sign-ins but not this one', async () => {
    const app = await testApp(dialect, { demo: true })
    const laptop = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const phone = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const page = await laptop.get('/staff/account?lang=pl')
    expect(page.body).toContain('Zmień hasło')

    const wrong = await laptop.post('/staff/account/password', {
      _csrf: csrfOf(page.body),
      currentPassword: 'not-my-password',
      newPassword: 'officer-new-password',
      repeatPassword: 'officer-new-password',
    })
    expect(wrong.statusCode).toBe(422)
    expect(wrong.body).toContain('To nie jest Twoje obecne hasło.')
    const differ = await laptop.post('/staff/account/password', {
      _csrf: csrfOf(page.body),
      currentPassword: 'demo-officer-pass',
      newPassword: 'officer-new-password',
      repeatPassword: 'officer-new-passwort',
    })
    expect(differ.statusCode).toBe(422)
    expect(differ.body).toContain('Dwa nowe hasła się różnią.')
    expect(await canSignIn(app, 'demo-officer', 'demo-officer-pass')).toBe(true)

    const changed = await laptop.post('/staff/account/password', {
      _csrf: csrfOf(page.body),
      currentPassword: 'demo-officer-pass',
      newPassword: 'officer-new-password',
      repeatPassword: 'officer-new-password',
    })
    expect(changed.headers.location).toBe('/staff/account?done=ownPassword')
    expect((await laptop.get('/staff/account?done=ownPassword&lang=en')).body).toContain(
      'Your password was changed.',
    )
    expect((await phone.get('/staff/account')).statusCode).toBe(303)
    expect(await canSignIn(app, 'demo-officer', 'demo-officer-pass')).toBe(false)
    expect(await canSignIn(app, 'demo-officer', 'officer-new-password')).toBe(true)
    const id = await idOf(app, 'demo-officer')
    expect(await auditActions(app, id)).toEqual(
      expect.arrayContaining(['user.password-change-refused', 'user.password-changed']),
    )
  })

  it('changes the password through the API too, refusing a wrong old one by its field', async () => {
    const app = await testApp(dialect, { demo: true })
    const bearer = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: bearer,
      payload: { currentPassword: 'nope', newPassword: 'editor-new-password' },
    })
    expect(wrong.statusCode).toBe(422)
    expect(wrong.json().errors[0].path).toBe('body.currentPassword')
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: bearer,
      payload: { currentPassword: 'demo-editor-pass', newPassword: 'editor-new-password' },
    })
    expect(ok.statusCode).toBe(204)
    expect((await app.inject({ url: '/api/v1/me', headers: bearer })).statusCode).toBe(200)
    expect(await canSignIn(app, 'demo-editor', 'editor-new-password')).toBe(true)
  })

  it('creates a personal token shown once that works on the API, and revokes it', async () => {
    const app = await testApp(dialect, { demo: true })
    const session = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    const page = await session.get('/staff/account?lang=en')
    expect(page.body).toContain('You have no personal tokens.')
    const bad = await session.post('/staff/account/tokens', {
      _csrf: csrfOf(page.body),
      label: 'export',
      expiresOn: '31.12.2027',
    })
    expect(bad.statusCode).toBe(422)
    const created = await session.post('/staff/account/tokens', {
      _csrf: csrfOf(page.body),
      label: 'nightly export',
      expiresOn: '2099-12-31',
    })
    expect(created.statusCode).toBe(200)
    const token = /<code class="secret">([A-Za-z0-9_-]+)<\/code>/.exec(created.body)![1]!
    expect(
      (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json(),
    ).toMatchObject({ login: 'demo-manager' })
    const again = await session.get('/staff/account?lang=en')
    expect(again.body).toContain('nightly export')
    expect(again.body).toContain('2099-12-31')
    expect(again.body).not.toContain(token)
    const revoke = /action="(\/staff\/account\/tokens\/[^"]+\/revoke)"/.exec(again.body)![1]!
    expect((await session.post(revoke, { _csrf: csrfOf(again.body) })).headers.location).toBe(
      '/staff/account?done=tokenRevoked#tokens',
    )
    expect(
      (await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401)
  })

  it('sets up the second factor from a QR code on the page, then asks for a code at sign-in', async () => {
    const clock = new FixedClock('2026-05-04T09:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const session = await signedInSession(app, 'demo-editor', 'demo-editor-pass')
    const page = await session.get('/staff/account?lang=en')
    expect(page.body).toContain('Off: signing in asks only for your password.')
    expect((await session.post('/staff/account/totp', { _csrf: csrfOf(page.body) })).statusCode).toBe(303)
    const enrol = await session.get('/staff/account?lang=en')
    expect(enrol.body).toContain('<svg')
    const secret = /Key: <code>([A-Z2-7]+)<\/code>/.exec(enrol.body)![1]!
    // Reloading, or pressing the button again, keeps the key already scanned.
    await session.post('/staff/account/totp', { _csrf: csrfOf(enrol.body) })
    expect((await session.get('/staff/account?lang=en')).body).toContain(`<code>${secret}</code>`)

    const wrong = await session.post('/staff/account/totp/confirm', {
      _csrf: csrfOf(enrol.body),
      code: '000000',
    })
    expect(wrong.statusCode).toBe(422)
    expect(wrong.body).toContain('This is not the current code.')
    const right = await session.post('/staff/account/totp/confirm', {
      _csrf: csrfOf(enrol.body),
      code: totpCode(secret, 'demo-editor', clock.now()),
    })
    expect(right.headers.location).toBe('/login?next=%2Fstaff%2Faccount&done=totp')
    expect((await session.get('/login?next=%2Fstaff%2Faccount&done=totp&lang=en')).body).toContain(
      'The second factor is on.',
    )
    expect((await session.get('/staff/account')).statusCode).toBe(303)
    expect(await canSignIn(app, 'demo-editor', 'demo-editor-pass')).toBe(false)
  })

  it('with RATUSZ_REQUIRE_2FA, sends an admin without a second factor to set it up, and nowhere else', async () => {
    const app = await testApp(dialect, { demo: true, config: { require2fa: true } })
    const session = cookieSession(app)
    const form = await session.get('/login')
    const signedIn = await session.post('/login', {
      _csrf: csrfOf(form.body),
      login: 'demo-admin',
      password: 'demo-admin-pass',
    })
    expect(signedIn.headers.location).toBe('/staff/account?done=totpRequired#totp')
    const account = await session.get('/staff/account?done=totpRequired&lang=en')
    expect(account.statusCode).toBe(200)
    expect(account.body).toContain('Your role needs a second factor.')
    const users = await session.get('/staff/users')
    expect(users.statusCode).toBe(303)
    expect(users.headers.location).toBe('/staff/account?done=totpRequired#totp')
    // A consultant's role needs no second factor: in as usual.
    const consultant = await signedInSession(app, 'demo-consultant', 'demo-consultant-pass')
    expect((await consultant.get('/staff/desk')).statusCode).toBe(200)
  })
})
