/**
 * Every code a problem answer can carry, with the HTTP status it is sent with. A code is a promise to
 * clients (they branch on it), and each has a public page that explains it (`/errors/<code>`, the
 * problem's `type`): `AppError` takes only these, so a new code cannot be thrown before it is listed
 * here and explained in the three languages (src/app/error-types/).
 */
export const ERROR_CODES = {
  ACCOUNT_REQUIRED: 403,
  ALREADY_CHECKED_IN: 409,
  ALREADY_EXISTS: 409,
  ALREADY_PUBLISHED: 409,
  ANCHOR_EXISTS: 409,
  APPOINTMENT_STATE: 409,
  BAD_REQUEST: 400,
  BAD_URL: 400,
  BOOKING_AT_ANOTHER_OFFICE: 409,
  BOOKING_CANCELLED: 409,
  BOOKING_EXPIRED: 409,
  BOOKING_NOT_FOUND: 404,
  CANNOT_DISABLE_SELF: 409,
  CASE_CLOSED: 409,
  CASE_DISPOSED: 409,
  CASE_SIGN_TAKEN: 409,
  CASE_STATE: 409,
  CLASSIFICATION_EXISTS: 409,
  CLERK_AT_ANOTHER_DESK: 409,
  CURRENT_CHANGED: 409,
  DATABASE_BUSY: 503,
  DESK_BUSY: 409,
  DESK_NAME_TAKEN: 409,
  DESK_NOT_OPEN: 409,
  DESK_NOT_YOURS: 409,
  DESK_TAKEN: 409,
  DESTROYED: 410,
  ENTRY_STATE: 409,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_MISMATCH: 415,
  FILE_TYPE_REFUSED: 415,
  FORBIDDEN: 403,
  HEADERS_TOO_LARGE: 431,
  ICS_FAILED: 422,
  INTERNAL: 500,
  INVALID_CREDENTIALS: 401,
  JOB_NOT_FAILED: 409,
  LINK_EXPIRED: 410,
  LIST_STATE: 409,
  LOGIN_TAKEN: 409,
  MALFORMED_JSON: 400,
  MALFORMED_UPLOAD: 400,
  NOTICE_DISPATCHED: 409,
  NOT_AT_YOUR_DESK: 409,
  NOT_AWAITING_APPLICANT: 409,
  NOT_A_RECEIPT: 422,
  NOT_A_SIGNATURE: 422,
  NOT_FOR_TRANSFER: 409,
  NOT_FOUND: 404,
  NOT_PUBLISHED: 409,
  NOT_READY: 503,
  NOT_SEALABLE: 422,
  NOT_YET: 409,
  NO_CONSENT: 409,
  OFFICE_CLOSED: 409,
  OFFICE_CODE_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  QUEUE_PREFIX_TAKEN: 409,
  RATE_LIMITED: 429,
  REACTIVATION_WINDOW_PASSED: 409,
  RECEIPT_NOT_SEALED: 409,
  REMOTE_CONTEXT_REFUSED: 422,
  REQUEST_REFUSED: 409,
  REQUEST_TIMEOUT: 408,
  SEAL_MISSING: 409,
  SEAL_UNREADABLE: 409,
  SERVICE_CODE_TAKEN: 409,
  SIGNATURE_INVALID: 422,
  SIGNATURE_REQUIRED: 422,
  SIGN_IN_FAILED: 400,
  SIGN_IN_UNAVAILABLE: 503,
  SLOT_FULL: 409,
  TICKET_AT_ANOTHER_DESK: 403,
  TICKET_EXPIRED: 409,
  TICKET_STATE: 409,
  TOO_EARLY: 409,
  TOO_MANY_SIGN_IN_FAILURES: 429,
  TOTP_ALREADY_ON: 409,
  TOTP_NOT_ENROLLED: 409,
  TOTP_SETUP_REQUIRED: 403,
  UNAUTHENTICATED: 401,
  UNIT_CODE_TAKEN: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  URI_TOO_LONG: 414,
  VALIDATION_FAILED: 422,
  VERSION_MISMATCH: 412,
} as const

export type ErrorCode = keyof typeof ERROR_CODES

const slugOf = (text: string): string => text.toLowerCase().replace(/_/g, '-')

/** `CASE_CLOSED` → `case-closed`: the last segment of the problem's `type`. */
export const errorSlug = (code: ErrorCode): string => slugOf(code)

const BY_SLUG = new Map<string, ErrorCode>(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [errorSlug(code), code]),
)

/** The code a slug names, also when spelled as the code itself (`NOT_FOUND`), or undefined. */
export const errorCodeOfSlug = (slug: string): ErrorCode | undefined => BY_SLUG.get(slugOf(slug))
