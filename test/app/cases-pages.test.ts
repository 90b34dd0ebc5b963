import { expect, it } from 'vitest'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { testApp } from '../support/test-app.js'

describeEachDatabase('case pages', (dialect) => {
  it('takes a case from the in-tray through its steps with buttons, a reason where one is due, without JavaScript', async () => {
    const app = await testApp(dialect, { demo: true, config: { blobDir: freshBlobDir() } })
    const r = await lublinRegistry(app)
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: r.bearers.head,
      payload: { officeId: r.lublin, unitId: r.units.or, symbol: '0152', title: 'Wniosek o wyjaśnienia' },
    })
    const sign = opened.json<{ sign: string; id: string }>().sign
    const head = await signedInSession(app, 'demo-head', 'demo-head-pass')
    const tray = await head.get(`/staff/cases?office=${r.lublin}&view=unit&lang=pl`)
    expect(tray.statusCode).toBe(200)
    expect(tray.body).toContain(sign)
    const url = /href="(\/staff\/cases\/[^"?]+)"/.exec(tray.body.slice(tray.body.indexOf(sign) - 200))![1]!
    const page = await head.get(`${url}?lang=en`)
    expect(page.body).toContain(`Case ${sign}`)
    expect(page.body).toContain('>Assign</button>')
    const officerId = (await app.inject({ url: '/api/v1/users', headers: r.bearers.admin }))
      .json<{ items: { id: string; login: string }[] }>()
      .items.find((u) => u.login === 'demo-officer')!.id
    const assigned = await head.post(`${url}/step/assign`, {
      _csrf: csrfOf(page.body),
      'assigneeId-assign': officerId,
      version: '1',
    })
    expect(assigned.statusCode).toBe(303)
    const officer = await signedInSession(app, 'demo-officer', 'demo-officer-pass')
    const mine = await officer.get(`/staff/cases?office=${r.lublin}&lang=en`)
    expect(mine.body).toContain(sign)
    const work = await officer.get(`${url}?lang=en`)
    await officer.post(`${url}/step/start`, { _csrf: csrfOf(work.body) })
    const started = await officer.get(`${url}?lang=en&done=start`)
    expect(started.body).toContain('Done: Start work.')
    // Suspending needs a reason: the page comes back with the error.
    const noReason = await officer.post(`${url}/step/suspend`, {
      _csrf: csrfOf(started.body),
      'reason-suspend': '',
    })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.body).toContain('href="#field-reason-suspend"')
    await officer.post(`${url}/step/submit`, { _csrf: csrfOf(started.body) })
    const approval = await head.get(`/staff/cases?office=${r.lublin}&view=approval&lang=en`)
    expect(approval.body).toContain(sign)
    const forHead = await head.get(`${url}?lang=en`)
    expect(forHead.body).toContain('>Approve</button>')
    await head.post(`${url}/step/return`, {
      _csrf: csrfOf(forHead.body),
      'reason-return': 'Popraw uzasadnienie',
    })
    const history = await officer.get(`${url}?lang=en`)
    expect(history.body).toContain('Popraw uzasadnienie')
    // Someone else's stale page: the step refuses a case that moved on.
    const stale = await head.post(`${url}/step/approve`, { _csrf: csrfOf(forHead.body), version: '1' })
    expect(stale.statusCode).toBe(409)
  })
})
