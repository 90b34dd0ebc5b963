import { randomUUID } from 'node:crypto'
import type { JobRow, JobStore } from './job-store.js'
import { dueOccurrence, NETWORK_SCOPE, type Schedule } from './schedules.js'

export interface JobContext {
  id: string
  kind: string
  /** 1 on the first try. */
  attempt: number
}

/**
 * Does a job's work. Jobs run at least once: a handler may run again after a crash between its work
 * and the record of its end, so it must be safe to repeat (expire what is still open, mark what is
 * still booked). What it returns is kept with the job (JSON).
 */
// biome-ignore lint/suspicious/noExplicitAny: each handler knows its payload.
export type JobHandler = (payload: any, job: JobContext) => Promise<unknown>

export interface JobRunnerOptions {
  /** Jobs run at once by this instance (default 4). */
  concurrency?: number
  /** Pause between looks when there was nothing to do (default 1 s); an enqueue here wakes it sooner. */
  pollMs?: number
  /** How often schedules are looked at (default 30 s). */
  scheduleEveryMs?: number
  /** A job's failure, or the runner's own trouble (the database away). */
  onError?: (error: unknown, job?: JobRow) => void
}

/**
 * Runs the jobs of one instance: claims due jobs (never one another instance holds), runs their
 * handlers, records the outcome, and enqueues scheduled occurrences as they fall due.
 */
export class JobRunner {
  readonly worker = `${process.pid}:${randomUUID().slice(0, 8)}`
  readonly #handlers = new Map<string, JobHandler>()
  readonly #schedules: Schedule[] = []
  readonly #enqueued = new Map<string, string>()
  readonly #options: Required<JobRunnerOptions>
  #running: Promise<void> | null = null
  #stopped = true
  #wake: (() => void) | null = null
  /** Work was enqueued here while the loop was busy: look again before pausing. */
  #woken = false
  #lastSchedule = 0

  constructor(
    readonly store: JobStore,
    options: JobRunnerOptions = {},
  ) {
    this.#options = {
      concurrency: options.concurrency ?? 4,
      pollMs: options.pollMs ?? 1_000,
      scheduleEveryMs: options.scheduleEveryMs ?? 30_000,
      onError: options.onError ?? (() => {}),
    }
    store.onEnqueued(() => {
      if (this.#wake) this.#wake()
      else this.#woken = true
    })
  }

  /** What to do for jobs of `kind`. */
  handle(kind: string, handler: JobHandler): this {
    this.#handlers.set(kind, handler)
    return this
  }

  /** A job that comes back by itself; `handler` does one occurrence. */
  schedule(schedule: Schedule, handler: JobHandler): this {
    this.#schedules.push(schedule)
    return this.handle(schedule.kind, handler)
  }

  get kinds(): string[] {
    return [...this.#handlers.keys()]
  }

  /** Starts the loop in the background; `stop()` ends it after the jobs in hand. */
  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#running = this.#loop()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#wake?.()
    await this.#running
    this.#running = null
  }

  /**
   * Enqueues due scheduled occurrences (when asked, or when their time to look has come), then claims
   * and runs due jobs, a few at a time, until none is left (or the runner is stopped). Returns how
   * many ran.
   */
  async runDue(options: { schedules?: boolean } = {}): Promise<number> {
    if (options.schedules || Date.now() - this.#lastSchedule >= this.#options.scheduleEveryMs) {
      this.#lastSchedule = Date.now()
      await this.enqueueScheduled()
    }
    const kinds = this.kinds
    let ran = 0
    while (kinds.length > 0 && !(this.#stopped && this.#running)) {
      const jobs = await this.store.claim(this.worker, kinds, this.#options.concurrency)
      if (jobs.length === 0) break
      await Promise.all(jobs.map((job) => this.#run(job)))
      ran += jobs.length
    }
    return ran
  }

  /** Enqueues each schedule's due occurrence per scope, once per key. */
  async enqueueScheduled(): Promise<void> {
    const now = this.store.clock.now()
    for (const schedule of this.#schedules) {
      const scopes = schedule.scopes ? await schedule.scopes() : [NETWORK_SCOPE]
      for (const scope of scopes) {
        const due = dueOccurrence(schedule, scope, now)
        const seen = `${schedule.kind}:${scope.id}`
        if (!due || this.#enqueued.get(seen) === due.key) continue
        await this.store.enqueue(this.store.db, schedule.kind, due.payload, {
          key: due.key,
          runAt: due.runAt,
          maxAttempts: schedule.maxAttempts ?? 3,
        })
        this.#enqueued.set(seen, due.key)
      }
    }
  }

  async #run(job: JobRow): Promise<void> {
    const handler = this.#handlers.get(job.kind)!
    try {
      const result = await handler(JSON.parse(job.payload), {
        id: job.id,
        kind: job.kind,
        attempt: job.attempts,
      })
      await this.store.succeeded(job, this.worker, result)
    } catch (error) {
      this.#options.onError(error, job)
      await this.store.failed(job, this.worker, error).catch((e) => this.#options.onError(e, job))
    }
  }

  async #loop(): Promise<void> {
    await this.store.releaseAbandoned().catch((error) => this.#options.onError(error))
    while (!this.#stopped) {
      let ran = 0
      try {
        ran = await this.runDue()
      } catch (error) {
        this.#options.onError(error)
      }
      if (ran > 0 || this.#stopped || this.#woken) {
        this.#woken = false
        continue
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.#options.pollMs)
        timer.unref()
        function done() {
          clearTimeout(timer)
          resolve()
        }
        this.#wake = done
      })
      this.#wake = null
    }
  }
}
