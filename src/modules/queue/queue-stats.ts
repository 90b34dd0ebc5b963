import { invalid } from '../../platform/errors.js'
import { type Actor, assertAllowed } from '../identity/index.js'
import type { QueueContext } from './queue.context.js'
import { queuePolicy } from './queue.policy.js'
import * as repo from './queue.repository.js'
import type { QueueStatsDto, QueueStatsQuery } from './queue.schemas.js'

const MAX_DAYS = 31
const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000
const mean = (xs: number[]) => (xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null)
const share = (n: number, of: number) => (of ? round(n / of) : null)
const round = (x: number) => Math.round(x * 100) / 100

/** Quality figures of an office's queues over some days: volumes, waits, service times, estimate accuracy. */
export function queueStats(ctx: QueueContext) {
  return {
    async stats(actor: Actor, officeId: string, query: QueueStatsQuery): Promise<QueueStatsDto> {
      assertAllowed(actor, queuePolicy.stats, officeId)
      const today = await ctx.today(officeId)
      const from = query.from ?? query.to ?? today
      const to = query.to ?? today
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000
      if (Number.isNaN(days) || days < 0)
        throw invalid([{ path: 'querystring.to', message: 'must be a day on or after from' }])
      if (days >= MAX_DAYS)
        throw invalid([{ path: 'querystring.to', message: `must be within ${MAX_DAYS} days of from` }])
      const [queues, tickets] = await Promise.all([
        repo.listQueues(ctx.db, officeId),
        repo.ticketsForStats(ctx.db, officeId, from, to),
      ])
      return {
        officeId,
        from,
        to,
        queues: queues.map((q) => {
          const own = tickets.filter((t) => t.queueId === q.id)
          const count = (status: string) => own.filter((t) => t.status === status).length
          const stale = own.filter((t) => repo.isExpired(t, today)).length
          const called = own.filter((t) => t.calledAt !== null)
          const waits = called.map((t) => ({
            wait: minutesBetween(t.arrivedAt, t.calledAt!),
            told: t.estimatedWaitMinutes,
          }))
          const told = waits.filter((w): w is { wait: number; told: number } => w.told !== null)
          const served = own.filter((t) => t.status === 'served' && t.finishedAt !== null)
          return {
            queueId: q.id,
            prefix: q.prefix,
            issued: own.length,
            served: count('served'),
            noShow: count('no-show'),
            expired: count('expired') + stale,
            open: own.filter((t) => repo.isActive(t.status)).length - stale,
            averageWaitMinutes: mean(waits.map((w) => w.wait)),
            averageServiceMinutes: mean(served.map((t) => minutesBetween(t.calledAt!, t.finishedAt!))),
            estimates: {
              measured: told.length,
              meanAbsoluteErrorMinutes: mean(told.map((w) => Math.abs(w.wait - w.told))),
              withinFiveMinutes: share(
                told.filter((w) => Math.abs(w.wait - w.told) <= 5).length,
                told.length,
              ),
              underestimated: share(told.filter((w) => w.wait > w.told).length, told.length),
            },
          }
        }),
      }
    },
  }
}
