import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { QUEUE_EVENTS } from '../../src/modules/queue/index.js'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

const MINUTE = 60_000

describeEachDatabase('bookings', (dialect) => {
  // 08:00 in Lviv on 2026-11-25 (UTC+2).
  async function office() {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    await q.appointmentPolicy({ earlyMinutes: 30, lateMinutes: 10, horizonDays: 14 })
    const slots = await q.openSlots({
      date: '2026-11-25',
      from: '10:00',
      to: '11:00',
      minutes: 15,
      capacity: 1,
    })
    expect(slots.statusCode, slots.body).toBe(201)
    const book = (start: string, name = 'Олена Петренко') =>
      q.book(start, { name, email: 'olena@example.org' })
    const checkIn = (code: string) =>
      q.post(`/api/v1/offices/${q.officeId}/check-in`, q.bearers.kiosk, { code })
    return { app, q, clock, slots: slots.json().items as { start: string; time: string }[], book, checkIn }
  }

  it('opens slots in office-local time and books them no further than their capacity', async () => {
    const { app, q, slots, book } = await office()
    expect(slots.map((s) => s.time)).toEqual(['10:00', '10:15', '10:30', '10:45'])
    expect(slots[0]!.start).toBe('2026-11-25T08:00:00.000Z')
    const [a, b] = await Promise.all([book(slots[0]!.start), book(slots[0]!.start, 'Ігор')])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    const booked = (a.statusCode === 201 ? a : b).json()
    expect(booked.code).toMatch(/^[A-Z0-9]{6}$/)
    const free = await app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-11-25`)
    expect(free.json().items.map((s: { time: string }) => s.time)).toEqual(['10:15', '10:30', '10:45'])
    const ics = await app.inject(`/api/v1/appointments/${booked.id}.ics`)
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/)
    expect(ics.body).toContain('DTSTART:20261125T080000Z')
    expect(ics.body).toContain(booked.code)
    const cancelled = await q.post('/api/v1/appointments/cancel', q.bearers.kiosk, { code: booked.code })
    expect(cancelled.json().status).toBe('cancelled')
    const again = await app.inject(
      `/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-11-25`,
    )
    expect(again.json().items).toHaveLength(4)
  })

  it('gives a calendar file in the booking’s language with the centre as its location and how to cancel', async () => {
    const { app, q, slots } = await office()
    const offices = await app.inject({ url: `/api/v1/offices/${q.officeId}`, headers: q.bearers.manager })
    const lviv = offices.json<{ name: Record<string, string>; address: { street: string; city: string } }>()
    const bookIn = async (start: string, lang?: string) =>
      (await q.book(start, { name: 'Anna Nowak', ...(lang ? { lang } : {}) })).json<{
        id: string
        code: string
      }>()
    // iCalendar folds lines at 75 octets: unfold, and unescape commas, before reading a property.
    const property = (ics: string, name: string) =>
      new RegExp(`^${name}[;:](.*)$`, 'm')
        .exec(ics.replace(/\r\n[ \t]/g, ''))?.[1]
        ?.replace(/\\([,;\\])/g, '$1')
    const polish = await bookIn(slots[0]!.start, 'pl')
    const ics = (await app.inject(`/api/v1/appointments/${polish.id}.ics`)).body
    expect(property(ics, 'SUMMARY')).toBe(`Wizyta: ${lviv.name.pl}`)
    expect(property(ics, 'LOCATION')).toContain(`${lviv.name.pl}, ${lviv.address.street}`)
    expect(property(ics, 'LOCATION')).toContain(lviv.address.city)
    const description = property(ics, 'DESCRIPTION')!
    expect(description).toContain(`Twój kod rezerwacji: ${polish.code}. Kolejka A.`)
    expect(description).toContain('między 09:30 a 10:10')
    expect(description).toContain(`anulować rezerwację: http://localhost:3000/appointments/${polish.id}`)
    expect(property(ics, 'URL')).toContain(`/appointments/${polish.id}`)
    // Booked without a language: the centre's own (Lviv: Ukrainian).
    const plain = await bookIn(slots[1]!.start)
    const uk = (await app.inject(`/api/v1/appointments/${plain.id}.ics`)).body
    expect(property(uk, 'SUMMARY')).toBe(`Візит: ${lviv.name.uk}`)
    expect(property(uk, 'DESCRIPTION')).toContain(`Ваш код запису: ${plain.code}.`)
  })

  it('tells the boards of a check-in’s ticket only once it is committed', async () => {
    const { app, slots, book, checkIn, clock } = await office()
    const booking = (await book(slots[0]!.start)).json()
    clock.set(new Date(Date.parse(slots[0]!.start) - 20 * MINUTE))
    const seen: number[] = []
    app.bus.subscribe(QUEUE_EVENTS.changed, async () => {
      const { rows } = await sql<{
        n: number
      }>`select count(*) as n from tickets where appointment_id = ${booking.id}`.execute(app.database.db)
      seen.push(Number(rows[0]!.n))
    })
    expect((await checkIn(booking.code)).statusCode).toBe(200)
    expect(seen).toEqual([1])
  })

  it('checks in early and on time with a ticket callable from the booked time, before walk-ins', async () => {
    const { q, clock, slots, book, checkIn } = await office()
    const booking = (await book(slots[0]!.start)).json()
    clock.set(new Date(Date.parse(slots[0]!.start) - 45 * MINUTE))
    expect(problemOf(await checkIn(booking.code)).code).toBe('TOO_EARLY')
    clock.set(new Date(Date.parse(slots[0]!.start) - 20 * MINUTE))
    const res = await checkIn(booking.code)
    expect(res.json()).toMatchObject({ late: false, ticket: { status: 'waiting', channel: 'booking' } })
    const walkIn = await q.issue({ queueId: q.queues.A })
    await q.open(q.desks.desk1, q.bearers.consultant)
    // Before the booked time the booking waits; the walk-in goes first.
    expect((await q.callNext(q.desks.desk1, q.bearers.consultant))!.id).toBe(walkIn.id)
    const laterWalkIn = await q.issue({ queueId: q.queues.A })
    clock.set(slots[0]!.start)
    const called = await q.callNext(q.desks.desk1, q.bearers.consultant)
    expect(called).toMatchObject({ id: res.json().ticket.id, reason: 'appointment' })
    expect((await q.callNext(q.desks.desk1, q.bearers.consultant))!.id).toBe(laterWalkIn.id)
  })

  it('gives a late arrival an ordinary walk-in ticket, and releases a booking nobody checked in', async () => {
    const { app, q, clock, slots, book, checkIn } = await office()
    const late = (await book(slots[0]!.start)).json()
    const missed = (await book(slots[1]!.start)).json()
    clock.set(new Date(Date.parse(slots[0]!.start) + 11 * MINUTE))
    const res = await checkIn(late.code)
    expect(res.json()).toMatchObject({ late: true, ticket: { status: 'waiting', channel: 'kiosk' } })
    clock.set(new Date(Date.parse(slots[1]!.start) + 11 * MINUTE))
    // The 10:15 booking's window has passed: a no-show whose place is free; coming later that day
    // still gets a walk-in ticket, and the code cannot be used twice.
    expect((await checkIn(missed.code)).json()).toMatchObject({ late: true })
    expect(problemOf(await checkIn(missed.code)).code).toBe('ALREADY_CHECKED_IN')
    clock.set(new Date(Date.parse(slots[1]!.start) - 60 * MINUTE))
    const free = await app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-11-25`)
    expect(free.json().items.map((s: { time: string }) => s.time)).toContain('10:15')
  })

  it('checks in by the personal number given at booking, which is kept only as a keyed hash', async () => {
    const { app, q, clock, slots } = await office()
    const booking = await q.book(slots[0]!.start, { name: 'Олена Петренко', identifier: '3012 345 678' })
    expect(booking.statusCode, booking.body).toBe(201)
    const byNumber = (identifier: string) =>
      q.post(`/api/v1/offices/${q.officeId}/check-in`, q.bearers.kiosk, { identifier })
    clock.set(new Date(Date.parse(slots[0]!.start) - 10 * MINUTE))
    expect((await byNumber('3012345679')).statusCode).toBe(404)
    // Spaces and dashes do not matter.
    const res = await byNumber('3012-345-678')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ late: false, ticket: { channel: 'booking' } })
    expect(problemOf(await byNumber('3012345678')).status).toBe(404)
    // Neither the number nor its plain SHA-256 is stored anywhere in the booking.
    const raw = JSON.stringify(await app.database.db.selectFrom('appointments').selectAll().execute())
    expect(raw).not.toContain('3012345678')
    const { createHash } = await import('node:crypto')
    expect(raw).not.toContain(createHash('sha256').update('3012345678').digest('hex'))
    expect(raw).toMatch(/"identifierHash":"[0-9a-f]{64}"/)
  })

  it('asks for exactly one of code and personal number at check-in', async () => {
    const { q } = await office()
    for (const payload of [{}, { code: 'ABC123', identifier: '3012345678' }]) {
      const res = await q.post(`/api/v1/offices/${q.officeId}/check-in`, q.bearers.kiosk, payload)
      expect(res.statusCode).toBe(422)
      expect(problemOf(res).errors?.[0]?.path).toBe('body.code')
    }
  })

  it('refuses bad bookings with the field named, and bookings beyond the horizon', async () => {
    const { q, book } = await office()
    const wrongTime = await book('2026-11-25T08:05:00.000Z')
    expect(problemOf(wrongTime).errors?.[0]?.path).toBe('body.start')
    const past = await book('2026-11-24T08:00:00.000Z')
    expect(problemOf(past).errors?.[0]?.path).toBe('body.start')
    const noName = await q.book('2026-11-25T08:00:00.000Z', { name: '' })
    expect(problemOf(noName).errors?.[0]?.path).toBe('body.name')
    const far = await q.openSlots({
      date: '2026-12-31',
      from: '10:00',
      to: '10:15',
      minutes: 15,
      capacity: 1,
    })
    expect(problemOf(await book(far.json().items[0].start)).errors?.[0]?.message).toMatch(/14 days/)
    const consultant = await q.post(`/api/v1/offices/${q.officeId}/slots`, q.bearers.consultant, {
      queueId: q.queues.A,
      date: '2026-11-26',
      from: '10:00',
      to: '11:00',
      minutes: 15,
      capacity: 1,
    })
    expect(consultant.statusCode).toBe(403)
    const editorCheckIn = await q.post(`/api/v1/offices/${q.officeId}/check-in`, q.bearers.editor, {
      code: 'ABC123',
    })
    expect(editorCheckIn.statusCode).toBe(403)
  })

  it('skips the hour clocks jump over when opening slots on the spring-forward day', async () => {
    const clock = new FixedClock('2026-03-27T08:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    // A Sunday: the centre opens that night by exception (slots on a closed day are refused).
    const opened = await app.inject({
      method: 'PUT',
      url: `/api/v1/offices/${q.officeId}/hours-exceptions/2026-03-29`,
      headers: q.bearers.manager,
      payload: { hours: [{ from: '02:00', to: '05:00' }], reason: 'Нічна зміна' },
    })
    expect(opened.statusCode, opened.body).toBe(200)
    const res = await q.openSlots({
      date: '2026-03-29',
      from: '02:30',
      to: '04:30',
      minutes: 30,
      capacity: 1,
    })
    const items = res.json().items as { time: string; start: string }[]
    expect(items.map((s) => s.time)).toEqual(['02:30', '04:00'])
    expect(items.map((s) => s.start)).toEqual(['2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z'])
  })
  it('limits how fast one address may book: the eleventh booking in a minute is a 429 problem', async () => {
    const { book } = await office()
    const answers = []
    for (let i = 0; i < 11; i++) answers.push(await book('2026-11-25T08:05:00.000Z'))
    expect(answers.slice(0, 10).every((a) => a.statusCode === 422)).toBe(true)
    const limited = answers[10]!
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(problemOf(limited).code).toBe('RATE_LIMITED')
    expect(limited.headers['retry-after']).toBeDefined()
  })
})
