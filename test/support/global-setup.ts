import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'

/**
 * Before the run: a folder for this run's SQLite templates and a name for its PostgreSQL ones
 * (test/support/templates.ts). After it: the templates, the per-test PostgreSQL databases (`t_…`)
 * and the process tests' schemas (`t_…`) are dropped. Tests leave them in place while the run goes
 * on, because dropping a schema while another test reads the catalogue breaks that test. A throwaway
 * cluster (the one `npm test` starts, and deletes after the run: RATUSZ_TEST_PG_THROWAWAY=1) is left
 * as it is: dropping its hundreds of databases one by one took ≈20 s at the end of every run.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ratusz-templates-'))
  const run = randomBytes(4).toString('hex')
  project.provide('templatesDir', dir)
  project.provide('templatesRun', run)
  return async () => {
    rmSync(dir, { recursive: true, force: true })
    const url = process.env.TEST_DATABASE_URL
    if (!url || process.env.RATUSZ_TEST_PG_THROWAWAY === '1') return
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const schemas = await client.query<{ nspname: string }>(
        `select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'`,
      )
      for (const { nspname } of schemas.rows) await client.query(`drop schema ${nspname} cascade`)
      const databases = await client.query<{ datname: string }>(
        `select datname from pg_database where datname ~ '^t_[0-9a-f]{12}$' or datname ~ $1`,
        [`^tpl_${run}_[0-9a-f]{16}$`],
      )
      for (const { datname } of databases.rows) {
        await client.query(`alter database ${datname} is_template false`)
        await client.query(`drop database ${datname} with (force)`)
      }
    } finally {
      await client.end()
    }
  }
}
