import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { describe, expect, it, onTestFinished } from 'vitest'
import { type Database, openDatabase } from '../../src/platform/db/index.js'

/** A SQLite file with one table, and a second connection that sees only what is committed. */
async function fileDatabase() {
  const file = join(mkdtempSync(join(tmpdir(), 'ratusz-group-')), 'db.sqlite')
  const database = openDatabase({ sqliteFile: file })
  await sql`create table notes (id integer primary key, body text not null unique)`.execute(database.db)
  await sql`create table parents (id integer primary key)`.execute(database.db)
  await sql`create table children (id integer primary key, parent_id integer not null
    references parents (id) deferrable initially deferred)`.execute(database.db)
  const observer = new SQLite(file, { readonly: true })
  onTestFinished(async () => {
    observer.close()
    await database.close()
  })
  const committed = () =>
    (observer.prepare('select body from notes order by id').all() as { body: string }[]).map((r) => r.body)
  return { database, committed }
}

const note = (database: Database, body: string) =>
  database.db.transaction().execute(async (trx) => {
    await sql`insert into notes (body) values (${body})`.execute(trx)
  })

describe('SQLite group commit', () => {
  it('makes each transaction durable by the time it resolves, however many run at once', async () => {
    const { database, committed } = await fileDatabase()
    const seen: string[][] = []
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        note(database, `n${i}`).then(() => seen.push(committed().filter((b) => b === `n${i}`))),
      ),
    )
    expect(seen).toHaveLength(40)
    for (const s of seen) expect(s).toHaveLength(1)
    expect(committed()).toHaveLength(40)
  })

  it('rolls back only the transaction that failed; the others of its group are kept', async () => {
    const { database, committed } = await fileDatabase()
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await sql`insert into notes (body) values (${`n${i}`})`.execute(trx)
          if (i === 4) throw new Error('changed my mind')
          // A unique violation part-way through: SQLite undoes the statement, we undo the transaction.
          if (i === 7) await sql`insert into notes (body) values ('n0')`.execute(trx)
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual([
      ...Array(4).fill('fulfilled'),
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ])
    expect(committed()).toEqual(['n0', 'n1', 'n2', 'n3', 'n5', 'n6', 'n8', 'n9'])
  })

  it('holds no transaction open after a lone transaction rolls back', async () => {
    const { database, committed } = await fileDatabase()
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into notes (body) values ('gone')`.execute(trx)
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(database.sqlite?.inTransaction).toBe(false)
    await note(database, 'kept')
    expect(committed()).toEqual(['kept'])
  })

  it('makes a write outside any transaction durable by the time it resolves, even inside a group', async () => {
    const { database, committed } = await fileDatabase()
    const plain = sql`insert into notes (body) values ('plain')`
      .execute(database.db)
      .then(() => committed().includes('plain'))
    const [, durable] = await Promise.all([note(database, 'in-tx'), plain, note(database, 'after')])
    expect(durable).toBe(true)
    expect(committed().sort()).toEqual(['after', 'in-tx', 'plain'])
  })

  it('fails every transaction of a group whose COMMIT fails, and keeps none of them', async () => {
    const { database, committed } = await fileDatabase()
    // A deferred foreign key is checked at COMMIT: the one bad transaction makes the group's COMMIT fail.
    const results = await Promise.allSettled([
      note(database, 'first'),
      database.db.transaction().execute(async (trx) => {
        await sql`insert into children (id, parent_id) values (1, 999)`.execute(trx)
      }),
      note(database, 'third'),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(committed()).toEqual([])
    expect(database.sqlite?.inTransaction).toBe(false)
    await note(database, 'later')
    expect(committed()).toEqual(['later'])
  })

  it('fails at once, naming the mistake, when a query inside a transaction goes through db instead of trx', async () => {
    const { database, committed } = await fileDatabase()
    const wrongTurn = database.db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('inside')`.execute(trx)
      await sql`select count(*) from notes`.execute(database.db)
    })
    await expect(wrongTurn).rejects.toThrow(/outside the transaction from inside it/)
    const nested = database.db.transaction().execute(async () => {
      await database.db.transaction().execute(async (inner) => sql`select 1`.execute(inner))
    })
    await expect(nested).rejects.toThrow(/outside the transaction from inside it/)
    // Nothing of the failed transactions stays, and the database goes on working.
    await note(database, 'after')
    expect(committed()).toEqual(['after'])
  })

  it('still lets work the callback left running use the database once the transaction is over', async () => {
    const { database, committed } = await fileDatabase()
    let later: Promise<unknown> = Promise.resolve()
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('first')`.execute(trx)
      later = new Promise((r) => setTimeout(r, 20)).then(() => note(database, 'second'))
    })
    await later
    expect(committed()).toEqual(['first', 'second'])
  })
})
