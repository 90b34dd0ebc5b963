import { instantOf, localDateOf } from '../timezone.js'

/** Where a scheduled job runs: for each office (its id and time zone), or once for the network. */
export interface ScheduleScope {
  id: string
  timezone: string
}

/**
 * Work that comes back by itself: daily at a local time (`dailyAt: '00:10'`, in each scope's time
 * zone) or every few minutes. Each occurrence becomes one job, enqueued once however many instances
 * see it due (its key: kind, scope, day or interval).
 */
export type Schedule = {
  kind: string
  /** The scopes to run for; one network-wide run in UTC when absent. */
  scopes?: () => Promise<ScheduleScope[]>
  maxAttempts?: number
} & ({ dailyAt: string; everyMinutes?: never } | { everyMinutes: number; dailyAt?: never })

export interface Occurrence {
  key: string
  runAt: Date
  payload: { scope: string; date?: string; at: string }
}

export const NETWORK_SCOPE: ScheduleScope = { id: 'network', timezone: 'UTC' }

/**
 * The occurrence of `schedule` that is due at `now` for `scope`, or null while today's has not come
 * yet. A server that was down at the hour enqueues the day's run when it starts again; days it
 * missed entirely are not made up (each job does all that is due, e.g. expires every past day).
 */
export function dueOccurrence(schedule: Schedule, scope: ScheduleScope, now: Date): Occurrence | null {
  if (schedule.dailyAt !== undefined) {
    const date = localDateOf(now, scope.timezone)
    // A time the clocks skip that day (a spring-forward gap) runs at the next whole hour.
    const runAt =
      instantOf(date, schedule.dailyAt, scope.timezone) ??
      instantOf(
        date,
        `${String(Number(schedule.dailyAt.slice(0, 2)) + 1).padStart(2, '0')}:00`,
        scope.timezone,
      )
    if (!runAt || now < runAt) return null
    return {
      key: `${schedule.kind}:${scope.id}:${date}`,
      runAt,
      payload: { scope: scope.id, date, at: runAt.toISOString() },
    }
  }
  const every = schedule.everyMinutes * 60_000
  const runAt = new Date(Math.floor(now.getTime() / every) * every)
  return {
    key: `${schedule.kind}:${scope.id}:${runAt.toISOString()}`,
    runAt,
    payload: { scope: scope.id, at: runAt.toISOString() },
  }
}
