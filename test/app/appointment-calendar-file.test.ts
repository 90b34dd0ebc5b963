import ICAL from 'ical.js'
import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { testApp } from '../support/test-app.js'

/** The calendar file read by ical.js (Mozilla's RFC 5545 parser), as a calendar application reads it. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const event = calendar.getFirstSubcomponent('vevent')!
  const organizer = event.getFirstProperty('organizer')!
  const attendee = event.getFirstProperty('attendee')
  return {
    prodid: calendar.getFirstPropertyValue('prodid'),
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    stamp: event.getFirstPropertyValue('dtstamp') !== null,
    location: event.getFirstPropertyValue('location'),
    organizer: { cn: organizer.getParameter('cn'), address: organizer.getFirstValue() },
    attendee: attendee ? { cn: attendee.getParameter('cn'), address: attendee.getFirstValue() } : null,
  }
}

describeEachDatabase('a booking’s calendar file', (dialect) => {
  it('is a published event by the centre, and once cancelled the same event cancelled with a higher SEQUENCE', async () => {
    const app = await testApp(dialect, { demo: true, clock: new FixedClock('2026-11-25T06:00:00Z') })
    const q = await lvivFrontOffice(app)
    await q.appointmentPolicy({ earlyMinutes: 30, lateMinutes: 10, horizonDays: 14 })
    const slots = await q.openSlots({
      date: '2026-11-26',
      from: '10:00',
      to: '10:30',
      minutes: 15,
      capacity: 1,
    })
    const start = (slots.json().items as { start: string }[])[0]!.start
    const booked = (await q.book(start, { name: 'Олена Петренко', email: 'olena@example.org' })).json<{
      id: string
      code: string
    }>()

    const published = parse((await app.inject(`/api/v1/appointments/${booked.id}.ics`)).body)
    expect(published).toMatchObject({
      prodid: '-//Ratusz//Bookings//EN',
      method: 'PUBLISH',
      uid: `${booked.id}@ratusz`,
      sequence: 0,
      status: 'CONFIRMED',
      start,
      stamp: true,
      attendee: { cn: 'Олена Петренко', address: expect.stringMatching(/^mailto:olena@example\.org$/i) },
    })
    expect(published.location).toMatch(/Львів|Lviv/)
    expect(published.organizer.cn).toBeTruthy()
    expect(published.organizer.address).toMatch(/^mailto:\S+@\S+$/i)

    await q.post('/api/v1/appointments/cancel', q.bearers.kiosk, { code: booked.code })
    const cancelled = parse((await app.inject(`/api/v1/appointments/${booked.id}.ics`)).body)
    expect(cancelled).toMatchObject({
      method: 'CANCEL',
      uid: published.uid,
      status: 'CANCELLED',
      start,
      organizer: published.organizer,
      attendee: published.attendee,
    })
    expect(Number(cancelled.sequence)).toBeGreaterThan(Number(published.sequence))
  })
})
