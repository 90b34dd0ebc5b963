import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { cookieSession, csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('booking pages', (dialect) => {
  it('lets a resident pick a centre, a purpose, a day and a free time, and get a code and a calendar file', async () => {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    await q.openSlots({
      date: '2026-11-26',
      from: '09:00',
      to: '10:00',
      minutes: 30,
      capacity: 1,
    })
    const resident = cookieSession(app)
    expect((await resident.get('/book?lang=en')).body).toContain('href="/offices/LVIV-CNAP/book"')
    const queues = await resident.get('/offices/LVIV-CNAP/book?lang=en')
    expect(queues.body).toContain(`href="/offices/LVIV-CNAP/book?queue=${q.queues.A}"`)
    const day = await resident.get(`/offices/LVIV-CNAP/book?queue=${q.queues.A}&date=2026-11-26&lang=en`)
    expect(day.body).toContain('Thursday, November 26')
    expect(day.body).toMatch(/<label for="slot-0">09:00<\/label>/)

    const missing = await resident.post('/offices/LVIV-CNAP/book', {
      _csrf: csrfOf(day.body),
      queueId: q.queues.A,
      date: '2026-11-26',
      start: '2026-11-26T07:00:00.000Z',
      name: '',
    })
    expect(missing.statusCode).toBe(422)
    expect(missing.body).toContain('href="#field-name"')

    const booked = await resident.post('/offices/LVIV-CNAP/book', {
      _csrf: csrfOf(day.body),
      queueId: q.queues.A,
      date: '2026-11-26',
      start: '2026-11-26T07:00:00.000Z',
      name: 'Олена Петренко',
      email: '',
      phone: '',
    })
    expect(booked.statusCode).toBe(303)
    const page = await resident.get(`${booked.headers.location}?lang=en`)
    expect(page.body).toContain('Your visit is booked')
    expect(page.body).toMatch(/<dd class="ticket-number">[A-Z0-9]{6}<\/dd>/)
    expect(page.body).toContain('from 8:30 AM until 9:10 AM')
    expect(page.body).not.toContain('Олена')

    const full = await resident.get(`/offices/LVIV-CNAP/book?queue=${q.queues.A}&date=2026-11-26&lang=en`)
    expect(full.body).not.toContain('>09:00<')
    const cancelled = await resident.post(`${booked.headers.location}/cancel`, { _csrf: csrfOf(page.body) })
    expect(cancelled.statusCode).toBe(303)
    expect((await resident.get(`${booked.headers.location}?lang=en`)).body).toContain(
      'The booking was cancelled.',
    )
  })
  it('checks a booking in at the kiosk by its code, and says so when a code cannot be used', async () => {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    const slots = await q.openSlots({
      date: '2026-11-25',
      from: '09:00',
      to: '09:30',
      minutes: 30,
      capacity: 2,
    })
    const book = async (person: { name: string; identifier?: string }) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: { officeId: q.officeId, queueId: q.queues.A, start: slots.json().items[0].start, ...person },
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json<{ code: string }>()
    }
    await book({ name: 'Anna', identifier: '85010112345' })
    const booking = await book({ name: 'Ігор' })
    clock.set('2026-11-25T06:50:00Z')
    const kiosk = await signedInSession(app, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass')
    const screen = await kiosk.get('/offices/LVIV-CNAP/kiosk?lang=en')
    const wrong = await kiosk.post('/offices/LVIV-CNAP/kiosk/check-in', {
      _csrf: csrfOf(screen.body),
      code: 'ZZZZZZ',
    })
    expect(wrong.statusCode).toBe(422)
    expect(wrong.body).toContain('No booking with this code or number can be checked in now.')
    const ok = await kiosk.post('/offices/LVIV-CNAP/kiosk/check-in', {
      _csrf: csrfOf(screen.body),
      code: booking.code.toLowerCase(),
    })
    expect(ok.statusCode).toBe(303)
    const ticket = await kiosk.get(`${ok.headers.location}?lang=en`)
    expect(ticket.body).toContain('<h1 id="ticket-number" class="ticket-number">A001</h1>')
    // The same field takes the personal number given at booking, typed with spaces.
    const byNumber = await kiosk.post('/offices/LVIV-CNAP/kiosk/check-in', {
      _csrf: csrfOf(screen.body),
      code: '850101 12345',
    })
    expect(byNumber.statusCode).toBe(303)
    expect((await kiosk.get(`${byNumber.headers.location}?lang=en`)).body).toContain('>A002</h1>')
  })
})
