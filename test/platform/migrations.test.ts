import { sql } from 'kysely'
import { expect, it, onTestFinished } from 'vitest'
import { migrations } from '../../migrations/index.js'
import { migrateToLatest } from '../../src/platform/db/index.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'

describeEachDatabase('migrations', (dialect) => {
  it('builds the schema once and finds nothing to do the second time', async () => {
    const database = await freshDatabase(dialect, { migrate: false })
    const first = await migrateToLatest(database.db, migrations)
    expect(first).toEqual(Object.keys(migrations))
    expect(await migrateToLatest(database.db, migrations)).toEqual([])
    // Each table answers a query (not Kysely's introspection, which reads every schema of the database).
    for (const table of ['offices', 'units', 'desks', 'users', 'role_grants', 'auth_tokens']) {
      await expect(
        sql`select count(*) as n from ${sql.table(table)}`.execute(database.db),
      ).resolves.toBeTruthy()
    }
  })

  it('enforces a unit code being unique within its office', async () => {
    const database = await freshDatabase(dialect)
    const now = new Date().toISOString()
    const office = {
      id: 'o1',
      code: 'X',
      name: '{}',
      address: '{}',
      timezone: 'Europe/Kyiv',
      defaultLanguage: 'uk',
      openingHours: '{}',
      contact: '{}',
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
    }
    await database.db.insertInto('offices').values(office).execute()
    await database.db
      .insertInto('units')
      .values({ id: 'u1', officeId: 'o1', code: 'OR', name: '{}', createdAt: now })
      .execute()
    await expect(
      database.db
        .insertInto('units')
        .values({ id: 'u2', officeId: 'o1', code: 'OR', name: '{}', createdAt: now })
        .execute(),
    ).rejects.toThrow()
  })

  if (dialect === 'postgres') {
    it('is safe when several instances start against one PostgreSQL at once', async () => {
      const database = await freshDatabase(dialect, { migrate: false })
      const others = [database.reopen(), database.reopen(), database.reopen()]
      onTestFinished(() => Promise.all(others.map((d) => d.close())).then(() => {}))
      const results = await Promise.all([database, ...others].map((d) => migrateToLatest(d.db, migrations)))
      // Exactly one instance applied each migration; the others waited for the lock and found nothing to do.
      expect(results.flat().sort()).toEqual(Object.keys(migrations).sort())
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        database.db,
      )
      expect(Number(rows[0]?.n)).toBe(Object.keys(migrations).length)
    })

    it('is not disturbed by another schema of the same database dropped while it migrates', async () => {
      // Another application's schemas (or a parallel test's), dropped one after another.
      const admin = await freshDatabase(dialect, { migrate: false })
      const others = Array.from({ length: 80 }, (_, i) => `other_${process.pid}_${i}`)
      for (const other of others) {
        await sql
          .raw(`create schema ${other}; create table ${other}.t (id serial primary key, a text)`)
          .execute(admin.db)
      }
      let dropping = true
      const drops = (async () => {
        for (const other of others) await sql.raw(`drop schema ${other} cascade`).execute(admin.db)
        dropping = false
      })()
      const attempts: Promise<string[]>[] = []
      while (dropping) {
        const target = await admin.otherSchema()
        attempts.push(migrateToLatest(target.db, migrations))
        await attempts.at(-1)!.catch(() => {})
      }
      await drops
      const results = await Promise.allSettled(attempts)
      expect(results.filter((r) => r.status === 'rejected')).toEqual([])
      expect(attempts.length).toBeGreaterThan(0)
    })
  }
})
