import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { type Database, openDatabase } from '../../src/platform/db/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's folder of SQLite template images (test/support/global-setup.ts). */
    templatesDir: string
    /** This run's name, in the names of its PostgreSQL template databases. */
    templatesRun: string
  }
}

/**
 * How a test database is filled: made once per run (migrated, perhaps seeded), then copied into each
 * test that asks for it, so that a test starts from the state it always had without paying for it.
 */
export interface Recipe {
  /** Everything the result depends on: two recipes with one key make the same database. */
  key: string
  /** Fills the database; must not close it. */
  prepare(database: Database): Promise<void>
}

export function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}

/** The database handed to a recipe: closing it is the template maker's business, not the recipe's. */
function unclosable(database: Database): Database {
  return { ...database, close: async () => {} }
}

const images = new Map<string, Promise<Buffer>>()

/**
 * A SQLite image of the recipe's database, made by the first test file of the run that asks (the
 * others read the file; two makers at once each write a whole file and rename it into place).
 */
export function sqliteTemplate(recipe: Recipe): Promise<Buffer> {
  let image = images.get(recipe.key)
  if (!image) {
    image = makeSqliteImage(recipe)
    images.set(recipe.key, image)
  }
  return image
}

async function makeSqliteImage(recipe: Recipe): Promise<Buffer> {
  const dir = inject('templatesDir')
  const file = join(dir, `${digest(recipe.key)}.sqlite`)
  if (existsSync(file)) return readFileSync(file)
  const database = openDatabase({ sqliteFile: ':memory:' })
  try {
    await recipe.prepare(unclosable(database))
    const image = database.sqlite!.serialize()
    mkdirSync(dir, { recursive: true })
    const partial = `${file}.${process.pid}`
    writeFileSync(partial, image)
    renameSync(partial, file)
    return image
  } finally {
    await database.close()
  }
}

/** PostgreSQL's address of another database on the same server (a socket URL has no host part for URL()). */
export function databaseUrl(serverUrl: string, name: string): string {
  const match = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(serverUrl)
  if (!match) throw new Error(`not a PostgreSQL URL: ${serverUrl}`)
  return `${match[1]}/${name}${match[2] ?? ''}`
}

const templates = new Map<string, Promise<string>>()

/**
 * The name of a PostgreSQL template database made from the recipe, once per run and server: test
 * databases are made from it with `CREATE DATABASE … TEMPLATE`. Makers in several test files take
 * turns on an advisory lock; a finished template is marked `is_template`.
 */
export function postgresTemplate(serverUrl: string, recipe: Recipe): Promise<string> {
  let name = templates.get(recipe.key)
  if (!name) {
    name = makePostgresTemplate(serverUrl, recipe)
    templates.set(recipe.key, name)
  }
  return name
}

async function makePostgresTemplate(serverUrl: string, recipe: Recipe): Promise<string> {
  const name = `tpl_${inject('templatesRun')}_${digest(recipe.key)}`
  return withServer(serverUrl, async (client) => {
    await client.query('select pg_advisory_lock(hashtext($1))', [name])
    try {
      const { rows } = await client.query<{ ready: boolean }>(
        'select datistemplate as ready from pg_database where datname = $1',
        [name],
      )
      if (rows[0]?.ready) return name
      // A maker that died halfway left its database unfinished: start again.
      if (rows[0]) await client.query(`drop database ${name} with (force)`)
      await client.query(`create database ${name} template template0`)
      const database = openDatabase({ databaseUrl: databaseUrl(serverUrl, name), poolSize: 2 })
      try {
        await recipe.prepare(unclosable(database))
      } finally {
        await database.close()
      }
      await client.query(`alter database ${name} is_template true`)
      return name
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name])
    }
  })
}

/** Runs work on a connection to the server's own database (the one TEST_DATABASE_URL names). */
export async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
