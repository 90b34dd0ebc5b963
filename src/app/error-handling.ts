import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { auditActorOf } from '../modules/identity/index.js'
import type { AuditRecord } from '../platform/audit-trail.js'
import type { Config } from '../platform/config.js'
import { AppError } from '../platform/errors.js'
import {
  fieldErrorsFromAjv,
  PROBLEM_CONTENT_TYPE,
  problemFromFrameworkError,
  problemOf,
} from '../platform/http/problem.js'
import { documentOf } from '../web/jsx.js'
import { pageContextOf } from '../web/page-context.js'
import { ErrorPage } from './error-page.js'

/** Machine clients (API, operational endpoints) get problem+json; everything else is a page. */
function wantsProblem(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url === '/api' || /^\/(healthz|readyz|metrics)\b/.test(req.url)
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error
  if (error.validation) {
    const context = error.validationContext ?? 'body'
    const errors = fieldErrorsFromAjv(error.validation as never, context)
    return new AppError(
      'VALIDATION_FAILED',
      422,
      'The request is not valid',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    )
  }
  return (
    problemFromFrameworkError(error) ??
    new AppError(
      'INTERNAL',
      500,
      'Internal error',
      'Something failed on our side. It has been logged; quote the request id when reporting it.',
    )
  )
}

export function sendError(config: Config, error: AppError, req: FastifyRequest, reply: FastifyReply) {
  if (error.headers) reply.headers(error.headers)
  if (wantsProblem(req)) {
    return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(problemOf(error, req.id))
  }
  const ctx = pageContextOf(req, reply, config.defaultLanguage)
  return reply
    .code(error.status)
    .type('text/html; charset=utf-8')
    .send(documentOf(ErrorPage({ ctx, status: error.status, requestId: req.id })))
}

/** Where denied attempts go: the audit log, in a transaction of their own. */
export interface DeniedAccessLog {
  recordAlone(entry: AuditRecord): Promise<void>
}

// Wrong sign-ins are audited by the sign-in itself, with more detail.
const AUDITED_ELSEWHERE = new Set(['INVALID_CREDENTIALS'])

async function recordDenied(log: DeniedAccessLog, error: AppError, req: FastifyRequest): Promise<void> {
  if ((error.status !== 401 && error.status !== 403) || AUDITED_ELSEWHERE.has(error.code)) return
  try {
    await log.recordAlone({
      actor: auditActorOf(req.actor),
      action: 'access.denied',
      officeId: null,
      subjectType: 'route',
      subjectId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
      summary: { status: error.status, code: error.code, url: req.url.slice(0, 500), address: req.ip },
      requestId: req.id,
    })
  } catch (auditError) {
    req.log.error({ err: auditError }, 'could not audit a denied access')
  }
}

export function errorHandler(config: Config, denied: DeniedAccessLog) {
  return async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error)
    if (appError.status >= 500) req.log.error({ err: error }, 'request failed')
    else req.log.info({ code: appError.code, status: appError.status }, 'request refused')
    await recordDenied(denied, appError, req)
    return sendError(config, appError, req, reply)
  }
}

export function notFoundHandler(config: Config) {
  return (req: FastifyRequest, reply: FastifyReply) =>
    sendError(
      config,
      new AppError('NOT_FOUND', 404, 'Not found', `Nothing is at ${req.method} ${req.url.split('?')[0]}.`),
      req,
      reply,
    )
}
