import { AsyncLocalStorage } from 'node:async_hooks'
import type SQLite from 'better-sqlite3'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely'

/** The transaction a piece of async work runs inside, while its callback is running. */
interface TransactionScope {
  connection: DatabaseConnection | null
  open: boolean
}
const scopes = new AsyncLocalStorage<TransactionScope>()

/**
 * The mistake SQLite's one connection turns into a silent hang: inside `db.transaction().execute(cb)`,
 * a query sent through `db` (or a second `db.transaction()`) instead of the callback's `trx` waits for
 * the connection the transaction holds, forever. Here it fails at once, naming the mistake.
 */
export class QueryOutsideTransactionError extends Error {
  constructor() {
    super(
      'A query was sent outside the transaction from inside it (through db instead of the callback’s trx, ' +
        'or a second db.transaction()). On SQLite that would wait forever for the connection the ' +
        'transaction holds: pass trx down, or run the query after the transaction.',
    )
    this.name = 'QueryOutsideTransactionError'
  }
}

/**
 * The check is on in tests and development (`NODE_ENV` test or development, or
 * `RATUSZ_CHECK_TRANSACTIONS=1`): on Node 20 the first AsyncLocalStorage.run() turns on promise hooks
 * for the whole process, which cost ≈15% of the queue benchmark's throughput. The tests, which run
 * every use case on SQLite with the check on, are where such a mistake is caught.
 */
export const CHECK_TRANSACTIONS =
  ['test', 'development'].includes(process.env.NODE_ENV ?? '') ||
  process.env.RATUSZ_CHECK_TRANSACTIONS === '1'

/**
 * Runs a transaction's whole execution in a scope of its own, so that the driver can tell a query that
 * belongs to another request (which waits its turn) from one sent from inside the transaction through
 * the wrong handle (which could never get its turn).
 */
export function inTransactionScope<T>(execute: () => Promise<T>): Promise<T> {
  // A transaction begun inside another's callback would wait for the outer one's connection.
  if (scopes.getStore()?.open) return Promise.reject(new QueryOutsideTransactionError())
  return scopes.run({ connection: null, open: true }, execute)
}

/**
 * SQLite with group commit. Ratusz has one SQLite connection, so its transactions already run one
 * after another; what each one cost on top of its statements was its own COMMIT (writing every page it
 * touched to the WAL: ≈150 µs on this machine, more than all its statements). Here a transaction is a
 * SAVEPOINT inside an outer transaction that stays open while transactions queue up, and one COMMIT,
 * run as soon as the queue is empty (`setImmediate`), makes all of them durable at once.
 *
 * What a caller sees does not change: `transaction().execute()` resolves only after the COMMIT that
 * made its changes durable, and a transaction that fails rolls back to its savepoint, leaving the
 * others of its group alone. If the COMMIT itself fails (disk full), every transaction of the group
 * fails. A write outside any transaction that lands in an open group waits for its COMMIT too. Ratusz
 * holds no connection across statements outside transactions (`db.connection()`) except the migrator
 * at start-up, before any transaction has run. The statement cache is here too: better-sqlite3 parses SQL on every prepare(), and Kysely
 * prepares every query it runs; the same query shape has the same SQL text.
 */
export class GroupCommitSqliteDialect implements Dialect {
  constructor(private readonly sqlite: SQLite.Database) {}
  createDriver(): Driver {
    return new GroupCommitDriver(this.sqlite)
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter()
  }
  // biome-ignore lint/suspicious/noExplicitAny: the introspector takes any database.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}

interface Waiter {
  resolve(): void
  reject(error: unknown): void
}

/** A first-come, first-served lock on the one connection. */
class Lock {
  #held = false
  readonly #queue: (() => void)[] = []
  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.#queue.push(resolve))
  }
  release(): void {
    const next = this.#queue.shift()
    if (next) next()
    else this.#held = false
  }
}

const SAVEPOINT = 'ratusz_tx'

class GroupCommitDriver implements Driver {
  readonly #lock = new Lock()
  readonly #statements = new Map<string, SQLite.Statement>()
  /** Transactions done but not yet durable; null while no outer transaction is open. */
  #group: Waiter[] | null = null
  #flushScheduled = false

