import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { CamelCasePlugin, type Kysely, PostgresAdapter, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { GroupCommitSqliteDialect } from './group-commit.js'
import { NamedStatementsClient } from './named-statements.js'
import { UnitOfWorkKysely } from './unit-of-work.js'

export type DialectName = 'sqlite' | 'postgres'

/**
 * The database handle every module receives. Modules type it with their own tables
 * (`Kysely<OfficesTables>`); `any` here keeps the platform free of module imports.
 */
// biome-ignore lint/suspicious/noExplicitAny: the platform cannot name the modules' tables.
export type Db = Kysely<any>

/** Whether a handle (or a transaction of it) is on PostgreSQL: for the statements only it accepts. */
export function onPostgres(db: Kysely<unknown> | Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** The handle typed with one module's tables; the module's repository only sees those. */
export function withTables<T>(db: Db): Kysely<T> {
  return db as unknown as Kysely<T>
}

export interface Database {
  db: Db
  dialect: DialectName
  /** The SQLite file, when on SQLite. */
  file: string | null
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>
  close(): Promise<void>
  /** Where a pooled connection's failure outside any query is reported (PostgreSQL; none on SQLite). */
  onConnectionError(report: (error: unknown) => void): void
  /** The raw SQLite handle (online backup); null on PostgreSQL. */
  sqlite: SQLite.Database | null
  /**
   * PostgreSQL only: messages between server instances on one database (LISTEN/NOTIFY), on a channel
   * of this schema. Null on SQLite, where one process owns the database.
   */
  notifications: Notifications | null
}

export interface Notifications {
  notify(payload: string): Promise<void>
  /**
   * Listens on a dedicated connection until the returned function is called. A lost connection (a
   * database restart, a terminated backend) is reported to `onError` and opened again, with a
   * growing pause (0.1 s doubling to 5 s) while the database does not answer.
   */
  listen(
    onMessage: (payload: string) => void,
    onError?: (error: unknown) => void,
  ): Promise<() => Promise<void>>
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent, SQLite at `sqliteFile`. */
  databaseUrl?: string | null
  /** SQLite file, or `:memory:`. */
  sqliteFile?: string
  /**
   * SQLite: a database image (`serialize()` of another) to start from in memory; `sqliteFile` is then
   * ignored. Tests copy a migrated, seeded template this way instead of building it again.
   */
  sqliteImage?: Buffer
  poolSize?: number
  /**
   * PostgreSQL: the server cancels a statement running longer, so one slow query cannot hold its locks
   * and a pool's connection forever. (Not `idle_in_transaction_session_timeout`: the server ends such
   * a session with a FATAL error that a checked-out `pg` client raises where nothing listens.)
   */
  statementTimeoutMs?: number
  /** PostgreSQL: prepare statements under a name once per connection (default); see named-statements.ts. */
  namedStatements?: boolean
  /** PostgreSQL schema to work in (tests give each test its own). */
  schema?: string
}

export function sqliteFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true })
  return join(dataDir, 'ratusz.sqlite')
}

// PostgreSQL sends bigint (counts, sums) as text; our counts fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

/**
 * Kysely's camelCase plugin converts every column name of every row it returns, and of every query it
 * compiles, afresh; the names are few, so each conversion is kept.
 */
