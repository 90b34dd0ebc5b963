import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { afterCommit, inTransaction } from '../../src/platform/db/index.js'
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

  it('joins the caller’s transaction when handed one: all of it commits, or none of it', async () => {
    const { db } = await freshDatabase(dialect)
    const rows = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from rate_windows`.execute(db)).rows[0]!.n)
    const announced: string[] = []
    // What another module's use case does when called with a unit of work.
    const addWindow = (uow: typeof db, key: string) =>
      inTransaction(uow, async (trx) => {
        await sql`insert into rate_windows (key, count, window_start) values (${key}, 1, '2026-11-30')`.execute(
          trx,
        )
        afterCommit(trx, () => {
          announced.push(key)
        })
      })

    await expect(
      db.transaction().execute(async (trx) => {
        await addWindow(trx, 'joined')
        expect(announced).toEqual([]) // not before the caller commits
        throw new Error('the caller failed after it')
      }),
    ).rejects.toThrow('the caller failed')
    expect(await rows()).toBe(0)
    expect(announced).toEqual([])

    await db.transaction().execute(async (trx) => {
      await addWindow(trx, 'joined')
      await addWindow(trx, 'joined-again')
    })
    await addWindow(db, 'alone')
    expect(await rows()).toBe(3)
    expect(announced).toEqual(['joined', 'joined-again', 'alone'])
  })
})
