import { Type } from 'typebox'
import type { DeadlinesService } from '../../modules/deadlines/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { pageContextOf } from '../../web/page-context.js'
import { send } from '../staff/staff-page-helpers.js'
import { dueTexts } from './deadlines.messages.js'
import { DuePage } from './due.page.js'

const text = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const DueForm = Type.Object({ from: text(10), amount: text(4), unit: text(1), calendar: text(2) })

/** A real day as `YYYY-MM-DD` (not 2025-02-30). */
const isCalendarDay = (day: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)

/** The public term calculator page over the deadlines module. */
export function duePageRoutes(config: Config, deadlines: DeadlinesService) {
  return async (app: AppInstance) => {
    app.get('/deadlines', { schema: { hide: true, querystring: DueForm } }, async (req, reply) => {
      const ctx = pageContextOf(req, reply, config.defaultLanguage)
      const t = dueTexts(ctx.lang)
      const q = req.query
      if (!q.from) return send(reply, DuePage({ ctx, values: q, result: null, errors: [] }))
      const errors: { field: string; message: string }[] = []
      if (!isCalendarDay(q.from)) errors.push({ field: 'from', message: t('due.error.from') })
      if (!/^[1-9]\d{0,2}$/.test(q.amount ?? ''))
        errors.push({ field: 'amount', message: t('due.error.amount') })
      if (errors.length) return send(reply, DuePage({ ctx, values: q, result: null, errors }), 422)
      const result = await deadlines.due({
        from: q.from,
        term: `P${q.amount}${['D', 'W', 'M'].includes(q.unit ?? '') ? q.unit : 'D'}`,
        calendar: q.calendar === 'PL' ? 'PL' : 'UA',
      })
      return send(reply, DuePage({ ctx, values: q, result, errors: [] }))
    })
  }
}
