import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('deadline pages', (dialect) => {
  it("shows an officer's overdue and due-soon cases as a list and by day, the case's due date explained, its term changed and a KPA art. 36 notice sent from the case page, and the centres' counts to a coordinator", async () => {
    const clock = new FixedClock('2026-12-01T10:00:00Z')
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const open = async (startedOn: string, title: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: r.bearers.head,
          payload: {
            officeId: r.lublin,
            unitId: r.units.or,
            symbol: '0152',
            title,
            startedOn,
            statutoryTerm: 'kpa-1m',
          },
        })
      ).json<{ id: string; sign: string }>()
    // One month from 30 October is 30 November (late by a day); from 3 November, Thursday 3 December.
    const late = await open('2026-10-30', 'Wniosek spóźniony')
    const soon = await open('2026-11-03', 'Wniosek na czwartek')
    await open('2026-11-20', 'Wniosek na później')

    const head = await signedInSession(app, 'demo-head', 'demo-head-pass')
    const list = await head.get(`/staff/deadlines?office=${r.lublin}&lang=en`)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('1 case overdue, 1 due soon.')
    expect(list.body).toContain(late.sign)
    expect(list.body).toContain('1 day late')
    expect(list.body).toContain(soon.sign)
    expect(list.body).not.toContain('Wniosek na później')
    const byDay = await head.get(`/staff/deadlines?office=${r.lublin}&view=days&lang=pl`)
    expect(byDay.body).toContain('Po terminie')
    expect(byDay.body).toContain('czwartek, 3 grudnia 2026')

    const casePage = await head.get(`/staff/cases/${late.id}?lang=en`)
    expect(casePage.body).toContain('P1M, statutory (kpa-1m)')
    expect(casePage.body).toContain('Monday, November 30, 2026')
    expect(casePage.body).toContain('1 month later: Monday, November 30, 2026.')

    // The term changed on the case page: by hand it needs a reason, told next to the field.
    const noReason = await head.post(`/staff/cases/${soon.id}/term?lang=en`, {
      _csrf: csrfOf(casePage.body),
      statutoryTerm: '',
      termAmount: '2',
      termUnit: 'M',
      termReason: '',
    })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.body).toContain('href="#field-termReason"')
    const changed = await head.post(`/staff/cases/${soon.id}/term`, {
      _csrf: csrfOf(casePage.body),
      statutoryTerm: '',
      termAmount: '2',
      termUnit: 'M',
      termReason: 'Sprawa szczególnie skomplikowana',
    })
    expect(changed.statusCode).toBe(303)
    const afterTerm = await head.get(`/staff/cases/${soon.id}?lang=en&done=term`)
    expect(afterTerm.body).toContain('P2M, set by hand: Sprawa szczególnie skomplikowana')
    expect(afterTerm.body).toContain('Monday, January 4, 2027')
    // A KPA art. 36 notice for the late one: drafted into the file, then recorded as dispatched.
    const drafted = await head.post(`/staff/cases/${late.id}/delay-notices`, {
      _csrf: csrfOf(casePage.body),
      reason: 'Oczekiwanie na opinię',
      newDueOn: '2026-12-15',
    })
    expect(drafted.statusCode).toBe(303)
    const withNotice = await head.get(`/staff/cases/${late.id}?lang=en&done=notice`)
    expect(withNotice.body).toContain('The notice was drafted and filed in the case file.')
    expect(withNotice.body).toContain('New date 2026-12-15: Oczekiwanie na opinię')
    const dispatchUrl = /action="(\/staff\/cases\/[^"]+\/dispatch)"/.exec(withNotice.body)![1]!
    expect((await head.post(dispatchUrl, { _csrf: csrfOf(withNotice.body) })).statusCode).toBe(303)
    const dispatched = await head.get(`/staff/cases/${late.id}?lang=en`)
    expect(dispatched.body).toContain('Dispatched on 2026-12-01')
    expect(dispatched.body).toContain('Tuesday, December 15, 2026')

    const coordinator = await signedInSession(app, 'demo-coordinator', 'demo-coordinator-pass')
    const centres = await coordinator.get('/staff/deadlines?lang=uk')
    expect(centres.statusCode).toBe(200)
    expect(centres.body).toContain('Центри')
    // The late case's new date (15 December) is beyond the horizon now; the other is due in 2027.
    expect(centres.body).toMatch(/LUB-BOM[^<]*<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>/)
  })
})
