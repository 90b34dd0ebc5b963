import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { buildApp } from '../../src/app/build-app.js'
import { FixedClock } from '../../src/platform/clock.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { DIALECTS, describeEachDatabase } from '../support/databases.js'
import { twoInstances } from '../support/instances.js'
import { freshBlobDir, lublinRegistry } from '../support/registry.js'
import { loopbackSmtp } from '../support/smtp.js'
import { type TestApp, testApp, testConfig } from '../support/test-app.js'

/**
 * Lublin's officers with e-mail addresses and cases of theirs around their due dates. Today is
 * Tuesday 1 December 2026, 07:30 in Lublin: due soon runs to Friday the 4th.
 */
async function officersWithCases(app: TestApp) {
  const r = await lublinRegistry(app)
  const withEmail = async (id: string, email: string) => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: r.bearers.admin,
      payload: { email },
    })
    expect(res.statusCode, res.body).toBe(200)
  }
  await withEmail(r.officerOfOr.id, 'anna@lublin.example')
  await withEmail(r.officerOfSo.id, 'jan@lublin.example')
  const open = async (startedOn: string, unitId: string, assigneeId: string | null) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: r.bearers.admin,
      payload: {
        officeId: r.lublin,
        unitId,
        symbol: '0152',
        title: `Wniosek z ${startedOn}`,
        startedOn,
        term: 'P14D',
        termReason: 'Test',
        assigneeId,
      },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json<{ id: string; sign: string }>()
  }
  const late = await open('2026-11-10', r.units.or, r.officerOfOr.id) // due 24 November
  const soon = await open('2026-11-19', r.units.or, r.officerOfOr.id) // due 3 December
  const jans = await open('2026-11-20', r.units.so, r.officerOfSo.id) // due 4 December
  await open('2026-11-18', r.units.or, null) // due 2 December, nobody's yet
  return { r, late, soon, jans }
}

const runDailyJobs = async (app: {
  jobs: { enqueueScheduled(): Promise<unknown>; runDue(): Promise<unknown> }
}) => {
  await app.jobs.enqueueScheduled()
  await app.jobs.runDue()
}