class MemoCamelCasePlugin extends CamelCasePlugin {
  readonly #camel = new Map<string, string>()
  readonly #snake = new Map<string, string>()
  protected override camelCase(str: string): string {
    return remembered(this.#camel, str, (s) => super.camelCase(s))
  }
  protected override snakeCase(str: string): string {
    return remembered(this.#snake, str, (s) => super.snakeCase(s))
  }
}

function remembered(known: Map<string, string>, str: string, convert: (s: string) => string): string {
  let name = known.get(str)
  if (name === undefined) {
    name = convert(str)
    if (known.size < 10_000) known.set(str, name)
  }
  return name
}

export function openDatabase(options: DatabaseOptions): Database {
  const plugins = [new MemoCamelCasePlugin()]
  if (options.databaseUrl) {
    const named = options.namedStatements !== false
    const pool = new pg.Pool({
      Client: named ? NamedStatementsClient : pg.Client,
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    })
    // An idle client losing its connection must not crash the process; the next query reconnects.
    let reportPoolError: (error: unknown) => void = () => {}
    pool.on('error', (error) => reportPoolError(error))
    // A named statement is still planned for its values on each run: after five runs PostgreSQL may
    // keep a generic plan instead, and on the queue's burst of issues that made issuing 25% slower
    // (docs/performance.md, "Round trips"). Parsing and analysis stay saved. Sent first on each new
    // connection (a client runs its queries in order), whatever options the URL carries.
    if (named)
      pool.on('connect', (client) => {
        client.query('set plan_cache_mode = force_custom_plan').catch(() => {})
      })
    const db = new UnitOfWorkKysely({ dialect: new PostgresDialect({ pool }), plugins })
    const channel = `ratusz_${(options.schema ?? 'public').replace(/[^a-z0-9_]/gi, '_')}`.toLowerCase()
    return {
      db,
      dialect: 'postgres',
      file: null,
      sqlite: null,
      notifications: {
        notify: async (payload) => {
          await sql`select pg_notify(${channel}, ${payload})`.execute(db)
        },
        listen: (onMessage, onError = () => {}) =>
          listenAgainAndAgain(options.databaseUrl!, channel, onMessage, onError),
      },
      onConnectionError: (report) => {
        reportPoolError = report
      },
      ping: async () => {
        await sql`select 1`.execute(db)
      },
      // Kysely's destroy() does nothing to a pool that never ran a query; it is ended all the same.
      close: once(async () => {
        await db.destroy()
        if (!pool.ending) await pool.end()
      }),
    }
  }
  const file = options.sqliteImage ? ':memory:' : (options.sqliteFile ?? ':memory:')
  const sqlite = new SQLite(options.sqliteImage ?? file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new UnitOfWorkKysely({
    dialect: new GroupCommitSqliteDialect(sqlite),
    plugins,
    scopedTransactions: true,
  })
  return {
    db,
    dialect: 'sqlite',
    file: file === ':memory:' ? null : file,
    sqlite,
    notifications: null,
    onConnectionError: () => {},
    ping: async () => {
      await sql`select 1`.execute(db)
    },
    // Kysely's destroy() does nothing to a driver that never ran a query; the file is closed all the same.
    close: once(async () => {
      await db.destroy()
      if (sqlite.open) sqlite.close()
    }),
  }
}

/**
 * LISTEN on a connection of its own, opened again whenever it is lost. Resolves once the first LISTEN
 * is in place (or rejects if the database cannot be reached at all).
 */
async function listenAgainAndAgain(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | null = null
  let pause = 100
  const open = async () => {
    const next = new pg.Client({ connectionString: url })
    let lost = false
    const reopen = (error: unknown) => {
      if (lost || stopped) return
      lost = true
      onError(error)
      next.end().catch(() => {})
      setTimeout(() => void retry(), pause)
      pause = Math.min(pause * 2, 5_000)
    }
    next.on('error', reopen)
    next.on('end', () => reopen(new Error('the LISTEN connection ended')))
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload) onMessage(message.payload)
    })
    try {
      await next.connect()
      await next.query(`listen ${channel}`)
    } catch (error) {
      lost = true // the caller retries; this client's own events must not schedule another
      next.end().catch(() => {})
      throw error
    }
    client = next
    pause = 100
  }
  const retry = async () => {
    if (stopped) return
    try {
      await open()
    } catch (error) {
      onError(error)
      setTimeout(() => void retry(), pause)
      pause = Math.min(pause * 2, 5_000)
    }
  }
  await open()
  return async () => {
    stopped = true
    await client?.end().catch(() => {})
  }
}

/** Closing twice (a failed start, then shutdown) must not throw. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null
  return () => {
    closing ??= close()
    return closing
  }
}
