import { timingSafeEqual } from 'node:crypto'
import type { Registry } from 'prom-client'
import { Type } from 'typebox'
import type { Database } from '../platform/db/index.js'
import { AppError } from '../platform/errors.js'
import type { AppInstance } from '../platform/http/app-instance.js'
import { PROBLEM_CONTENT_TYPE, problemOf } from '../platform/http/problem.js'

const tags = ['operations']
const Status = Type.Object({ status: Type.String() })

/** Whether an `Authorization` header carries exactly this bearer token (compared in constant time). */
function bearerIs(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '')
  const wanted = Buffer.from(token)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

/**
 * Liveness, readiness and metrics for load balancers and monitoring. With a metrics token set,
 * `/metrics` answers only a scraper that sends it (the metrics name the Node version and the routes).
 */
export function operationsRoutes(database: Database, metrics: Registry, metricsToken: string | null) {
  return async (app: AppInstance) => {
    app.get(
      '/healthz',
      { schema: { tags, summary: 'The process is alive', security: [], response: { 200: Status } } },
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
          security: [],
          response: { 200: Status, 503: Type.Ref('Problem') },
        },
      },
      async (req, reply) => {
        try {
          await database.ping()
          return { status: 'ready' }
        } catch (error) {
          req.log.warn({ err: error }, 'database not reachable')
          return reply
            .code(503)
            .type(PROBLEM_CONTENT_TYPE)
            .send(
              problemOf(new AppError('NOT_READY', 503, 'Not ready', 'The database does not answer.'), req.id),
            )
        }
      },
    )

    app.get(
      '/metrics',
      {
        schema: {
          tags,
          summary: metricsToken
            ? 'Prometheus metrics (the bearer token set by RATUSZ_METRICS_TOKEN)'
            : 'Prometheus metrics (open: RATUSZ_METRICS_TOKEN is not set)',
          security: metricsToken ? [{ metricsToken: [] }] : [],
          produces: ['text/plain'],
          response: {
            200: { description: 'The metrics in Prometheus text format', type: 'string' },
            ...(metricsToken ? { 401: Type.Ref('Problem') } : {}),
          },
        },
      },
      async (req, reply) => {
        // A refusal like any other: problem+json, and audited as a denied access.
        if (metricsToken && !bearerIs(req.headers.authorization, metricsToken))
          throw new AppError('UNAUTHENTICATED', 401, 'The metrics need their token', undefined, undefined, {
            'www-authenticate': 'Bearer realm="metrics"',
          })
        return reply.type(metrics.contentType).send(await metrics.metrics())
      },
    )
  }
}
