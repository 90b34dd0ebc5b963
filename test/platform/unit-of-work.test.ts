import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { afterCommit } from '../../src/platform/db/index.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

describeEachDatabase('after-commit hooks', (dialect) => {
  it('runs a hook once its transaction has committed, when the change can be seen', async () => {
    const database = await freshDatabase(dialect)
    const { db } = database
    const seen: number[] = []
    await db.transaction().execute(async (trx) => {
      await sql`insert into rate_windows (key, count, window_start) values ('k', 1, '2026-11-30')`.execute(
        trx,
      )
      afterCommit(trx, async () => {
        // Outside the transaction now: a query through db is allowed, and sees the row.
        const { rows } = await sql<{ n: number }>`select count(*) as n from rate_windows`.execute(db)
        seen.push(Number(rows[0]!.n))
      })
      expect(seen).toEqual([])
    })
    expect(seen).toEqual([1])
  })

  it('never runs the hooks of a transaction that rolled back', async () => {
    const { db } = await freshDatabase(dialect)
    let ran = false
    await expect(
      db.transaction().execute(async (trx) => {
        afterCommit(trx, () => {
          ran = true
        })
        throw new Error('the use case failed')
      }),
    ).rejects.toThrow('the use case failed')
    expect(ran).toBe(false)
  })
})
