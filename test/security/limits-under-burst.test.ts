import type { LightMyRequestResponse as Response } from 'fastify'
import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { DIALECTS, describeEachDatabase } from '../support/databases.js'
import { twoInstances } from '../support/instances.js'
import { lvivFrontOffice } from '../support/queue.js'
import { bearerFor, type TestApp, testApp } from '../support/test-app.js'

// Every limit must hold when a burst arrives at once, not only one request after another (issue 10).
const statuses = (answers: Response[]) => answers.map((a) => a.statusCode)
const count = (answers: Response[], status: number) => statuses(answers).filter((s) => s === status).length

function login(app: TestApp, user: string, password: string, address: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: address,
    payload: { login: user, password },
  })
}

async function auditEntries(app: TestApp, admin: { authorization: string }, action: string) {
  const res = await app.inject({ url: `/api/v1/audit?action=${action}&limit=100`, headers: admin })
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { summary: Record<string, unknown> }[] }>().items
}

// 08:00 in Lviv on 2026-11-25; a slot of `capacity` places at 10:00.
async function slotAt(app: TestApp, capacity: number) {
  const q = await lvivFrontOffice(app)
  const res = await q.openSlots({
    date: '2026-11-25',
    from: '10:00',
    to: '10:15',
    minutes: 15,
    capacity,
  })
  expect(res.statusCode, res.body).toBe(201)
  return (through: TestApp, address: string, name = 'Олена Петренко') =>
    through.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      remoteAddress: address,
      payload: { officeId: q.officeId, queueId: q.queues.A, start: '2026-11-25T08:00:00.000Z', name },
    })
}

describeEachDatabase('limits under parallel bursts', (dialect) => {
  it('lets exactly five attempts at one login through a burst from fifty addresses', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(app, 'demo-manager', `guess-${i}`, `198.51.100.${i + 1}`)),
    )
    expect(count(burst, 401)).toBe(5)
    expect(count(burst, 429)).toBe(45)
    // The right password after the burst waits too: the free attempts are spent.
    const right = await login(app, 'demo-manager', 'demo-manager-pass', '198.51.100.77')
    expect(right.statusCode).toBe(429)
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
    // Five failures, and the 46 refusals in two entries (the 1st and the 10th), not 46.
    expect(await auditEntries(app, admin, 'auth.login-failed')).toHaveLength(5)
    const throttled = await auditEntries(app, admin, 'auth.throttled')
    expect(throttled.map((e) => e.summary.refusedInWindow).sort()).toEqual([1, 10])
    expect(throttled.every((e) => e.summary.limitedBy === 'login')).toBe(true)
  })

  it('lets exactly fifty attempts from one address through a burst at eighty logins', async () => {
    const app = await testApp(dialect, { demo: true })
    const burst = await Promise.all(
      Array.from({ length: 80 }, (_, i) => login(app, `nobody-${i}`, 'guess', '203.0.113.9')),
    )
    expect(count(burst, 401)).toBe(50)
    expect(count(burst, 429)).toBe(30)
    // Another address is not held back by this one.
    expect((await login(app, 'demo-manager', 'demo-manager-pass', '203.0.113.10')).statusCode).toBe(200)
  })

  it('does not count successful sign-ins from one office address against it', async () => {
    const app = await testApp(dialect, { demo: true })
    for (let i = 0; i < 25; i++) {
      const res = await login(app, 'demo-consultant', 'demo-consultant-pass', '192.0.2.50')
      expect(res.statusCode, `sign-in ${i + 1}`).toBe(200)
    }
  })

  it('audits a flood of anonymous denied requests in a handful of entries', async () => {
    const app = await testApp(dialect, { demo: true })
    const admin = await bearerFor(app, 'demo-admin', 'demo-admin-pass')
    const flood = await Promise.all(
      Array.from({ length: 120 }, () =>
        app.inject({ url: '/api/v1/offices', remoteAddress: '198.51.100.200' }),
      ),
    )
    expect(count(flood, 401)).toBe(120)
    const denied = (await auditEntries(app, admin, 'access.denied')).filter(
      (e) => e.summary.address === '198.51.100.200',
    )
    expect(denied.map((e) => e.summary.occurrencesInWindow).sort((a, b) => Number(a) - Number(b))).toEqual([
      1, 10, 100,
    ])
  })

  it('books the last places of a slot exactly once each under a burst', async () => {
    const app = await testApp(dialect, { demo: true, clock: new FixedClock('2026-11-25T06:00:00Z') })
    const book = await slotAt(app, 3)
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => book(app, `198.51.100.${i + 1}`)))
    expect(count(burst, 201)).toBe(3)
    expect(count(burst, 409)).toBe(17)
  })

  it('lets exactly ten bookings of a burst from one address through', async () => {
    const app = await testApp(dialect, { demo: true, clock: new FixedClock('2026-11-25T06:00:00Z') })
    const book = await slotAt(app, 50)
    const burst = await Promise.all(Array.from({ length: 30 }, () => book(app, '203.0.113.30')))
    expect(count(burst, 201)).toBe(10)
    expect(count(burst, 429)).toBe(20)
  })

  it('lets exactly ten look-ups of a booking by its code from one address through a burst', async () => {
    const app = await testApp(dialect, { demo: true })
    const burst = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        app.inject({
          url: `/api/v1/appointments/by-code/${String(i).padStart(6, 'X')}`,
          remoteAddress: '203.0.113.40',
        }),
      ),
    )
    // Unknown codes: the ten let through are told so (404); guessing on is refused (429).
    expect(count(burst, 404)).toBe(10)
    expect(count(burst, 429)).toBe(15)
  })

  it('lets exactly five password changes of a burst through, refusing the rest with 429', async () => {
    const app = await testApp(dialect, { demo: true })
    const bearer = await bearerFor(app, 'demo-editor', 'demo-editor-pass')
    const burst = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.inject({
          method: 'PUT',
          url: '/api/v1/me/password',
          remoteAddress: '203.0.113.41',
          headers: bearer,
          payload: { currentPassword: 'a-wrong-guess', newPassword: 'a-new-password-1' },
        }),
      ),
    )
    expect(count(burst, 422)).toBe(5)
    expect(count(burst, 429)).toBe(7)
  })
})

// One process owns a SQLite database; several instances share PostgreSQL.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`holds every limit across two instances [${dialect}]`, async () => {
    const { a, b } = await twoInstances(dialect, new FixedClock('2026-11-25T06:00:00Z'))
    const either = (i: number) => (i % 2 === 0 ? a : b)
    const book = await slotAt(a, 3)
    const logins = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        login(either(i), 'demo-manager', `guess-${i}`, `198.51.100.${i + 1}`),
      ),
    )
    expect(count(logins, 401)).toBe(5)
    expect(count(logins, 429)).toBe(45)

    const places = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(either(i), `192.0.2.${i + 1}`)),
    )
    expect(count(places, 201)).toBe(3)
    expect(count(places, 409)).toBe(17)
    const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => book(either(i), '203.0.113.31')))
    expect(count(flood, 429)).toBe(20)
  })
}
