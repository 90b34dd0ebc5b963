import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { text } from 'node:stream/consumers'
import { sql } from 'kysely'
import { expect, it, onTestFinished } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import { csrfOf, signedInSession } from '../support/cookie-session.js'
import { describeEachDatabase } from '../support/databases.js'
import { lvivFrontOffice } from '../support/queue.js'
import { problemOf, testApp } from '../support/test-app.js'

const MINUTE = 60_000

describeEachDatabase('scheduled jobs', (dialect) => {
  /** The demo's Lviv centre at 08:00 on 25 November (UTC+2), with jobs run when the test says. */
  async function centre() {
    const clock = new FixedClock('2026-11-25T06:00:00Z')
    const blobDir = mkdtempSync(join(tmpdir(), 'ratusz-blobs-'))
    onTestFinished(() => rmSync(blobDir, { recursive: true, force: true }))
    const app = await testApp(dialect, { demo: true, clock, config: { blobDir } })
    const q = await lvivFrontOffice(app)
    // Read from the store: the day has moved on, and the staff tokens made at 08:00 have expired.
    const doneJobs = async (kind: string) =>
      (await app.services.jobs.list('done', 500))
        .filter((j) => j.kind === kind)
        .map((j) => ({ payload: JSON.parse(j.payload), result: JSON.parse(j.result ?? 'null') }))
    return { app, q, clock, doneJobs }
  }

  it('closes the queue’s past day after midnight in the office’s time zone, with nobody at a desk', async () => {
    const { app, q, clock, doneJobs } = await centre()
    const ticket = await q.issue({ queueId: q.queues.A })
    const status = async () =>
      (
        await sql<{ status: string }>`select status from tickets where id = ${ticket.id}`.execute(
          app.database.db,
        )
      ).rows[0]!.status
    clock.set('2026-11-25T22:09:00Z') // 00:09 in Lviv
    await app.jobs.runDue({ schedules: true })
    expect(await status()).toBe('waiting')
    clock.set('2026-11-25T22:10:00Z')
    await app.jobs.runDue({ schedules: true })
    expect(await status()).toBe('expired')
    const lviv = (await doneJobs('queue.expire-past-days')).find((j) => j.payload.scope === q.officeId)
    expect(lviv?.result).toEqual({ expired: 1 })
  })

  it('releases a booking nobody checked in for, by itself, and gives its place back once', async () => {
    const { app, q, clock, doneJobs } = await centre()
    await q.appointmentPolicy({ earlyMinutes: 30, lateMinutes: 10, horizonDays: 14 })
    const slots = await q.openSlots({
      date: '2026-11-25',
      from: '10:00',
      to: '10:15',
      minutes: 15,
      capacity: 1,
    })
    const start = slots.json().items[0].start as string
    const booking = await q.book(start)
    expect(booking.statusCode, booking.body).toBe(201)
    const state = async () =>
      (
        await sql<{ status: string; booked: number }>`select a.status, s.booked from appointments a
          join slots s on s.id = a.slot_id`.execute(app.database.db)
      ).rows[0]
    clock.set(new Date(Date.parse(start) + 9 * MINUTE))
    await app.jobs.runDue({ schedules: true })
    expect(await state()).toEqual({ status: 'booked', booked: 1 })
    clock.set(new Date(Date.parse(start) + 11 * MINUTE))
    await app.jobs.runDue({ schedules: true })
    expect(await state()).toEqual({ status: 'no-show', booked: 0 })
    // The next run finds nothing more to release: the place is not given back twice.
    clock.advance(5 * MINUTE)
    await app.jobs.runDue({ schedules: true })
    expect(await state()).toEqual({ status: 'no-show', booked: 0 })
    const results = (await doneJobs('appointments.release-no-shows')).map((j) => j.result)
    expect(results).toContainEqual({ offices: 1, released: 1 })
    expect(results.filter((r) => (r as { released: number }).released > 0)).toHaveLength(1)
  })

  it('anchors the audit chains once an hour and exports each anchor into the file store', async () => {
    const { app, clock, doneJobs } = await centre()
    clock.set('2026-11-26T00:21:00Z')
    await app.jobs.runDue({ schedules: true })
    await app.jobs.runDue({ schedules: true })
    const [exported, ...more] = await doneJobs('audit.anchor')
    expect(more).toEqual([])
    const result = exported!.result as { id: number; root: string; chains: number; file: string }
    expect(result).toMatchObject({ id: 1, root: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const file = JSON.parse(await text(await app.services.blobs.get(result.file)))
    expect(file).toMatchObject({ id: 1, root: result.root, chains: result.chains })
    expect(file.heads).toHaveLength(result.chains)
    clock.set('2026-11-26T01:22:00Z')
    await app.jobs.runDue({ schedules: true })
    expect((await doneJobs('audit.anchor')).map((j) => (j.result as { id: number }).id).sort()).toEqual([
      1, 2,
    ])
  })

  it('shows failed jobs to network-wide admins only, and tries one again on their word (audited)', async () => {
    const { app, q } = await centre()
    // A job whose far end refuses (as an archive or a mail server would): the only handler made here.
    app.jobs.handle('archive.send', async () => {
      throw new Error('the archive refused the package')
    })
    const id = await app.services.jobs.enqueue(
      app.database.db,
      'archive.send',
      { caseId: 'c1' },
      { maxAttempts: 1 },
    )
    await app.jobs.runDue()

    const list = await app.inject({ url: '/api/v1/jobs', headers: q.bearers.admin })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({
      counts: { failed: 1 },
      items: [
        { id, kind: 'archive.send', status: 'failed', lastError: 'Error: the archive refused the package' },
      ],
    })
    for (const role of ['coordinator', 'manager', 'consultant'] as const) {
      const refused = await app.inject({ url: '/api/v1/jobs', headers: q.bearers[role] })
      expect(problemOf(refused).code, role).toBe('FORBIDDEN')
    }
    const bad = await app.inject({ url: '/api/v1/jobs?status=lost', headers: q.bearers.admin })
    expect(problemOf(bad).errors?.[0]?.path).toBe('querystring.status')

    // The page: the failed job with its error and a retry button; the button puts it back in line.
    const session = await signedInSession(app, 'demo-admin', 'demo-admin-pass')
    const page = await session.get('/staff/jobs?lang=en')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('the archive refused the package')
    expect(page.body).toContain(`action="/staff/jobs/${id}/retry"`)
    const retried = await session.post(`/staff/jobs/${id}/retry`, { _csrf: csrfOf(page.body) })
    expect(retried.statusCode).toBe(303)
    expect(retried.headers.location).toBe('/staff/jobs?status=pending&done=retried')
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/retry`,
      headers: q.bearers.admin,
    })
    expect(problemOf(again)).toMatchObject({ status: 409, code: 'JOB_NOT_FAILED' })
    const audit = await app.inject({ url: '/api/v1/audit?limit=5', headers: q.bearers.admin })
    expect(audit.json().items).toContainEqual(
      expect.objectContaining({ action: 'job.retry', subject: { type: 'job', id } }),
    )
    expect(await app.jobs.runDue()).toBe(1)
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/jobs/0190a1b2-0000-7000-8000-000000000000/retry',
      headers: q.bearers.admin,
    })
    expect(missing.statusCode).toBe(404)
  })
})
