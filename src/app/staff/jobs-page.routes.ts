import { Type } from 'typebox'
import { actorOf } from '../../modules/identity/index.js'
import type { Config } from '../../platform/config.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, IdParams } from '../../platform/http/schemas.js'
import type { JobsAdmin } from '../jobs/jobs-admin.js'
import { JOB_STATES, JobsPage } from './jobs.page.js'
import { FormBody, send, staffPageHelpers, staffRouteOptions } from './staff-page-helpers.js'

const JobsPageQuery = Type.Object({
  status: Type.Optional(Type.Union(JOB_STATES.map((s) => Type.Literal(s)))),
  before: Type.Optional(Id),
  done: Type.Optional(Type.String({ maxLength: 20 })),
})

/** The background jobs page (network-wide admins) and its retry button. */
export function jobsPageRoutes(config: Config, jobs: JobsAdmin) {
  const { staffContext, doneText } = staffPageHelpers(config)

  return async (app: AppInstance) => {
    const { page, form } = staffRouteOptions(app)

    app.get(
      '/staff/jobs',
      { ...page, schema: { hide: true, querystring: JobsPageQuery } },
      async (req, reply) => {
        const s = staffContext(req, reply)
        const state = req.query.status ?? 'failed'
        const list = await jobs.list(actorOf(req), {
          status: state,
          ...(req.query.before ? { before: req.query.before } : {}),
        })
        return send(
          reply,
          JobsPage({
            s,
            state,
            counts: list.counts,
            jobs: list.items,
            nextBefore: list.nextBefore,
            done: doneText(req, reply, req.query.done),
          }),
        )
      },
    )

    app.post(
      '/staff/jobs/:id/retry',
      { ...form, schema: { hide: true, params: IdParams, body: FormBody } },
      async (req, reply) => {
        await jobs.retry(actorOf(req), req.params.id)
        return reply.redirect('/staff/jobs?status=pending&done=retried', 303)
      },
    )
  }
}
