import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { nextInSequence, periodOf } from '../../src/platform/counters.js'
import { migrateToLatest } from '../../src/platform/db/index.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

describeEachDatabase('gap-free counters', (dialect) => {
  it('gives 50 parallel takers, each in its own transaction, the numbers 1 to 50 once each', async () => {
    const { db } = await freshDatabase(dialect)
    const taken = await Promise.all(
      Array.from({ length: 50 }, () =>
        db.transaction().execute((trx) => nextInSequence(trx, 'register:incoming', '2026')),
      ),
    )
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })

  it('gives a rolled-back number to the next taker, so the sequence has no gap', async () => {
    const { db } = await freshDatabase(dialect)
    await db.transaction().execute((trx) => nextInSequence(trx, 'case-sign:OR.0012', '2026'))
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await nextInSequence(trx, 'case-sign:OR.0012', '2026')).toBe(2)
        throw new Error('the registration failed after taking its number')
      }),
    ).rejects.toThrow('registration failed')
    expect(await db.transaction().execute((trx) => nextInSequence(trx, 'case-sign:OR.0012', '2026'))).toBe(2)
  })

  it('starts again at 1 when a year begins in the office’s time zone, not in UTC', async () => {
    const { db } = await freshDatabase(dialect)
    const take = (at: string) =>
      db
        .transaction()
        .execute((trx) =>
          nextInSequence(trx, 'register:incoming', periodOf(new Date(at), 'Europe/Kyiv', 'year')),
        )
    // 23:59:59 on 31 December in Kyiv (UTC+2) is still 2026 there; a second later it is 2027.
    expect(periodOf(new Date('2026-12-31T21:59:59Z'), 'Europe/Kyiv', 'year')).toBe('2026')
    expect(periodOf(new Date('2026-12-31T22:00:00Z'), 'Europe/Kyiv', 'year')).toBe('2027')
    expect(periodOf(new Date('2026-12-31T22:30:00Z'), 'Europe/Warsaw', 'year')).toBe('2026')
    expect(await take('2026-12-31T21:59:58Z')).toBe(1)
    expect(await take('2026-12-31T21:59:59Z')).toBe(2)
    expect(await take('2026-12-31T22:00:00Z')).toBe(1)
    expect(await take('2027-01-01T10:00:00Z')).toBe(2)
    // Another scope counts on its own.
    expect(await db.transaction().execute((trx) => nextInSequence(trx, 'register:outgoing', '2027'))).toBe(1)
  })

  it('keeps the queue’s numbers of the day when the counters move to the platform table', async () => {
    const database = await freshDatabase(dialect, { migrate: false })
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-11-30-011'))
    await migrateToLatest(database.db, before)
    await sql`insert into ticket_counters (queue_id, local_date, last_number) values ('q1', '2026-11-30', 41)`.execute(
      database.db,
    )
    await migrateToLatest(database.db, migrations)
    expect(
      await database.db.transaction().execute((trx) => nextInSequence(trx, 'queue:q1', '2026-11-30')),
    ).toBe(42)
  })
})
