import { AppError } from '../errors.js'

/**
 * A write refused by a unique constraint, on either database: PostgreSQL's SQLSTATE 23505, or
 * SQLite's extended codes for a UNIQUE or PRIMARY KEY constraint.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * For `.catch()` after a transaction: a unique violation becomes the caller's 409, anything else goes
 * on as it was. A check before the insert gives the same answer in the common case; this one answers
 * when two requests pass that check together and the constraint decides.
 */
export function rethrowUnique(conflict: () => AppError): (error: unknown) => never {
  return (error) => {
    throw isUniqueViolation(error) ? conflict() : error
  }
}

/** Any unique violation no use case mapped: 409 rather than 500. */
export const alreadyExists = () =>
  new AppError('ALREADY_EXISTS', 409, 'This already exists', 'Another request created the same thing first.')