  constructor(private readonly sqlite: SQLite.Database) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const scope = scopes.getStore()
    // The transaction's own connection is the first one its scope asks for; any other while it is
    // open comes from inside its callback, through the wrong handle.
    if (scope?.open && scope.connection) throw new QueryOutsideTransactionError()
    await this.#lock.acquire()
    const connection = new GroupConnection(this)
    if (scope && !scope.connection) scope.connection = connection
    return connection
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#group) {
      this.exec('begin')
      this.#group = []
    }
    this.exec(`savepoint ${SAVEPOINT}`)
    ;(connection as GroupConnection).inTransaction = true
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    closeScope(connection)
    const c = connection as GroupConnection
    this.exec(`release ${SAVEPOINT}`)
    c.inTransaction = false
    await this.waitForGroup(c)
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    closeScope(connection)
    const c = connection as GroupConnection
    // Released already: its group's COMMIT failed and the group's rollback has undone it.
    if (c.released) return
    c.inTransaction = false
    if (!this.sqlite.inTransaction) {
      // SQLite rolled the whole outer transaction back (I/O error, full disk): the group is lost.
      this.#failGroup(new Error('SQLite rolled back the transaction group'))
      return
    }
    this.exec(`rollback to ${SAVEPOINT}`)
    this.exec(`release ${SAVEPOINT}`)
    if (this.#group?.length === 0) {
      this.exec('rollback')
      this.#group = null
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as GroupConnection
    if (c.released) return
    c.released = true
    this.#lock.release()
  }

  async destroy(): Promise<void> {
    await this.#lock.acquire()
    this.#commitGroup()
    this.sqlite.close()
  }

  prepare(text: string): SQLite.Statement {
    let statement = this.#statements.get(text)
    if (!statement) {
      statement = this.sqlite.prepare(text)
      if (this.#statements.size >= 500)
        this.#statements.delete(this.#statements.keys().next().value as string)
      this.#statements.set(text, statement)
    }
    return statement
  }

  /** Whether a write outside a transaction lands in the open group (and must wait for its COMMIT). */
  get groupOpen(): boolean {
    return this.#group !== null
  }

  /**
   * Joins the open group, gives the connection back so that the next transaction can run, and
   * resolves when the group's COMMIT has made this work durable.
   */
  waitForGroup(connection: GroupConnection): Promise<void> {
    const group = this.#group
    if (!group) return Promise.resolve()
    const done = new Promise<void>((resolve, reject) => group.push({ resolve, reject }))
    if (!this.#flushScheduled) {
      this.#flushScheduled = true
      setImmediate(() => void this.#flush())
    }
    connection.released = true
    this.#lock.release()
    return done
  }

  private exec(text: string): void {
    this.prepare(text).run()
  }

  async #flush(): Promise<void> {
    await this.#lock.acquire()
    this.#flushScheduled = false
    try {
      this.#commitGroup()
    } finally {
      this.#lock.release()
    }
  }

  #commitGroup(): void {
    const group = this.#group
    if (!group) return
    this.#group = null
    try {
      this.exec('commit')
    } catch (error) {
      if (this.sqlite.inTransaction) this.exec('rollback')
      for (const w of group) w.reject(error)
      return
    }
    for (const w of group) w.resolve()
  }

  #failGroup(error: Error): void {
    const group = this.#group ?? []
    this.#group = null
    for (const w of group) w.reject(error)
  }
}

/** The callback has ended: work it left running may use the database again. */
function closeScope(connection: DatabaseConnection): void {
  const scope = scopes.getStore()
  if (scope?.connection === connection) scope.open = false
}

class GroupConnection implements DatabaseConnection {
  inTransaction = false
  released = false
  constructor(private readonly driver: GroupCommitDriver) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.driver.prepare(compiledQuery.sql)
    const parameters = compiledQuery.parameters as unknown[]
    let result: QueryResult<R>
    if (statement.reader) result = { rows: statement.all(parameters) as R[] }
    else {
      const { changes, lastInsertRowid } = statement.run(parameters)
      result = { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
    }
    // A write outside a transaction while a group is open is part of that group: wait for its COMMIT.
    if (!statement.readonly && !this.inTransaction && this.driver.groupOpen)
      await this.driver.waitForGroup(this)
    return result
  }

  // biome-ignore lint/correctness/useYield: Ratusz never streams from SQLite.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Ratusz does not stream SQLite queries')
  }
}
