import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

type Day = { date: string; name: string; dayOff: boolean; source: string }

describeEachDatabase('working calendar', (dialect) => {
  it('keeps the public holidays of Poland and Ukraine as data, seeded with the domain’s rules', async () => {
    const app = await testApp(dialect)
    const year = async (country: string, y: number) => {
      const res = await app.inject(`/api/v1/calendar/${country}/${y}`)
      expect(res.statusCode, res.body).toBe(200)
      return res.json<{ items: Day[] }>().items
    }
    // Before seeding, the library answers; after, the stored days do, the same.
    const before = await year('PL', 2025)
    expect(await app.services.calendar.ensureSeeded([2024, 2025, 2026])).toBe(6)
    expect(await app.services.calendar.ensureSeeded([2024, 2025, 2026])).toBe(0)
    expect(await year('PL', 2025)).toEqual(before)
    const stored = await sql<{ n: number }>`select count(*) as n from calendar_days`.execute(app.database.db)
    expect(Number(stored.rows[0]!.n)).toBeGreaterThan(40)

    // 24 December is a Polish day off from 2025 on, not before.
    expect((await year('PL', 2025)).find((d) => d.date === '2025-12-24')).toMatchObject({ dayOff: true })
    expect((await year('PL', 2024)).find((d) => d.date === '2024-12-24')).toBeUndefined()
    // Ukrainian holidays stay holidays, but offices work them under martial law (since 24 Feb 2022).
    const ua2026 = await year('UA', 2026)
    expect(ua2026.find((d) => d.date === '2026-01-01')).toMatchObject({ dayOff: false, source: 'library' })
    expect(ua2026.every((d) => !d.dayOff)).toBe(true)
    expect((await year('UA', 2021)).find((d) => d.date === '2021-01-01')).toMatchObject({ dayOff: true })
    // A country Ratusz has no holidays for: none, not an error; a bad one is refused by name.
    expect(await year('DE', 2026)).toEqual([])
    expect(problemOf(await app.inject('/api/v1/calendar/de/2026')).errors?.[0]?.path).toBe('params.country')
    expect(problemOf(await app.inject('/api/v1/calendar/PL/1999')).errors?.[0]?.path).toBe('params.year')
  })

  it('lets the network decide a day off, audited, and offices, bookings and the home page follow it', async () => {
    const clock = new FixedClock('2026-12-01T08:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    await q.appointmentPolicy({ earlyMinutes: 30, lateMinutes: 10, horizonDays: 30 })
    const bearers = await demoBearers(app)
    // Slots on Tuesday 8 December, opened before the network closes that day.
    const opened = await q.openSlots({
      date: '2026-12-08',
      from: '10:00',
      to: '11:00',
      minutes: 30,
      capacity: 1,
    })
    expect(opened.statusCode).toBe(201)

    const decide = (headers: { authorization: string }, dayOff: boolean) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/calendar/UA/days/2026-12-08',
        headers,
        payload: { dayOff, name: 'День місцевого самоврядування' },
      })
    expect(problemOf(await decide(bearers.manager, true)).code).toBe('FORBIDDEN')
    const decided = await decide(bearers.coordinator, true)
    expect(decided.json()).toEqual({
      date: '2026-12-08',
      name: 'День місцевого самоврядування',
      dayOff: true,
      source: 'network',
    })
    const audit = await app.inject({ url: '/api/v1/audit?limit=3', headers: bearers.admin })
    expect(audit.json().items[0]).toMatchObject({ action: 'calendar.day', subject: { id: 'UA:2026-12-08' } })

    // Ukrainian offices are closed that day; the Polish ones are not.
    const offices = await demoOffices(app)
    expect(await app.services.offices.hoursOn(q.officeId, '2026-12-08')).toEqual({
      spans: [],
      closedBecause: 'День місцевого самоврядування',
    })
    expect((await app.services.offices.hoursOn(offices['LUB-BOM']!.id, '2026-12-08')).spans).not.toEqual([])
    // No new slots, none offered, no booking of the ones opened before.
    const more = await q.openSlots({
      date: '2026-12-08',
      from: '12:00',
      to: '13:00',
      minutes: 30,
      capacity: 1,
    })
    expect(problemOf(more).errors).toEqual([
      { path: 'body.date', message: 'is a day the office is closed (День місцевого самоврядування)' },
    ])
    const offered = await app.inject(
      `/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-12-08`,
    )
    expect(offered.json().items).toEqual([])
    const booking = await q.book(opened.json().items[0].start, { name: 'Олена' })
    expect(problemOf(booking)).toMatchObject({ status: 409, code: 'OFFICE_CLOSED' })
    // Residents see it on the home page, in their language, with the day's name.
    const home = await app.inject('/?lang=en')
    expect(home.body).toContain('Closed in the next two weeks')
    expect(home.body).toContain(
      '<time datetime="2026-12-08">Tuesday, December 8</time> — День місцевого самоврядування',
    )

    // An office that opens that day anyway sets its own hours for it, over the network's day off.
    const exception = await app.inject({
      method: 'PUT',
      url: `/api/v1/offices/${q.officeId}/hours-exceptions/2026-12-08`,
      headers: q.bearers.manager,
      payload: { hours: [{ from: '09:00', to: '13:00' }], reason: 'Чергування' },
    })
    expect(exception.statusCode).toBe(200)
    expect(
      (await q.openSlots({ date: '2026-12-08', from: '12:00', to: '13:00', minutes: 30, capacity: 1 }))
        .statusCode,
    ).toBe(201)
  })

  it('closes Polish offices on 24 December from 2025 and on Sundays by their week', async () => {
    const app = await testApp(dialect, { demo: true })
    const lublin = (await demoOffices(app))['LUB-BOM']!.id
    expect(await app.services.offices.hoursOn(lublin, '2025-12-24')).toMatchObject({
      spans: [],
      closedBecause: expect.stringMatching(/Wigilia/),
    })
    expect(await app.services.offices.hoursOn(lublin, '2025-12-28')).toEqual({
      spans: [],
      closedBecause: null,
    })
    expect((await app.services.offices.hoursOn(lublin, '2025-12-29')).spans.length).toBeGreaterThan(0)
  })

  it('lets the coordinator decide a day on the calendar page, with errors named, and no one else', async () => {
    const app = await testApp(dialect, { demo: true })
    const coordinator = await signedInSession(app, 'demo-coordinator', 'demo-coordinator-pass')
    const page = await coordinator.get('/staff/calendar?country=PL&year=2026&lang=en')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Open offices on 2026-01-01')
    // A holiday the offices work after all, from its button.
    const open = await coordinator.post('/staff/calendar/days?country=PL&year=2026', {
      _csrf: csrfOf(page.body),
      country: 'PL',
      date: '2026-01-06',
      name: 'Święto Trzech Króli',
      dayOff: 'off',
    })
    expect(open.statusCode).toBe(303)
    expect(open.headers.location).toBe('/staff/calendar?country=PL&year=2026&done=calendar#add')
    const year = (await app.inject('/api/v1/calendar/PL/2026')).json<{ items: Day[] }>().items
    expect(year.find((d) => d.date === '2026-01-06')).toMatchObject({ dayOff: false, source: 'network' })
    // A new network day with a bad date and no name: both named, nothing saved.
    const bad = await coordinator.post('/staff/calendar/days?country=PL&year=2026', {
      _csrf: csrfOf(page.body),
      country: 'PL',
      date: '2026-02-30',
      name: ' ',
      dayOff: 'on',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('href="#field-date"')
    expect(bad.body).toContain('href="#field-name"')
    // A manager of one office does not decide the network's days.
    const manager = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    expect((await manager.get('/staff/calendar')).statusCode).toBe(403)
  })
})
