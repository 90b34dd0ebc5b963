import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { isStalePreparedStatement, openDatabase } from '../../src/platform/db/index.js'
import { DIALECTS, TEST_DATABASE_URL } from '../support/databases.js'
import { unique } from '../support/factories.js'

// Named prepared statements are PostgreSQL's (SQLite keeps its own statements in the process).
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`prepares a statement once per connection, and prepares it again after another instance changed its table [${dialect}]`, async () => {
    const schema = unique('named_')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
    const setup = openDatabase({ databaseUrl: TEST_DATABASE_URL!, poolSize: 1 })
    await sql
      .raw(`create schema ${schema}; create table ${schema}.t (id int primary key, name text)`)
      .execute(setup.db)
    // One connection, as one of a pool's: what it has prepared is in pg_prepared_statements.
    const database = openDatabase({ databaseUrl: TEST_DATABASE_URL!, poolSize: 1, schema })
    const db = database.db
    try {
      const read = (id: number) => db.selectFrom('t').selectAll().where('id', '=', id).execute()
      await db.insertInto('t').values({ id: 1, name: 'one' }).execute()
      expect(await read(1)).toEqual([{ id: 1, name: 'one' }])
      expect(await read(2)).toEqual([])
      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        db,
      )
      // Each text once, however often it ran; statements without values (below) are not named.
      const reads = prepared.rows.filter((r) => r.statement.startsWith('select * from "t"'))
      expect(reads).toHaveLength(1)
      // Each run is still planned for its values (see database.ts).
      const mode = await sql<{ planCacheMode: string }>`show plan_cache_mode`.execute(db)
      expect(mode.rows[0]!.planCacheMode).toBe('force_custom_plan')
      // Without values, several statements in one text still run (the simple protocol).
      await sql.raw('select 1; select 2').execute(db)

      // Another instance adds a column: the prepared read no longer describes its rows. It fails once,
      // as a refusal the API answers with 503 (nothing done), and works again, prepared afresh.
      await sql.raw(`alter table ${schema}.t add column note text`).execute(setup.db)
      const refused = await read(1).catch((error: unknown) => error)
      expect(isStalePreparedStatement(refused)).toBe(true)
      expect(await read(1)).toEqual([{ id: 1, name: 'one', note: null }])
    } finally {
      await database.close()
      await sql.raw(`drop schema ${schema} cascade`).execute(setup.db)
      await setup.close()
    }
  })
}

// Outside `npm test` (which always starts PostgreSQL) this cannot run: fail, saying why.
if (!DIALECTS.includes('postgres'))
  it('named statements on PostgreSQL', () => {
    throw new Error('needs PostgreSQL: set TEST_DATABASE_URL, or run `npm test`, which starts one')
  })
