import { type ErrorCode, errorSlug } from '../error-codes.js'
import { AppError, type FieldError } from '../errors.js'

/** RFC 9457 problem details as Ratusz sends them. */
export interface Problem {
  type: string
  title: string
  status: number
  code: ErrorCode
  detail?: string
  errors?: FieldError[]
  facts?: Record<string, string>
  /** The request id, to find the matching log line. */
  requestId?: string
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** `CASE_CLOSED` → `/errors/case-closed`: a stable name per code, and the address of its page. */
export function problemType(code: ErrorCode): string {
  return `/errors/${errorSlug(code)}`
}

export function problemOf(error: AppError, requestId?: string): Problem {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.facts ? { facts: error.facts } : {}),
    ...(requestId ? { requestId } : {}),
  }
}

interface AjvIssue {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Turns Ajv's findings into `{ path, message }` with paths like `body.name.pl` or `query.limit`. */
export function fieldErrorsFromAjv(issues: readonly AjvIssue[], context: string): FieldError[] {
  const seen = new Set<string>()
  const result: FieldError[] = []
  for (const issue of issues) {
    const segments = issue.instancePath.split('/').slice(1).map(unescapePointer)
    let message = issue.message ?? 'is not valid'
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      segments.push(issue.params.missingProperty)
      message = 'is required'
    } else if (
      issue.keyword === 'additionalProperties' &&
      typeof issue.params.additionalProperty === 'string'
    ) {
      segments.push(issue.params.additionalProperty)
      message = 'is not a known field'
    } else if (issue.keyword === 'enum' && Array.isArray(issue.params.allowedValues)) {
      message = `must be one of ${issue.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
    }
    const path = [context, ...segments].reduce(
      (acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s),
      '',
    )
    const key = `${path}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    const limit = typeof issue.params.limit === 'number' ? issue.params.limit : undefined
    result.push({ path, message, keyword: issue.keyword, ...(limit !== undefined ? { limit } : {}) })
  }
  return result
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Maps the errors Fastify raises before a handler runs to problems a client can act on. */
export function problemFromFrameworkError(error: {
  code?: string
  statusCode?: number
  message: string
}): AppError | null {
  switch (error.code) {
    // Raised by the router before any hook runs (Fastify's `frameworkErrors`).
    case 'FST_ERR_BAD_URL':
      return new AppError(
        'BAD_URL',
        400,
        'The address is not valid',
        'The path has a malformed percent-escape.',
      )
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(
        'URI_TOO_LONG',
        414,
        'The address is too long',
        'A part of the path is longer than any identifier.',
      )
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', 400, 'The body is not valid JSON', error.message)
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 413, 'The body is too large', error.message)
    // @fastify/multipart: a file upload sent as something else.
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        415,
        'This content type is not accepted here',
        error.message,
      )
  }
  if (error instanceof SyntaxError || (error as { name?: string }).name === 'SyntaxError') {
    return new AppError('MALFORMED_JSON', 400, 'The body is not valid JSON', error.message)
  }
  const status = error.statusCode
  if (status && status >= 400 && status < 500) {
    return new AppError(
      status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST',
      status,
      status === 429 ? 'Too many requests' : 'Bad request',
      error.message,
    )
  }
  return null
}
