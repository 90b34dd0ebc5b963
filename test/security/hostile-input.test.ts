import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

// Each case here is an attack that once answered 500 or stored what it should not (issue 10).
describeEachDatabase('hostile input', (dialect) => {
  it('refuses Infinity and numbers too large for a double in queries, naming the field', async () => {
    const app = await testApp(dialect, { demo: true })
    const { admin } = await demoBearers(app)
    for (const url of [
      '/api/v1/services?limit=Infinity',
      '/api/v1/services?limit=-Infinity',
      '/api/v1/services?limit=1e400',
    ]) {
      const res = await app.inject({ url })
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422)
      expect(problemOf(res).errors?.[0]?.path).toBe('querystring.limit')
    }
    const audit = await app.inject({ url: '/api/v1/audit?limit=1e309', headers: admin })
    expect(audit.statusCode, audit.body).toBe(422)
    expect(problemOf(audit).errors?.[0]?.path).toBe('querystring.limit')
  })

  it('keeps infinite numbers out of the queue policy, desk weights, slot capacity and the horizon', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const put = (url: string, payload: unknown) =>
      app.inject({ method: 'PUT', url, headers: q.bearers.manager, payload: payload as object })
    const json = (url: string, body: string, method: 'PUT' | 'POST' = 'PUT') =>
      app.inject({
        method,
        url,
        headers: { ...q.bearers.manager, 'content-type': 'application/json' },
        payload: body,
      })

    const policy = await put(`/api/v1/offices/${q.officeId}/queue-policy`, {
      maxPriorityInRow: 'Infinity',
      maxWaitMinutes: 'Infinity',
    })
    expect(policy.statusCode, policy.body).toBe(422)
    const policyJson = await json(
      `/api/v1/offices/${q.officeId}/queue-policy`,
      '{"maxPriorityInRow": 1e400, "maxWaitMinutes": 30}',
    )
    expect(policyJson.statusCode, policyJson.body).toBe(422)
    expect(problemOf(policyJson).errors?.[0]?.path).toBe('body.maxPriorityInRow')
    const read = await app.inject({
      url: `/api/v1/offices/${q.officeId}/queue-policy`,
      headers: q.bearers.manager,
    })
    expect(read.statusCode).toBe(200)

    const weights = await json(
      `/api/v1/desks/${q.desks.desk1}/queues`,
      `{"queueIds": ["${q.queues.A}"], "weights": {"${q.queues.A}": 1e400}}`,
    )
    expect(weights.statusCode, weights.body).toBe(422)
    expect(problemOf(weights).errors?.[0]?.path).toBe(`body.weights.${q.queues.A}`)
    const desks = await app.inject({ url: `/api/v1/offices/${q.officeId}/desks`, headers: q.bearers.manager })
    expect(desks.statusCode).toBe(200)

    const slots = await json(
      `/api/v1/offices/${q.officeId}/slots`,
      `{"queueId": "${q.queues.A}", "date": "2026-12-01", "from": "10:00", "to": "11:00", "minutes": 15, "capacity": 1e400}`,
      'POST',
    )
    expect(slots.statusCode, slots.body).toBe(422)
    expect(problemOf(slots).errors?.[0]?.path).toBe('body.capacity')
    const horizon = await json(
      `/api/v1/offices/${q.officeId}/appointment-policy`,
      '{"earlyMinutes": 30, "lateMinutes": 10, "horizonDays": 1e400}',
    )
    expect(horizon.statusCode, horizon.body).toBe(422)
    const free = await app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-12-01`)
    expect(free.statusCode).toBe(200)
  })

  it('refuses NUL and other control characters in text fields with 422, signed in or not', async () => {
    const app = await testApp(dialect, { demo: true })
    const { admin } = await demoBearers(app)
    const offices = await demoOffices(app)
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'a\u0000b', password: 'x' },
    })
    expect(login.statusCode, login.body).toBe(422)
    expect(problemOf(login).errors?.[0]).toMatchObject({ path: 'body.login', message: /control characters/ })
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: admin,
      payload: { label: 'script\u0000' },
    })
    expect(token.statusCode, token.body).toBe(422)
    const desk = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}/desks`,
      headers: admin,
      payload: { name: 'Window\u0007' },
    })
    expect(desk.statusCode, desk.body).toBe(422)
    expect(problemOf(desk).errors?.[0]?.path).toBe('body.name')
    const filter = await app.inject({ url: '/api/v1/audit?action=a%00b', headers: admin })
    expect(filter.statusCode, filter.body).toBe(422)
    expect(problemOf(filter).errors?.[0]?.path).toBe('querystring.action')
    // Tabs and line breaks are text, not controls.
    const lines = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${offices['LVIV-CNAP']!.id}/desks`,
      headers: admin,
      payload: { name: 'Window\t21' },
    })
    expect(lines.statusCode, lines.body).toBe(201)
  })

  it('refuses impossible calendar dates everywhere a date is taken', async () => {
    const app = await testApp(dialect, { demo: true })
    const q = await lvivFrontOffice(app)
    const slots = await q.openSlots({
      date: '2026-13-01',
      from: '10:00',
      to: '11:00',
      minutes: 15,
      capacity: 1,
    })
    expect(slots.statusCode, slots.body).toBe(422)
    expect(problemOf(slots).errors?.[0]?.path).toBe('body.date')
    const stats = await app.inject({
      url: `/api/v1/offices/${q.officeId}/queue-stats?from=2026-02-30`,
      headers: q.bearers.manager,
    })
    expect(stats.statusCode, stats.body).toBe(422)
    expect(problemOf(stats).errors?.[0]?.path).toBe('querystring.from')
    const free = await app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2025-02-29`)
    expect(free.statusCode, free.body).toBe(422)
    const leap = await app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2028-02-29`)
    expect(leap.statusCode, leap.body).toBe(200)
  })

  it('does not list slots beyond the booking horizon to residents', async () => {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    await q.appointmentPolicy({ earlyMinutes: 30, lateMinutes: 10, horizonDays: 14 })
    for (const date of ['2026-12-05', '2027-01-04']) {
      const made = await q.openSlots({
        date,
        from: '10:00',
        to: '10:30',
        minutes: 15,
        capacity: 1,
      })
      expect(made.statusCode, made.body).toBe(201)
      // The manager who opened them sees them all.
      expect(made.json().items).toHaveLength(2)
    }
    const listed = (date: string) =>
      app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=${date}`)
    expect((await listed('2026-12-05')).json().items).toHaveLength(2)
    expect((await listed('2027-01-04')).json().items).toEqual([])
  })

  it('answers malformed and over-long addresses as problems with the security headers', async () => {
    const app = await testApp(dialect)
    for (const [url, status, code] of [
      ['/api/v1/offices/%ZZ', 400, 'BAD_URL'],
      [`/api/v1/offices/${'a'.repeat(5000)}`, 414, 'URI_TOO_LONG'],
    ] as const) {
      const res = await app.inject({ url })
      expect(res.statusCode, url.slice(0, 40)).toBe(status)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-security-policy']).toContain("default-src 'self'")
      expect(problemOf(res).code).toBe(code)
    }
  })

  it('sends a sign-in target with characters beyond Latin-1 on, percent-encoded', async () => {
    const app = await testApp(dialect, { demo: true })
    const page = await app.inject({ url: '/login?next=/%C4%80' })
    expect(page.statusCode, page.body).toBe(200)
    const form = await app.inject({ url: '/login?next=/staff/%C4%80' })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
    const cookies = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf ?? '',
        login: 'demo-manager',
        password: 'demo-manager-pass',
        next: '/staff/\u0100',
      }).toString(),
    })
    expect(res.statusCode, res.body).toBe(303)
    expect(res.headers.location).toBe('/staff/%C4%80')
  })
})
