import type { Kysely } from 'kysely'
import { type Clock, systemClock } from '../clock.js'
import { type Db, onPostgres, withTables } from '../db/database.js'
import { afterCommit } from '../db/unit-of-work.js'
import { newId } from '../ids.js'

export type JobStatus = 'pending' | 'running' | 'done' | 'failed'

/** The platform's jobs table (migration 012). */
export interface JobTables {
  jobs: {
    id: string
    kind: string
    /** JSON */
    payload: string
    status: JobStatus
    runAt: string
    attempts: number
    maxAttempts: number
    key: string | null
    lockedBy: string | null
    lockedUntil: string | null
    lastError: string | null
    result: string | null
    createdAt: string
    updatedAt: string
  }
}

export type JobRow = JobTables['jobs']

export interface EnqueueOptions {
  /** Not before this instant (default: at once). */
  runAt?: Date
  /** One job per key, ever: a second enqueue with the same key does nothing (scheduled occurrences). */
  key?: string
  /** Attempts before the job is left failed for an admin to see (default 5). */
  maxAttempts?: number
}

/** How long a claimed job is an instance's own; after that, another may take it (its owner died). */
export const LEASE_MS = 5 * 60_000
const ERROR_LENGTH = 2_000

/**
 * The jobs table as the platform uses it: enqueue inside a caller's transaction (the outbox), claim
 * due jobs for one worker, record how they ended.
 */
export class JobStore {
  readonly #db: Kysely<JobTables>
  readonly #postgres: boolean
  constructor(
    readonly db: Db,
    readonly clock: Clock = systemClock,
  ) {
    this.#db = withTables<JobTables>(db)
    this.#postgres = onPostgres(db)
  }

  /** Called after a transaction that enqueued work commits: the local worker looks at once. */
  onEnqueued(wake: () => void): void {
    this.#wake = wake
  }
  #wake: () => void = () => {}

  /**
   * Adds a job in the caller's transaction `trx`: it exists only if that transaction commits, and the
   * work it names runs only after that (a mail about a registered letter is never sent for a letter
   * that was rolled back). Returns the job's id, or null when a job with the same key exists.
   */
  async enqueue(trx: Db, kind: string, payload: unknown, options: EnqueueOptions = {}) {
    const now = this.clock.now()
    const at = now.toISOString()
    const row: JobRow = {
      id: newId(),
      kind,
      payload: JSON.stringify(payload ?? null),
      status: 'pending',
      runAt: (options.runAt ?? now).toISOString(),
      attempts: 0,
      maxAttempts: options.maxAttempts ?? 5,
      key: options.key ?? null,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      result: null,
      createdAt: at,
      updatedAt: at,
    }
    const db = withTables<JobTables>(trx)
    const query = db.insertInto('jobs').values(row)
    if (options.key) {
      const inserted = await query
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('id')
        .execute()
      if (inserted.length === 0) return null
    } else await query.execute()
    if (trx.isTransaction) afterCommit(trx, () => this.#wake())
    else this.#wake()
    return row.id
  }

  /**
   * Takes up to `limit` due jobs for `worker`: pending ones whose time has come, and running ones whose
   * lease ran out (their instance stopped or died). Two workers never take the same job.
   */
  async claim(worker: string, kinds: readonly string[], limit: number): Promise<JobRow[]> {
    // Pending jobs first, then running ones whose lease ran out, each in its own statement: with the
    // two in one OR, PostgreSQL read and sorted every due job to take a few (8.6 ms a claim with a
    // backlog of 16,000 in network-day); alone, each walks `jobs_due` in order and stops at `limit`.
    const pending = await this.#take(worker, kinds, limit, 'pending')
    if (pending.length === limit) return pending
    return [...pending, ...(await this.#take(worker, kinds, limit - pending.length, 'running'))]
  }

  async #take(
    worker: string,
    kinds: readonly string[],
    limit: number,
    status: 'pending' | 'running',
  ): Promise<JobRow[]> {
    const now = this.clock.now()
    const at = now.toISOString()
    let due = this.#db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', status)
      // Pending: its time has come; running: its lease ran out (its instance stopped or died).
      .where(status === 'pending' ? 'runAt' : 'lockedUntil', status === 'pending' ? '<=' : '<', at)
      // Only kinds this instance knows: during a rolling upgrade, an older instance leaves a newer
      // kind's jobs to the instances that can run them.
      .where('kind', 'in', kinds)
      .orderBy('runAt')
      .limit(limit)
    if (this.#postgres) due = due.forUpdate().skipLocked()
    return this.#db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        lockedBy: worker,
        lockedUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        attempts: eb('attempts', '+', 1),
        updatedAt: at,
      }))
      .where('id', 'in', due)
      .returningAll()
      .execute()
  }