describeEachDatabase('deadline reminders', (dialect) => {
  it('sends each officer a digest and an alert per case due soon, by e-mail and in their list, once, also after a restart', async () => {
    const smtp = await loopbackSmtp()
    const clock = new FixedClock('2026-12-01T05:00:00Z') // 06:00 in Lublin: not yet the hour
    const config = { blobDir: freshBlobDir(), smtpUrl: smtp.url, mailFrom: 'Ratusz <ratusz@lublin.example>' }
    // On SQLite a file, which the restarted instance opens again.
    const sqliteFile = join(mkdtempSync(join(tmpdir(), 'ratusz-reminders-')), 'ratusz.db')
    const app = await testApp(dialect, { demo: true, clock, config, sqliteFile })
    const { r, late, soon, jans } = await officersWithCases(app)
    await runDailyJobs(app)
    expect(smtp.messages).toHaveLength(0)

    clock.set('2026-12-01T06:30:00Z') // 07:30
    await runDailyJobs(app)
    // In the office's language (Lublin: Polish).
    expect(smtp.received()).toEqual([
      `anna@lublin.example | Termin sprawy ${soon.sign} upływa 3 grudnia 2026`,
      'anna@lublin.example | Terminy na 1 grudnia 2026: 1 sprawa po terminie, 1 wkrótce',
      `jan@lublin.example | Termin sprawy ${jans.sign} upływa 4 grudnia 2026`,
      'jan@lublin.example | Terminy na 1 grudnia 2026: nic po terminie, 1 wkrótce',
    ])
    const digest = smtp.messages.find((m) => m.subject?.startsWith('Terminy') && m.text?.includes(late.sign))!
    expect(digest.from?.value[0]?.address).toBe('ratusz@lublin.example')
    expect(digest.text).toContain(
      `- ${late.sign} (Wniosek z 2026-11-10): termin 24 listopada 2026, 7 dni po terminie`,
    )
    expect(digest.text).toContain(`/staff/deadlines?office=${r.lublin}`)

    // The officer's list has the same two, unread; reading one is theirs alone.
    const mine = async () =>
      (await app.inject({ url: '/api/v1/notifications', headers: r.officerOfOr.headers })).json<{
        items: { id: string; kind: string; email: string; link: string }[]
        unread: number
      }>()
    const list = await mine()
    expect(list.unread).toBe(2)
    expect(list.items.map((n) => [n.kind, n.email]).sort()).toEqual([
      ['digest', 'sent'],
      ['due-soon', 'sent'],
    ])
    const alert = list.items.find((n) => n.kind === 'due-soon')!
    expect(alert.link).toBe(`/staff/cases/${soon.id}`)
    const read = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/api/v1/notifications/${alert.id}/read`, headers })
    expect((await read(r.officerOfSo.headers)).statusCode).toBe(404)
    expect((await read(r.officerOfOr.headers)).statusCode).toBe(204)
    expect((await mine()).unread).toBe(1)

    // A restarted instance on the same database: the day's run is done, and a run by hand adds nothing.
    const restarted = await buildApp({
      config: testConfig(config),
      database: app.database.reopen(),
      logger: false,
      clock,
    })
    try {
      await runDailyJobs(restarted)
      expect(await restarted.services.reminders.remind(r.lublin)).toEqual({ added: 0, sent: 0, failed: 0 })
      expect(smtp.messages).toHaveLength(4)
      // The next morning: a new digest each, no second alert for the same due dates.
      clock.set('2026-12-02T06:30:00Z')
      await runDailyJobs(restarted)
      expect(smtp.messages).toHaveLength(6)
      expect(smtp.messages.slice(4).every((m) => m.subject?.startsWith('Terminy na 2 grudnia 2026'))).toBe(
        true,
      )
    } finally {
      await restarted.close()
    }
  })

  it('keeps the reminders in the list and tries the e-mail again when the server cannot be reached', async () => {
    const clock = new FixedClock('2026-12-01T06:30:00Z')
    // A port nothing listens on.
    const config = { blobDir: freshBlobDir(), smtpUrl: 'smtp://127.0.0.1:9' }
    const app = await testApp(dialect, { demo: true, clock, config })
    const { r } = await officersWithCases(app)
    const outcome = await app.services.reminders.remind(r.lublin)
    expect(outcome).toMatchObject({ added: 4, sent: 0, failed: 4 })
    const list = (await app.inject({ url: '/api/v1/notifications', headers: r.officerOfOr.headers })).json<{
      items: { email: string }[]
    }>()
    expect(list.items.map((n) => n.email)).toEqual(['failed', 'failed'])
    // The next delivery tries them again (and fails again here): nothing is lost, nothing doubled.
    expect(await app.services.notifications.deliver()).toEqual({ sent: 0, failed: 4 })

    // The officer reads them on their page, without JavaScript, and marks one read.
    const officer = await signedInSession(app, r.officerOfOr.login, 'a-long-password-1')
    const page = await officer.get('/staff/notifications?lang=en')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('2 unread')
    expect(page.body).toContain('E-mail not delivered yet: it is tried again')
    expect(page.body).toContain('Termin sprawy')
    const id = /action="\/staff\/notifications\/([^/]+)\/read"/.exec(page.body)![1]!
    const marked = await officer.post(`/staff/notifications/${id}/read`, { _csrf: csrfOf(page.body) })
    expect(marked.statusCode).toBe(303)
    expect((await officer.get('/staff/notifications?lang=en')).body).toContain('1 unread')
    expect(
      (await officer.get('/staff/notifications?unread=true&lang=en')).body.match(/<article/g),
    ).toHaveLength(1)
  })
})

// Several instances share PostgreSQL; SQLite is one process's database.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`sends each reminder once with two instances running the day's jobs at the same time [${dialect}]`, async () => {
    const smtp = await loopbackSmtp()
    const clock = new FixedClock('2026-12-01T06:30:00Z')
    const { a, b } = await twoInstances(dialect, clock, { blobDir: freshBlobDir(), smtpUrl: smtp.url })
    const { r } = await officersWithCases(a)
    await Promise.all([runDailyJobs(a), runDailyJobs(b)])
    await Promise.all([a.services.reminders.remind(r.lublin), b.services.reminders.remind(r.lublin)])
    expect(smtp.messages).toHaveLength(4)
    expect(new Set(smtp.received()).size).toBe(4)
  })
}
