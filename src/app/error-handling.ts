import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { auditActorOf } from '../modules/identity/index.js'
import type { AuditRecord } from '../platform/audit-trail.js'
import type { Config } from '../platform/config.js'
import { alreadyExists, isStalePreparedStatement, isUniqueViolation } from '../platform/db/index.js'
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
  if (isUniqueViolation(error)) return alreadyExists()
  const sqlState = (error as { code?: unknown }).code
  // PostgreSQL gave up on the statement (DATABASE_STATEMENT_TIMEOUT_MS), chose this transaction to
  // end a deadlock, or refused a statement prepared before another instance changed the schema:
  // nothing was written; the client may try again.
  if (sqlState === '57014' || sqlState === '40P01' || sqlState === '40001' || isStalePreparedStatement(error))
    return new AppError(
      'DATABASE_BUSY',
      503,
      'The database is busy',
      'The database could not finish this request in time; nothing was changed. Try again in a moment.',
      undefined,
      { 'retry-after': '2' },
    )
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
    .send(
      documentOf(
        ErrorPage({
          ctx,
          code: error.code,
          status: error.status,
          requestId: req.id,
          retryAfterSeconds: Number(reply.getHeader('retry-after')) || undefined,
        }),
      ),
    )
}

/** Where denied attempts go: the audit log, in a transaction of their own. */
export interface DeniedAccessLog {
  recordAlone(entry: AuditRecord): Promise<void>
  recordRepeated(key: string, entry: AuditRecord): Promise<void>
}

// Wrong sign-ins are audited by the sign-in itself, with more detail.
const AUDITED_ELSEWHERE = new Set(['INVALID_CREDENTIALS'])

async function recordDenied(log: DeniedAccessLog, error: AppError, req: FastifyRequest): Promise<void> {
  if ((error.status !== 401 && error.status !== 403) || AUDITED_ELSEWHERE.has(error.code)) return
  try {
    const entry: AuditRecord = {
      actor: auditActorOf(req.actor),
      action: 'access.denied',
      officeId: null,
      subjectType: 'route',
      subjectId: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
      summary: { status: error.status, code: error.code, url: req.url.slice(0, 500), address: req.ip },
      requestId: req.id,
    }
    // Someone signed in is accountable for each attempt; anonymous floods are counted per address.
    if (req.actor) await log.recordAlone(entry)
    else await log.recordRepeated(`denied:${req.ip}`, entry)
  } catch (auditError) {
    req.log.error({ err: auditError }, 'could not audit a denied access')
  }
}

export function errorHandler(config: Config, denied: DeniedAccessLog) {
  return async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error)
    if (appError.status >= 500) req.log.error({ err: error }, 'request failed')
    else
      req.log.info(
        { code: appError.code, status: appError.status, detail: appError.detail },
        'request refused',
      )
    await recordDenied(denied, appError, req)
    return sendError(config, appError, req, reply)
  }
}

/**
 * Errors Fastify's router raises before any hook runs (a malformed percent-escape, a parameter past
 * its length): the same problem format and security headers as every other answer.
 */
export function frameworkErrorHandler(config: Config, headers: Readonly<Record<string, string>>) {
  return (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    reply.headers(headers)
    return sendError(config, toAppError(error), req, reply)
  }
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too large, a malformed
 * request line): answered in the problem format with the security headers, then the socket closed.
 */
export function clientErrorHandler(headers: Readonly<Record<string, string>>) {
  return (error: Error & { code?: string }, socket: import('node:net').Socket) => {
    if (!socket.writable) return socket.destroy()
    const [status, reason, code] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ([431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE'] as const)
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ([408, 'Request Timeout', 'REQUEST_TIMEOUT'] as const)
          : ([400, 'Bad Request', 'BAD_REQUEST'] as const)
    const body = JSON.stringify(problemOf(new AppError(code, status, reason)))
    const lines = [
      `HTTP/1.1 ${status} ${reason}`,
      `content-type: ${PROBLEM_CONTENT_TYPE}`,
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ]
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`)
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
