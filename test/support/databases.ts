import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, onTestFinished } from 'vitest'
import { migrations } from '../../migrations/index.js'
import {
  type Database,
  type DialectName,
  migrateToLatest,
  openDatabase,
  sqliteFileIn,
} from '../../src/platform/db/index.js'
import { databaseUrl, postgresTemplate, type Recipe, sqliteTemplate, withServer } from './templates.js'

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

/**
 * A test database; `reopen()` opens another handle on the same storage (as a second instance would),
 * `otherSchema()` (PostgreSQL) a handle on a new, empty schema of the same database.
 */
export type TestDatabase = Database & { reopen(): Database; otherSchema(): Promise<Database> }

export interface FreshOptions {
  /** Leave the schema unmigrated. */
  migrate?: boolean
  /** Start from this recipe's database (migrated and seeded once per run) rather than a migrated one. */
  recipe?: Recipe
  /** Keep it open after the test (the caller closes it, e.g. through app.close()). */
  keepOpen?: boolean
  /** A SQLite file instead of an in-memory database. */
  sqliteFile?: string
}

/** The database every test had before it migrated its own: the schema at its latest migration. */
const MIGRATED: Recipe = {
  key: 'migrated',
  prepare: async (database) => {
    await migrateToLatest(database.db, migrations)
  },
}

/**
 * A PostgreSQL database of its own, a copy of the recipe's template (or an empty one), dropped when the
 * whole run ends (test/support/global-setup.ts); its address.
 */
async function postgresDatabaseFrom(recipe: Recipe | null): Promise<string> {
  const server = TEST_DATABASE_URL!
  const name = `t_${randomBytes(6).toString('hex')}`
  const template = recipe ? await postgresTemplate(server, recipe) : 'template0'
  await withServer(server, (client) => client.query(`create database ${name} template ${template}`))
  return databaseUrl(server, name)
}

/**
 * A database for one test: an in-memory SQLite database, or a PostgreSQL database of its own (dropped
 * when the whole run ends). It is migrated unless `migrate: false`, and holds the recipe's content when
 * one is given; either way it is a copy of a template made once per run.
 */
export async function freshDatabase(dialect: DialectName, options: FreshOptions = {}): Promise<TestDatabase> {
  const recipe = options.recipe ?? (options.migrate === false ? null : MIGRATED)
  let database: TestDatabase
  if (dialect === 'sqlite') {
    const sqliteFile = options.sqliteFile ?? ':memory:'
    const image = recipe ? await sqliteTemplate(recipe) : null
    if (image && options.sqliteFile) writeFileSync(options.sqliteFile, image)
    const first = image && !options.sqliteFile ? { sqliteImage: image } : {}
    database = {
      ...openDatabase({ sqliteFile, ...first }),
      reopen: () => openDatabase({ sqliteFile }),
      otherSchema: () => Promise.reject(new Error('SQLite has no schemas')),
    }
  } else {
    const url = await postgresDatabaseFrom(recipe)
    const open = () => openDatabase({ databaseUrl: url, poolSize: 5 })
    database = {
      ...open(),
      reopen: open,
      otherSchema: async () => {
        const schema = `s_${randomBytes(6).toString('hex')}`
        await withServer(url, (client) => client.query(`create schema ${schema}`))
        const other = openDatabase({ databaseUrl: url, schema, poolSize: 2 })
        onTestFinished(() => other.close())
        return other
      },
    }
    // Dropped when the whole run ends (test/support/global-setup.ts), like the schemas below.
  }
  if (!options.keepOpen) {
    onTestFinished(async () => {
      await database.close().catch(() => {})
    })
  }
  return database
}

/**
 * Environment for a Ratusz process of its own: a new data folder, and an empty database (a SQLite file
 * in that folder, or a new PostgreSQL schema reached through DATABASE_URL), or, given a recipe, a copy
 * of the recipe's template (a SQLite file, or a PostgreSQL database of its own), as a process would
 * have left it. Everything is dropped when the test (or, for a PostgreSQL database, the run) ends.
 */
export async function freshDatabaseEnv(
  dialect: DialectName,
  options: { recipe?: Recipe } = {},
): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ratusz-data-'))
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }))
  const { recipe } = options
  if (dialect === 'sqlite') {
    if (recipe) writeFileSync(sqliteFileIn(dataDir), await sqliteTemplate(recipe))
    return { RATUSZ_DATA_DIR: dataDir }
  }
  if (recipe) return { RATUSZ_DATA_DIR: dataDir, DATABASE_URL: await postgresDatabaseFrom(recipe) }
  const schema = `t_${randomBytes(6).toString('hex')}`
  await withServer(TEST_DATABASE_URL!, (client) => client.query(`create schema ${schema}`))
  // Not through URL(): a socket URL (postgresql://user@/db?host=/tmp/x) has no host part.
  const separator = TEST_DATABASE_URL!.includes('?') ? '&' : '?'
  const url = `${TEST_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  return { RATUSZ_DATA_DIR: dataDir, DATABASE_URL: url }
}
