import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { cookieSession, csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { demoBearers, demoOffices } from '../support/factories.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

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
    expect(wrong.body).toContain('No booking has this code. Check the code in your confirmation')
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

  it('tells at the kiosk what is wrong with a booking in words, and reads look-alikes in a code', async () => {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    const offices = await demoOffices(app)
    const lublinId = offices['LUB-BOM']!.id
    const slots = await q.openSlots({
      date: '2026-11-25',
      from: '09:00',
      to: '10:00',
      minutes: 30,
      capacity: 5,
    })
    const start = slots.json().items[0].start as string
    const book = async (officeId = q.officeId, queueId = q.queues.A, at = start) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: { officeId, queueId, start: at, name: 'Ірина' },
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json<{ id: string; code: string }>()
    }
    // New codes have no look-alikes: no O, I, L (nor U).
    const codes = await Promise.all([1, 2, 3].map(() => book()))
    for (const { code } of codes) expect(code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$/)
    const early = codes[0]!
    const cancelled = codes[1]!
    const used = codes[2]!
    // A code with 0 and 1 in it, typed with O and l, is still found.
    await app.database.db
      .updateTable('appointments' as never)
      .set({ code: 'A0B1C2' } as never)
      .where('id' as never, '=', used.id as never)
      .execute()
    const cancel = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments/cancel',
      payload: { code: cancelled.code },
    })
    expect(cancel.statusCode).toBe(200)
    const admin = (await demoBearers(app)).admin
    const lublinQueue = (
      await app.inject({
        method: 'POST',
        url: `/api/v1/offices/${lublinId}/queues`,
        headers: admin,
        payload: { prefix: 'L', name: { uk: 'Черга', pl: 'Kolejka', en: 'Queue' } },
      })
    ).json<{ id: string }>().id
    const lublinSlots = await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${lublinId}/slots`,
      headers: (await demoBearers(app)).admin,
      payload: {
        queueId: lublinQueue,
        date: '2026-11-25',
        from: '09:00',
        to: '09:30',
        minutes: 30,
        capacity: 1,
      },
    })
    expect(lublinSlots.statusCode, lublinSlots.body).toBe(201)
    const elsewhere = await book(lublinId, lublinQueue, lublinSlots.json().items[0].start)

    let kiosk = await signedInSession(app, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass')
    const checkIn = async (code: string, lang: string) => {
      const screen = await kiosk.get(`/offices/LVIV-CNAP/kiosk?lang=${lang}`)
      return kiosk.post('/offices/LVIV-CNAP/kiosk/check-in', { _csrf: csrfOf(screen.body), code })
    }
    // 08:00 in Lviv: the 09:00 booking opens for check-in at 08:30 (30 minutes early).
    const tooEarly = await checkIn(early.code, 'uk')
    expect(tooEarly.statusCode).toBe(422)
    expect(tooEarly.body).toContain(
      'Ви зарано: реєстрація на цей запис відкривається о 08:30. Поверніться тоді.',
    )
    expect((await checkIn(cancelled.code, 'pl')).body).toContain('Ta rezerwacja została anulowana.')
    expect((await checkIn(elsewhere.code, 'uk')).body).toContain(
      'Цей запис в іншому центрі: Бюро обслуговування мешканців у Любліні.',
    )
    clock.set('2026-11-25T08:50:00Z')
    const typedWithLookAlikes = await checkIn('aOb lc2'.replace(' ', ''), 'en')
    expect(typedWithLookAlikes.statusCode, typedWithLookAlikes.body).toBe(303)
    expect((await checkIn('A0B1C2', 'en')).body).toContain('This booking is checked in already')
    clock.set('2026-11-26T08:50:00Z')
    kiosk = await signedInSession(app, 'demo-kiosk-lviv', 'demo-kiosk-lviv-pass')
    expect((await checkIn(early.code, 'en')).body).toContain('This booking was for November 25, 2026.')
    // The code's page: found by its code, an unknown code said to be unknown.
    expect((await app.inject('/api/v1/appointments/by-code/a0b1c2')).json()).toMatchObject({ id: used.id })
    const unknown = await app.inject('/api/v1/appointments/by-code/ZZZZZZ')
    expect(unknown.statusCode).toBe(404)
    expect(problemOf(unknown).code).toBe('BOOKING_NOT_FOUND')
  })

  it('finds a booking by its code on a page, and says in words when no booking has it', async () => {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    const slots = await q.openSlots({
      date: '2026-11-25',
      from: '09:00',
      to: '09:30',
      minutes: 30,
      capacity: 1,
    })
    const booked = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      payload: {
        officeId: q.officeId,
        queueId: q.queues.A,
        start: slots.json().items[0].start,
        name: 'Ірина',
      },
    })
    const { id, code } = booked.json<{ id: string; code: string }>()
    const book = await app.inject('/book?lang=en')
    expect(book.body).toContain(
      '<a href="/appointments/find">Already booked? Find your booking by its code</a>',
    )
    const form = await app.inject('/appointments/find?lang=pl')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Znajdź swoją rezerwację')
    const found = await app.inject(
      `/appointments/find?code=${code.toLowerCase().slice(0, 3)}-${code.slice(3)}`,
    )
    expect(found.statusCode).toBe(303)
    expect(found.headers.location).toBe(`/appointments/${id}`)
    const unknown = await app.inject('/appointments/find?code=ZZZZZZ&lang=en')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).toContain('No booking has this code. Check the code in your confirmation')
    expect(unknown.body).toContain('aria-invalid="true"')
    const malformed = await app.inject('/appointments/find?code=12&lang=uk')
    expect(malformed.statusCode).toBe(422)
    expect(malformed.body).toContain('Введіть шість літер і цифр коду')
  })

  it('tells each wrong answer on the booking form next to its field, in the resident’s language, saying what to do', async () => {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    await q.openSlots({ date: '2026-11-26', from: '09:00', to: '10:00', minutes: 30, capacity: 1 })
    const resident = cookieSession(app)
    const form = (lang: string) =>
      resident.get(`/offices/LVIV-CNAP/book?queue=${q.queues.A}&date=2026-11-26&lang=${lang}`)
    const send = async (lang: string, answers: Record<string, string>) =>
      resident.post('/offices/LVIV-CNAP/book', {
        _csrf: csrfOf((await form(lang)).body),
        queueId: q.queues.A,
        date: '2026-11-26',
        start: '2026-11-26T07:00:00.000Z',
        name: 'Олена Петренко',
        ...answers,
      })
    const errorOf = (html: string, field: string) =>
      new RegExp(`id="field-${field}-error">([^<]*)<`).exec(html)?.[1]?.replace(/&#39;|&rsquo;/g, '’')
    const wrong = await send('en', {
      name: 'x'.repeat(121),
      phone: '12ab',
      email: 'olena@',
      identifier: '!!',
    })
    expect(wrong.statusCode).toBe(422)
    expect(errorOf(wrong.body, 'name')).toBe('The name is too long: shorten it to 120 characters.')
    expect(errorOf(wrong.body, 'phone')).toContain('Enter a phone number with digits only')
    expect(errorOf(wrong.body, 'email')).toContain('Enter an e-mail address like name@example.org')
    expect(errorOf(wrong.body, 'identifier')).toContain('Enter the personal number as on your document')
    expect(wrong.body).not.toMatch(/must match|must NOT|\bpattern\b|\bformat\b/)
    const polish = await send('pl', { phone: 'abc' })
    expect(errorOf(polish.body, 'phone')).toContain('Wpisz numer telefonu samymi cyframi')
    const ukrainian = await send('uk', { name: 'x' })
    expect(errorOf(ukrainian.body, 'name')).toContain('Введіть ім’я, щонайменше 2 літери')
    // A time that passed while the form was open.
    const open = await form('en')
    clock.set('2026-11-26T07:30:00Z')
    const past = await resident.post('/offices/LVIV-CNAP/book', {
      _csrf: csrfOf(open.body),
      queueId: q.queues.A,
      date: '2026-11-26',
      start: '2026-11-26T07:00:00.000Z',
      name: 'Олена Петренко',
    })
    expect(past.statusCode).toBe(422)
    expect(past.body).toContain('This time has already passed. Choose a later time.')
  })

  it('tells a resident who booked too often when to try again, in words', async () => {
    const app = await testApp(dialect, { demo: true, clock: new FixedClock('2026-11-25T06:00:00Z') })
    const q = await lvivFrontOffice(app)
    await q.openSlots({ date: '2026-11-26', from: '09:00', to: '10:00', minutes: 30, capacity: 1 })
    const resident = cookieSession(app)
    const page = await resident.get(`/offices/LVIV-CNAP/book?queue=${q.queues.A}&date=2026-11-26&lang=pl`)
    let last = page
    for (let i = 0; i < 11; i++)
      last = await resident.post('/offices/LVIV-CNAP/book', {
        _csrf: csrfOf(page.body),
        queueId: q.queues.A,
        date: '2026-11-26',
        start: '2026-11-26T07:00:00.000Z',
        name: '',
      })
    expect(last.statusCode).toBe(429)
    expect(last.body).toContain('Zbyt wiele prób w krótkim czasie')
    expect(last.body).toMatch(/spróbuj ponownie za \d+ sekund/)
    expect(last.body).not.toContain('Coś poszło nie tak')
  })
})
