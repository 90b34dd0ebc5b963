import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it, onTestFinished } from 'vitest'
import { FixedClock } from '../../src/platform/clock.js'
import type { Db } from '../../src/platform/db/index.js'
import { JobRunner, JobStore, LEASE_MS } from '../../src/platform/jobs/index.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

const jobsIn = async (db: Db) =>
  (await sql<{ kind: string; status: string }>`select kind, status from jobs order by id`.execute(db)).rows

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A SQLite file (two handles on it, as two processes would have) or the test's PostgreSQL schema. */
async function sharedDatabase(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'postgres') return freshDatabase(dialect)
  const dir = mkdtempSync(join(tmpdir(), 'ratusz-jobs-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return freshDatabase(dialect, { sqliteFile: join(dir, 'ratusz.sqlite') })
}

describeEachDatabase('durable jobs', (dialect) => {
  it('keeps a job enqueued in a rolled-back transaction out, and runs a committed one after its commit', async () => {
    const { db } = await freshDatabase(dialect)
    const clock = new FixedClock('2026-11-30T10:00:00Z')
    const store = new JobStore(db, clock)
    const done: unknown[] = []
    const runner = new JobRunner(store).handle('mail.send', async (payload) => {
      done.push(payload)
      return { sent: true }
    })

    await expect(
      db.transaction().execute(async (trx) => {
        await store.enqueue(trx, 'mail.send', { to: 'rolled-back@example.org' })
        throw new Error('the registration failed')
      }),
    ).rejects.toThrow('registration failed')
    await db.transaction().execute(async (trx) => {
      await store.enqueue(trx, 'mail.send', { to: 'resident@example.org' })
      // Not yet visible to a worker: the transaction has not committed. (On SQLite, another
      // connection would wait for the writer; the one-connection test database cannot ask.)
      if (dialect === 'postgres') expect(await runner.runDue()).toBe(0)
    })
    expect(await runner.runDue()).toBe(1)
    expect(done).toEqual([{ to: 'resident@example.org' }])
    const [job] = await store.list('done', 10)
    expect(job).toMatchObject({ kind: 'mail.send', attempts: 1, result: '{"sent":true}' })
    expect(await runner.runDue()).toBe(0)
  })

  it('tries a failing job again after a growing pause, then leaves it failed for an admin to retry', async () => {
    const { db } = await freshDatabase(dialect)
    const clock = new FixedClock('2026-11-30T10:00:00Z')
    const store = new JobStore(db, clock)
    let calls = 0
    const runner = new JobRunner(store).handle('export', async () => {
      calls++
      throw new Error(`the archive did not answer (${calls})`)
    })
    const id = await store.enqueue(db, 'export', {}, { maxAttempts: 3 })

    expect(await runner.runDue()).toBe(1)
    let job = await store.find(id!)
    expect(job).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Error: the archive did not answer (1)',
    })
    // About 10 s later (±20 %), not at once.
    const pause = Date.parse(job!.runAt) - clock.now().getTime()
    expect(pause).toBeGreaterThanOrEqual(8_000)
    expect(pause).toBeLessThanOrEqual(12_000)
    expect(await runner.runDue()).toBe(0)

    clock.advance(12_000)
    expect(await runner.runDue()).toBe(1)
    job = await store.find(id!)
    const second = Date.parse(job!.runAt) - clock.now().getTime()
    expect(second).toBeGreaterThanOrEqual(16_000) // about 20 s: the pause doubles

    clock.advance(24_000)
    expect(await runner.runDue()).toBe(1)
    job = await store.find(id!)
    expect(job).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'Error: the archive did not answer (3)',
    })
    clock.advance(3600_000)
    expect(await runner.runDue()).toBe(0)
    expect(await store.counts()).toMatchObject({ failed: 1, pending: 0 })

    // Tried again: its attempts start over, at once.
    expect(await store.retry(id!)).toMatchObject({ status: 'pending', attempts: 0 })
    expect(await store.retry(id!)).toBeUndefined()
    expect(await runner.runDue()).toBe(1)
    expect(calls).toBe(4)
  })

  it('runs each of 80 jobs exactly once with two instances working at the same time', async () => {
    const database = await sharedDatabase(dialect)
    const other = database.reopen()
    onTestFinished(() => other.close())
    const clock = new FixedClock('2026-11-30T10:00:00Z')
    const ran: string[] = []
    const runners = [database.db, other.db].map((db, i) =>
      new JobRunner(new JobStore(db, clock), { concurrency: 5, pollMs: 20 }).handle(
        'notify',
        async (payload: { n: number }) => {
          ran.push(`${payload.n}`)
          await new Promise((resolve) => setTimeout(resolve, 2))
          return { by: i }
        },
      ),
    )
    const store = new JobStore(database.db, clock)
    await database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 80; n++) await store.enqueue(trx, 'notify', { n })
    })
    for (const runner of runners) runner.start()
    onTestFinished(() => Promise.all(runners.map((r) => r.stop())).then(() => {}))
    await until(async () => (await store.counts()).done === 80)
    expect(ran.sort()).toEqual(Array.from({ length: 80 }, (_, n) => `${n}`).sort())
    const byInstance = await sql<{ result: string }>`select result from jobs`.execute(database.db)
    const shares = [0, 1].map((i) => byInstance.rows.filter((r) => r.result === `{"by":${i}}`).length)
    expect(shares[0]! + shares[1]!).toBe(80)
  })

  it('takes over a job whose instance died holding it, once its lease is over, and ignores the dead one', async () => {
    const database = await sharedDatabase(dialect)
    const clock = new FixedClock('2026-11-30T10:00:00Z')
    const store = new JobStore(database.db, clock)
    await store.enqueue(database.db, 'receipt', { n: 1 })
    // The first instance claims it and dies before finishing.
    const [held] = await store.claim('dead-instance', ['receipt'], 10)
    expect(held).toBeDefined()

    const ran: number[] = []
    const survivor = new JobRunner(new JobStore(database.reopen().db, clock)).handle('receipt', async (p) => {
      ran.push(p.n)
    })
    expect(await survivor.runDue()).toBe(0)
    clock.advance(LEASE_MS + 1)
    expect(await survivor.runDue()).toBe(1)
    expect(ran).toEqual([1])
    // The dead instance's late word changes nothing.
    await store.failed(held!, 'dead-instance', new Error('late'))
    expect(await store.find(held!.id)).toMatchObject({ status: 'done', attempts: 2, lastError: null })
  })

  it('runs after a restart the jobs enqueued before it', async () => {
    const database = await sharedDatabase(dialect)
    const clock = new FixedClock('2026-11-30T10:00:00Z')
    await new JobStore(database.db, clock).enqueue(database.db, 'reminder', { to: 'a' })
    await database.close()

    const restarted = database.reopen()
    onTestFinished(() => restarted.close())
    const ran: string[] = []
    const runner = new JobRunner(new JobStore(restarted.db, clock), { pollMs: 20 }).handle(
      'reminder',
      async (p) => {
        ran.push(p.to)
      },
    )
    runner.start()
    onTestFinished(() => runner.stop())
    await until(async () => ran.length === 1)
    // The handler has run; the runner records it done just after.
    await until(async () => (await jobsIn(restarted.db))[0]?.status === 'done')
    expect(await jobsIn(restarted.db)).toEqual([{ kind: 'reminder', status: 'done' }])
    expect(ran).toEqual(['a'])
  })

  it('leaves a kind it does not know to the instances that do', async () => {
    const { db } = await freshDatabase(dialect)
    const clock = new FixedClock('2026-11-30T10:00:00Z')
    const store = new JobStore(db, clock)
    await store.enqueue(db, 'from-a-newer-version', {})
    const runner = new JobRunner(store).handle('known', async () => {})
    expect(await runner.runDue()).toBe(0)
    expect(await jobsIn(db)).toEqual([{ kind: 'from-a-newer-version', status: 'pending' }])
  })

  it('enqueues each scheduled occurrence once, however many instances see it due', async () => {
    const database = await sharedDatabase(dialect)
    const other = database.reopen()
    onTestFinished(() => other.close())
    // 00:10 in Kyiv on 1 December is 22:10 UTC on 30 November.
    const clock = new FixedClock('2026-11-30T22:09:00Z')
    const offices = async () => [
      { id: 'lviv', timezone: 'Europe/Kyiv' },
      { id: 'lublin', timezone: 'Europe/Warsaw' },
    ]
    const runners = [database.db, other.db].map((db) =>
      new JobRunner(new JobStore(db, clock)).schedule(
        { kind: 'close-day', dailyAt: '00:10', scopes: offices },
        async () => {},
      ),
    )
    const scheduleAll = () => Promise.all(runners.map((r) => r.enqueueScheduled()))
    const keys = async () =>
      (await sql<{ key: string }>`select key from jobs order by key`.execute(database.db)).rows.map(
        (r) => r.key,
      )
    // 00:09 in Kyiv: not yet its time there; 23:09 in Warsaw, where 30 November's is due.
    await scheduleAll()
    expect(await keys()).toEqual(['close-day:lublin:2026-11-30'])
    clock.set('2026-11-30T22:10:00Z')
    await scheduleAll()
    await scheduleAll()
    expect(await keys()).toEqual(['close-day:lublin:2026-11-30', 'close-day:lviv:2026-12-01'])
    clock.set('2026-11-30T23:10:00Z') // 00:10 in Warsaw
    await scheduleAll()
    expect(await keys()).toEqual([
      'close-day:lublin:2026-11-30',
      'close-day:lublin:2026-12-01',
      'close-day:lviv:2026-12-01',
    ])
  })
})
