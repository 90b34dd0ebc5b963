import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'

/** JSON kept in a text column, read the same way on SQLite and PostgreSQL. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value)
}

/** A stored value that no longer matches its schema: a fault of the data, named, never passed on. */
export class StoredValueError extends Error {
  constructor(what: string, where: string, problem: string) {
    super(`The stored ${what} does not match its schema at ${where || '/'}: ${problem}`)
    this.name = 'StoredValueError'
  }
}

/**
 * The reader of one kind of JSON column, checked against its schema (compiled once) rather than
 * trusted with a cast: what comes back is what the type says, or a `StoredValueError` naming the
 * column and the place.
 */
export function jsonColumn<T extends TSchema>(what: string, schema: T): (text: string) => Static<T> {
  const validator = Compile(schema)
  return (text) => {
    const value: unknown = JSON.parse(text)
    if (validator.Check(value)) return value as Static<T>
    const [first] = validator.Errors(value)
    throw new StoredValueError(what, first?.instancePath ?? '', first?.message ?? 'unexpected value')
  }
}
