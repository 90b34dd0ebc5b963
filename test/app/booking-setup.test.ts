import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { bearerFor, testApp } from '../support/test-app.js'

interface Slot {
  date: string
  time: string
  start: string
  free: number
}

describeEachDatabase('booking set-up', (dialect) => {
  // 08:00 in Lviv on Wednesday 2026-11-25 (UTC+2). Lviv is open Monday to Saturday.
  async function centre() {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const app = await testApp(dialect, { demo: true, clock })
    const q = await lvivFrontOffice(app)
    await q.appointmentPolicy({ earlyMinutes: 30, lateMinutes: 10, horizonDays: 14 })
    const base = `/api/v1/offices/${q.officeId}`
    const free = async (date: string, queueId = q.queues.A) =>
      (await app.inject(`${base}/slots?queueId=${queueId}&date=${date}`)).json<{ items: Slot[] }>().items
    const template = (body: Record<string, unknown>, who = q.bearers.manager) =>
      app.inject({
        method: 'POST',
        url: `${base}/slot-templates`,
        headers: who,
        payload: { queueId: q.queues.A, from: '10:00', to: '12:00', minutes: 30, capacity: 1, ...body },
      })
    const book = (start: string, name = 'Олена Петренко') =>
      q.book(start, { name, phone: '+380 67 123 4567' })
    return { app, q, clock, base, free, template, book }
  }

  it('opens slots from a weekly template on the days the centre is open, over the booking horizon', async () => {
    const { q, free, template } = await centre()
    const res = await template({ weekdays: [1, 2, 3, 4, 5, 6, 7] })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ weekdays: [1, 2, 3, 4, 5, 6, 7], from: '10:00', to: '12:00' })
    expect((await free('2026-11-25')).map((s) => s.time)).toEqual(['10:00', '10:30', '11:00', '11:30'])
    expect(await free('2026-11-28')).toHaveLength(4) // Saturday: open
    expect(await free('2026-11-29')).toHaveLength(0) // Sunday: closed, so no slots
    expect(await free('2026-12-08')).toHaveLength(4)
    // The horizon ends 14 days from now, at 08:00 on 2026-12-09: that day's slots are open already
    // and residents see them as the horizon reaches them.
    expect(await free('2026-12-09')).toHaveLength(0)
    // 15 days from today to the horizon, two of them Sundays: 13 days of 4 slots.
    expect(res.json().opened).toBe(52)

    const saturdays = await template({
      queueId: q.queues.B,
      weekdays: [6],
      from: '09:00',
      to: '10:00',
      minutes: 20,
    })
    expect(saturdays.json().opened).toBe(6)
    expect((await free('2026-11-28', q.queues.B)).map((s) => s.time)).toEqual(['09:00', '09:20', '09:40'])
    expect(await free('2026-11-27', q.queues.B)).toHaveLength(0)
  })

  it('refuses a template that ends before it starts, names no weekday or serves another centre’s queue', async () => {
    const { app, q, template } = await centre()
    const backwards = await template({ weekdays: [1], from: '12:00', to: '10:00' })
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json().errors[0].path).toBe('body.to')
    const none = await template({ weekdays: [] })
    expect(none.statusCode).toBe(422)
    expect(none.json().errors[0].path).toBe('body.weekdays')
    const foreign = await template({ weekdays: [1], queueId: '00000000-0000-4000-8000-000000000000' })
    expect(foreign.statusCode).toBe(422)
    expect((await template({ weekdays: [1] }, q.bearers.consultant)).statusCode).toBe(403)
    const listed = await app.inject({
      url: `/api/v1/offices/${q.officeId}/slot-templates`,
      headers: q.bearers.consultant,
    })
    expect(listed.json().items).toEqual([])
  })

  it('opens the horizon’s new last day each night, and removing a template keeps the booked slots', async () => {
    const { app, q, clock, base, free, template, book } = await centre()
    const created = (await template({ weekdays: [1, 2, 3, 4, 5] })).json<{ id: string }>()
    const [first] = await free('2026-11-30')
    expect((await book(first!.start)).statusCode).toBe(201)

    clock.advance(24 * 3_600_000)
    expect(await free('2026-12-10')).toHaveLength(0)
    expect(await app.services.slotTemplates.openAhead(q.officeId)).toEqual({ opened: 4 })
    clock.advance(4 * 3_600_000)
    expect(await free('2026-12-10')).toHaveLength(4)
    expect(await app.services.slotTemplates.openAhead(q.officeId)).toEqual({ opened: 0 })
    // A day later: sign in again.
    const manager = await bearerFor(app, 'demo-manager', 'demo-manager-pass')
    const consultant = await bearerFor(app, 'demo-consultant', 'demo-consultant-pass')

    const removed = await app.inject({
      method: 'DELETE',
      url: `${base}/slot-templates/${created.id}`,
      headers: manager,
    })
    expect(removed.statusCode, removed.body).toBe(200)
    expect(await free('2026-11-30')).toHaveLength(0)
    const day = await app.inject({ url: `${base}/appointments?date=2026-11-30`, headers: consultant })
    expect(day.json().items).toMatchObject([{ time: '10:00', name: 'Олена Петренко', status: 'booked' }])
    expect(
      (await app.inject({ method: 'DELETE', url: `${base}/slot-templates/${created.id}`, headers: manager }))
        .statusCode,
    ).toBe(404)
  })

  it('closes a day to bookings: free slots go, bookings made stay and are counted, a freed place stays shut', async () => {
    const { app, q, base, free, template, book } = await centre()
    await template({ weekdays: [1, 2, 3, 4, 5] })
    const [first] = await free('2026-12-01')
    const booked = (await book(first!.start)).json<{ code: string }>()
    const closed = await app.inject({
      method: 'PUT',
      url: `${base}/booking-exceptions/2026-12-01`,
      headers: q.bearers.manager,
      payload: { reason: 'Staff training' },
    })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json()).toEqual({ date: '2026-12-01', reason: 'Staff training', bookings: 1 })
    expect(await free('2026-12-01')).toHaveLength(0)
    await app.inject({ method: 'POST', url: '/api/v1/appointments/cancel', payload: { code: booked.code } })
    expect(await free('2026-12-01')).toHaveLength(0)
    expect((await book(first!.start)).statusCode).toBe(409)

    const list = await app.inject({ url: `${base}/booking-exceptions`, headers: q.bearers.consultant })
    expect(list.json().items).toEqual([{ date: '2026-12-01', reason: 'Staff training', bookings: 0 }])
    const past = await app.inject({
      method: 'PUT',
      url: `${base}/booking-exceptions/2026-11-24`,
      headers: q.bearers.manager,
      payload: { reason: 'Too late' },
    })
    expect(past.statusCode).toBe(422)

    const reopened = await app.inject({
      method: 'DELETE',
      url: `${base}/booking-exceptions/2026-12-01`,
      headers: q.bearers.manager,
    })
    expect(reopened.json()).toEqual({ opened: 3 })
    expect(await free('2026-12-01')).toHaveLength(4)
  })

  it('offers residents only the days with free places, saying how many, and the times as a grid', async () => {
    const { app, q, base, free, template, book } = await centre()
    await template({ weekdays: [1, 2, 3, 4, 5], capacity: 1 })
    for (const slot of await free('2026-11-26')) expect((await book(slot.start)).statusCode).toBe(201)
    await app.inject({
      method: 'PUT',
      url: `${base}/booking-exceptions/2026-11-27`,
      headers: q.bearers.manager,
      payload: { reason: 'Training' },
    })
    const days = await app.services.appointments.freeDays(q.officeId, q.queues.A)
    expect(days[0]).toEqual({ date: '2026-11-25', free: 4 })
    const dates = days.map((d) => d.date)
    expect(dates).not.toContain('2026-11-26') // fully booked
    expect(dates).not.toContain('2026-11-27') // no bookings that day
    expect(dates).not.toContain('2026-11-28') // Saturday: no template
    expect(dates).toContain('2026-11-30')
    const page = await app.inject('/offices/LVIV-CNAP/book?lang=en&queue=' + q.queues.A + '&date=2026-11-30')
    expect(page.body).toContain('4 free places')
    expect(page.body).not.toContain('date=2026-11-26')
    expect(page.body.match(/name="start"/g)).toHaveLength(4)
  })

  it('makes a centre set-up and its bookings leave an audit trail', async () => {
    const { app, q, template } = await centre()
    await template({ weekdays: [1] })
    const audit = await app.inject({ url: '/api/v1/audit?action=slots.*', headers: q.bearers.manager })
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('slots.template-add')
  })
})
