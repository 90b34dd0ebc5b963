import { expect, it } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('deadline pages', (dialect) => {
  it("shows an officer's overdue and due-soon cases as a list and by day, the case's due date explained, and the centres' counts to a coordinator", async () => {
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

    const coordinator = await signedInSession(app, 'demo-coordinator', 'demo-coordinator-pass')
    const centres = await coordinator.get('/staff/deadlines?lang=uk')
    expect(centres.statusCode).toBe(200)
    expect(centres.body).toContain('Центри')
    expect(centres.body).toMatch(/LUB-BOM[^<]*<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>/)
  })
})
