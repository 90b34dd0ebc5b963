import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** Keeps a caller's `x-request-id` when it looks sane (a proxy's id), otherwise makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/**
 * Prometheus metrics: request counts and latencies by route template (never the raw URL, whose ids
 * would explode the label set), plus Node's process metrics.
 */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'ratusz_' })
  // prom-client's counts of active handles, requests and resources are gauges named `…_total`, a
  // suffix Prometheus keeps for counters (promtool refuses them); the same counts by type remain.
  for (const name of ['handles', 'requests', 'resources'])
    registry.removeSingleMetric(`ratusz_nodejs_active_${name}_total`)
  const labelNames = ['method', 'route', 'status'] as const
  const requests = new Counter({
    name: 'ratusz_http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'ratusz_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })

  app.addHook('onResponse', async (req, reply) => {
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    }
    requests.inc(labels)
    latency.observe(labels, reply.elapsedTime / 1000)
  })
  // Once shutdown begins, answers to requests still in flight close their connection; otherwise a
  // kept-alive connection would hold the server open until the client's keep-alive ran out.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
    if (closing) reply.header('connection', 'close')
  })
  return registry
}

/**
 * One log line per request, on completion, with what an operator searches by: request id, method,
 * route, status and time. (Fastify's default also logs every arrival, doubling the log volume.)
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' })
  }
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'incoming request')
  }
  override requestCompleted(error: Error | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const fields = {
      method: request.method,
      url: request.url,
      route: request.routeOptions.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    }
    if (error) reply.log.error({ ...fields, err: error }, 'request errored')
    else reply.log.info(fields, 'request completed')
  }
}
