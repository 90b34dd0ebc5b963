import { Type } from 'typebox'
import { actorOf } from '../../modules/identity/index.js'
import type { AppInstance } from '../../platform/http/app-instance.js'
import { Id, IdParams, Instant, problemResponses } from '../../platform/http/schemas.js'
import type { JobsAdmin } from './jobs-admin.js'

const tags = ['jobs']
const JobStatus = Type.Union(
  ['pending', 'running', 'done', 'failed'].map((s) => Type.Literal(s)),
  { description: 'pending (waiting for its time or a retry), running, done, failed (out of attempts)' },
)
const JobDto = Type.Object({
  id: Id,
  kind: Type.String({ description: 'What the job does, e.g. `queue.expire-past-days`' }),
  status: JobStatus,
  payload: Type.Unknown(),
  runAt: Instant,
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  result: Type.Unknown(),
  createdAt: Instant,
  updatedAt: Instant,
})
const JobsQuery = Type.Object({
  status: Type.Optional(JobStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  before: Type.Optional(Id),
})
const Counts = Type.Object({
  pending: Type.Integer(),
  running: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
})

/** Background jobs for network-wide admins: by state (failed first), and a retry. */
export function jobsRoutes(jobs: JobsAdmin) {
  return async (app: AppInstance) => {
    app.get(
      '/api/v1/jobs',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary:
            'Background jobs in one state, newest first (default: failed), with counts per state (admin)',
          querystring: JobsQuery,
          response: {
            200: Type.Object({
              counts: Counts,
              items: Type.Array(JobDto),
              nextBefore: Type.Union([Id, Type.Null()]),
            }),
            ...problemResponses,
          },
        },
      },
      async (req) => jobs.list(actorOf(req), req.query as Parameters<JobsAdmin['list']>[1]),
    )

    app.post(
      '/api/v1/jobs/:id/retry',
      {
        onRequest: app.authenticate,
        schema: {
          tags,
          summary: 'Try a failed job again, at once and with its attempts counted afresh (admin)',
          params: IdParams,
          response: { 200: JobDto, ...problemResponses },
        },
      },
      async (req) => jobs.retry(actorOf(req), req.params.id),
    )
  }
}
