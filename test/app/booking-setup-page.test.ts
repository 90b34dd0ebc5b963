import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('staff pages: booking set-up', (dialect) => {
  // 08:00 in Lviv on Wednesday 2026-11-25.
  async function setUp() {
    const app = await testApp(dialect, { demo: true, clock: new FixedClock('2026-11-25T06:00:00Z') })
    const q = await lvivFrontOffice(app)
    const manager = await signedInSession(app, 'demo-manager', 'demo-manager-pass')
    return { app, q, manager }
  }

  it('lets a manager add a weekly template from the page, in words, and shows what went wrong next to the field', async () => {
    const { app, q, manager } = await setUp()
    const page = await manager.get('/staff/bookings?lang=en')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('No templates yet: residents cannot book at this centre.')
    // Monday to Friday are ticked to start with.
    expect(page.body).toMatch(/id="field-day-1" name="day-1" value="on" checked/)
    expect(page.body).not.toMatch(/id="field-day-6" name="day-6" value="on" checked/)
    const form = {
      _csrf: csrfOf(page.body),
      office: q.officeId,
      queueId: q.queues.A,
      'day-1': 'on',
      'day-2': 'on',
      'day-3': 'on',
      'day-4': 'on',
      'day-5': 'on',
      from: '10:00',
      to: '12:00',
      minutes: '30',
      capacity: '2',
    }
    const backwards = await manager.post('/staff/bookings/templates', { ...form, to: '09:00' })
    expect(backwards.statusCode).toBe(422)
    expect(backwards.body).toContain('The end must be after the start.')
    const { 'day-1': _1, 'day-2': _2, 'day-3': _3, 'day-4': _4, 'day-5': _5, ...noDays } = form
    const none = await manager.post('/staff/bookings/templates?lang=pl', noDays)
    expect(none.statusCode).toBe(422)
    expect(none.body).toContain('Wybierz co najmniej jeden dzień.')
    const tooMany = await manager.post('/staff/bookings/templates', { ...form, capacity: '500' })
    expect(tooMany.body).toContain('Podaj liczbę całkowitą od 1 do 50.')

    const added = await manager.post('/staff/bookings/templates', form)
    expect(added.statusCode).toBe(303)
    expect(added.headers.location).toBe(
      `/staff/bookings?office=${q.officeId}&done=template&opened=44#templates`,
    )
    const after = await manager.get(`/staff/bookings?office=${q.officeId}&done=template&opened=44&lang=en`)
    expect(after.body).toContain('The template was added: 44 slots opened.')
    expect(after.body).toMatch(/<td>Mon–Fri<\/td><td>10:00–12:00<\/td><td>30 minutes<\/td><td>2<\/td>/)
    const free = await app.inject(`/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-11-27`)
    expect(free.json().items.map((s: { free: number }) => s.free)).toEqual([2, 2, 2, 2])
  })

  it('closes a day to bookings, says how many residents to tell, and lists the day’s bookings', async () => {
    const { app, q, manager } = await setUp()
    await app.inject({
      method: 'POST',
      url: `/api/v1/offices/${q.officeId}/slot-templates`,
      headers: q.bearers.manager,
      payload: {
        queueId: q.queues.A,
        weekdays: [1, 2, 3, 4, 5],
        from: '10:00',
        to: '11:00',
        minutes: 30,
        capacity: 1,
      },
    })
    const slots = await app.inject(
      `/api/v1/offices/${q.officeId}/slots?queueId=${q.queues.A}&date=2026-12-02`,
    )
    await q.book(slots.json().items[0].start, { name: 'Марта Іваненко', phone: '+380 67 765 4321' })
    const page = await manager.get('/staff/bookings?lang=uk')
    const past = await manager.post('/staff/bookings/exceptions', {
      _csrf: csrfOf(page.body),
      office: q.officeId,
      exceptionDate: '2026-11-20',
      reason: 'Навчання',
    })
    expect(past.statusCode).toBe(422)
    expect(past.body).toContain('Виберіть сьогоднішній або пізніший день.')
    const long = await manager.post('/staff/bookings/exceptions', {
      _csrf: csrfOf(page.body),
      office: q.officeId,
      exceptionDate: '2026-12-03',
      reason: 'Н'.repeat(201),
    })
    expect(long.statusCode).toBe(422)
    expect(long.body).toContain('Скоротіть це до 200 символів.')
    const closed = await manager.post('/staff/bookings/exceptions', {
      _csrf: csrfOf(page.body),
      office: q.officeId,
      exceptionDate: '2026-12-02',
      reason: 'Навчання',
    })
    expect(closed.headers.location).toBe(
      `/staff/bookings?office=${q.officeId}&done=closed&day=2026-12-02&bookings=1#exceptions`,
    )
    const told = await manager.get(
      `/staff/bookings?office=${q.officeId}&done=closed&day=2026-12-02&bookings=1&lang=en`,
    )
    expect(told.body).toContain('No bookings on 2026-12-02. 1 resident had booked: tell them.')
    expect(told.body).toContain('Take bookings on 2026-12-02 again')

    const consultant = await signedInSession(app, 'demo-consultant', 'demo-consultant-pass')
    const day = await consultant.get('/staff/bookings?date=2026-12-02&lang=en')
    expect(day.statusCode).toBe(200)
    expect(day.body).toContain('Марта Іваненко')
    expect(day.body).toContain('+380 67 765 4321')
    expect(day.body).not.toContain('Add template')
    expect(day.body).not.toContain('Take bookings on')
    const refused = await consultant.post('/staff/bookings/exceptions', {
      _csrf: csrfOf(day.body),
      office: q.officeId,
      exceptionDate: '2026-12-03',
      reason: 'x',
    })
    expect(refused.statusCode).toBe(403)
  })
})
