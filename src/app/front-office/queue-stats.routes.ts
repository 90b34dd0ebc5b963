import { Type } from 'typebox'
import { officesVisibleTo } from '../../modules/identity/index.js'
import type { OfficesService } from '../../modules/offices/index.js'
import { type QueueService, queuePolicy } from '../../modules/queue/index.js'
import type { Config } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { LocalDate } from '../../platform/http/schemas.js'
import { send, staffPageHelpers } from '../staff/staff-page-helpers.js'
import { QueueStatsPage } from './queue-stats.page.js'

/** The form sends an empty field when no day was chosen. */
const Day = Type.Union([LocalDate, Type.Literal('')])
const StatsQuery = Type.Object({
  office: Type.Optional(Type.String({ format: 'uuid' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
})

/** Managers' and the coordinator's queue figures per office, over the queue module's statistics. */
export function queueStatsRoutes(config: Config, queue: QueueService, offices: OfficesService) {
  const { staffContext } = staffPageHelpers(config)
  return async (app: AppInstance) => {
    app.get(
      '/staff/queue-stats',
      { onRequest: app.staffPage, schema: { hide: true, querystring: StatsQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const visible = officesVisibleTo(s.actor, queuePolicy.stats)
        const all = (await offices.listPublicOffices()).filter(
          (o) => visible === null || visible.includes(o.id),
        )
        const options = all.map((o) => ({ value: o.id, label: o.name[s.ctx.lang] }))
        const officeId = req.query.office ?? all[0]?.id ?? ''
        const from = req.query.from || undefined
        const to = req.query.to || undefined
        let stats = null
        let error: string | null = null
        try {
          stats = await queue.stats(s.actor, officeId, { ...(from ? { from } : {}), ...(to ? { to } : {}) })
        } catch (e) {
          if (!(e instanceof AppError) || e.status !== 422) throw e
          error = e.errors?.[0]?.message ?? e.title
        }
        return send(
          reply,
          QueueStatsPage({
            s,
            offices: options,
            officeId,
            from: stats?.from ?? from ?? '',
            to: stats?.to ?? to ?? '',
            stats,
            error,
          }),
          error ? 422 : 200,
        )
      },
    )
  }
}