  /**
   * SQLite only, at start: jobs left running were this process's when it stopped (one process owns a
   * SQLite database), so they are due again at once rather than after their lease. On PostgreSQL
   * another instance may still be running them; their leases decide. Returns how many.
   */
  async releaseAbandoned(): Promise<number> {
    if (this.#postgres) return 0
    const result = await this.#db
      .updateTable('jobs')
      .set({
        status: 'pending',
        lockedBy: null,
        lockedUntil: null,
        updatedAt: this.clock.now().toISOString(),
      })
      .where('status', '=', 'running')
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /** The job ran to its end. Nothing happens if the worker had lost it (its lease ran out, another took it). */
  async succeeded(job: JobRow, worker: string, result: unknown): Promise<void> {
    await this.#release(job, worker, {
      status: 'done',
      result: result === undefined ? null : JSON.stringify(result),
      lastError: null,
    })
  }

  /** The job threw: tried again after a growing pause, or left failed after its last attempt. */
  async failed(job: JobRow, worker: string, error: unknown): Promise<JobStatus> {
    const last = job.attempts >= job.maxAttempts
    const status: JobStatus = last ? 'failed' : 'pending'
    await this.#release(job, worker, {
      status,
      runAt: last ? job.runAt : new Date(this.clock.now().getTime() + backoffMs(job.attempts)).toISOString(),
      lastError: describe(error).slice(0, ERROR_LENGTH),
    })
    return status
  }

  /** Gives a claimed job back with its outcome, if `worker` still holds it. */
  async #release(
    job: JobRow,
    worker: string,
    outcome: Pick<JobRow, 'status' | 'lastError'> & Partial<Pick<JobRow, 'result' | 'runAt'>>,
  ): Promise<void> {
    await this.#db
      .updateTable('jobs')
      .set({ ...outcome, lockedBy: null, lockedUntil: null, updatedAt: this.clock.now().toISOString() })
      .where('id', '=', job.id)
      .where('lockedBy', '=', worker)
      .execute()
  }

  /** An admin asks for a failed job to be tried again: its attempts start over, at once. */
  async retry(id: string, trx: Db = this.db): Promise<JobRow | undefined> {
    const now = this.clock.now()
    return withTables<JobTables>(trx)
      .updateTable('jobs')
      .set({ status: 'pending', attempts: 0, runAt: now.toISOString(), updatedAt: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .returningAll()
      .executeTakeFirst()
  }

  find(id: string, trx: Db = this.db): Promise<JobRow | undefined> {
    return withTables<JobTables>(trx).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** Jobs in one state, newest first, for the admins' page and API. */
  list(status: JobStatus, limit: number, before?: string): Promise<JobRow[]> {
    let query = this.#db.selectFrom('jobs').selectAll().where('status', '=', status)
    if (before) query = query.where('id', '<', before)
    return query.orderBy('id', 'desc').limit(limit).execute()
  }

  /** How many jobs are in each state. */
  async counts(): Promise<Record<JobStatus, number>> {
    const rows = await this.#db
      .selectFrom('jobs')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute()
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 }
    for (const row of rows) counts[row.status] = Number(row.n)
    return counts
  }

  /** Finished jobs older than `ageMs` are forgotten (failed ones stay until retried). */
  async pruneDone(ageMs: number): Promise<number> {
    const before = new Date(this.clock.now().getTime() - ageMs)
    const result = await this.#db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('updatedAt', '<', before.toISOString())
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}

/** 10 s, 20 s, 40 s… after each failed attempt, at most an hour, with ±20 % so retries spread out. */
export function backoffMs(attempts: number): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3600_000)
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}
