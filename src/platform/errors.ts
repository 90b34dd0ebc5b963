import type { ErrorCode } from './error-codes.js'

/** One thing wrong with a request: where (`body.code`, `query.limit`) and why. */
export interface FieldError {
  path: string
  message: string
  /** The rule broken (JSON Schema keyword such as required, minLength, pattern), for localised forms. */
  keyword?: string
  /** The rule's limit, where it has one (minLength: 12). */
  limit?: number
}

/**
 * An error a user can act on. It carries a stable `code` clients may branch on, the HTTP status,
 * and renders as RFC 9457 problem+json. Anything else thrown is an internal error and never shown.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra headers the answer must carry, e.g. `Retry-After`. */
    readonly headers?: Record<string, string>,
    /** Facts a client may tell in its own words (`opensAt`, `officeId`): the problem's `facts`. */
    readonly facts?: Record<string, string>,
  ) {
    super(detail ?? title)
    this.name = 'AppError'
  }
}

export const notFound = (what = 'Resource', detail?: string) =>
  new AppError('NOT_FOUND', 404, `${what} not found`, detail)
export const unauthenticated = (detail = 'Sign in or send a bearer token.') =>
  new AppError('UNAUTHENTICATED', 401, 'Authentication required', detail)
export const forbidden = (detail = 'Your roles do not allow this.') =>
  new AppError('FORBIDDEN', 403, 'Not allowed', detail)
export const conflict = (code: ErrorCode, title: string, detail?: string) =>
  new AppError(code, 409, title, detail)
export const invalid = (errors: FieldError[], detail?: string) =>
  new AppError(
    'VALIDATION_FAILED',
    422,
    'The request is not valid',
    detail ?? errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  )
