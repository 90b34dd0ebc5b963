import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, onTestFinished } from 'vitest'
import { migrations } from '../../migrations/index.js'
import {
  type Database,
  type DialectName,
  migrateToLatest,
  openDatabase,
} from '../../src/platform/db/index.js'

/** PostgreSQL for tests, when the runner (npm test) or the developer provides one. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null

/** The databases every database test runs on: SQLite always, PostgreSQL when available. */
export const DIALECTS: DialectName[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']

/**
 * Declares the same tests once per database. The body receives the dialect; inside a test,
 * `freshDatabase(dialect)` gives a migrated, empty database of its own.
 */
export function describeEachDatabase(name: string, body: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => body(dialect))
}

/** A test database; `reopen()` opens another handle on the same storage (as a second instance would). */
export type TestDatabase = Database & { reopen(): Database }

export interface FreshOptions {
  /** Leave the schema unmigrated. */
  migrate?: boolean
  /** Keep it open after the test (the caller closes it, e.g. through app.close()). */
  keepOpen?: boolean
  /** A SQLite file instead of an in-memory database. */
  sqliteFile?: string
}

/**
 * An empty database for one test: an in-memory SQLite database, or a new PostgreSQL schema that is
 * dropped when the test ends.
 */
export async function freshDatabase(dialect: DialectName, options: FreshOptions = {}): Promise<TestDatabase> {
  let database: TestDatabase
  if (dialect === 'sqlite') {
    const sqliteFile = options.sqliteFile ?? ':memory:'
    database = { ...openDatabase({ sqliteFile }), reopen: () => openDatabase({ sqliteFile }) }
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`
    await admin(async (client) => client.query(`create schema ${schema}`))
    const open = () => openDatabase({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 5 })
    database = { ...open(), reopen: open }
    // Dropped when the whole run ends (test/support/global-setup.ts): dropping a schema while another
    // test reads the catalogue (Kysely's migrator, pg_dump) makes that test fail for no fault of its own.
  }
  if (!options.keepOpen) {
    onTestFinished(async () => {
      await database.close().catch(() => {})
    })
  }
  if (options.migrate !== false) await migrateToLatest(database.db, migrations)
  return database
}

/**
 * Environment for a Ratusz process of its own on an empty database: a new data folder (SQLite) or
 * a new PostgreSQL schema (dropped when the test ends), reached through DATABASE_URL.
 */
export async function freshDatabaseEnv(dialect: DialectName): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ratusz-data-'))
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
  if (dialect === 'sqlite') return { RATUSZ_DATA_DIR: dataDir }
  const schema = `t_${randomBytes(6).toString('hex')}`
  await admin(async (client) => client.query(`create schema ${schema}`))
  // Not through URL(): a socket URL (postgresql://user@/db?host=/tmp/x) has no host part.
  const separator = TEST_DATABASE_URL!.includes('?') ? '&' : '?'
  const url = `${TEST_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  return { RATUSZ_DATA_DIR: dataDir, DATABASE_URL: url }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL! })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
