import type { Registry } from 'prom-client'
import { Type } from 'typebox'
import type { Database } from '../platform/db/index.js'
import type { AppInstance } from '../platform/http/app-instance.js'

const tags = ['operations']
const Status = Type.Object({ status: Type.String() })

/** Liveness, readiness and metrics for load balancers and monitoring. */
export function operationsRoutes(database: Database, metrics: Registry) {
  return async (app: AppInstance) => {
    app.get(
      '/healthz',
      { schema: { tags, summary: 'The process is alive', response: { 200: Status } } },
      async () => ({
        status: 'ok',
      }),
    )

    app.get(
      '/readyz',
      {
        schema: {
          tags,
          summary: 'The database answers; 503 when it does not',
          response: { 200: Status, 503: Type.Ref('Problem') },
        },
      },
      async (req, reply) => {
        try {
          await database.ping()
          return { status: 'ready' }
        } catch (error) {
          req.log.warn({ err: error }, 'database not reachable')
          return reply.code(503).type('application/problem+json; charset=utf-8').send({
            type: '/errors/not-ready',
            title: 'Not ready',
            status: 503,
            code: 'NOT_READY',
            detail: 'The database does not answer.',
            requestId: req.id,
          })
        }
      },
    )

    app.get(
      '/metrics',
      { schema: { tags, summary: 'Prometheus metrics', produces: ['text/plain'] } },
      async (_req, reply) => {
        return reply.type(metrics.contentType).send(await metrics.metrics())
      },
    )
  }
}
