import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/index.js'
import { DIALECTS, TEST_DATABASE_URL } from '../support/databases.js'

// The limit is PostgreSQL's own (SQLite runs in the process and has no statement timeout).
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  it(`cancels a statement past DATABASE_STATEMENT_TIMEOUT_MS, keeping the pool usable [${dialect}]`, async () => {
    const database = openDatabase({ databaseUrl: TEST_DATABASE_URL!, poolSize: 2, statementTimeoutMs: 300 })
    try {
      const started = performance.now()
      await expect(sql`select pg_sleep(5)`.execute(database.db)).rejects.toMatchObject({ code: '57014' })
      expect(performance.now() - started).toBeLessThan(3000)
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db)
      expect(rows).toEqual([{ one: 1 }])
    } finally {
      await database.close()
    }
  })
}
