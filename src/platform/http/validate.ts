import type { Static, TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { invalid } from '../errors.js'
import { fieldErrorsFromAjv } from './problem.js'

/**
 * Checks a value against a route schema outside Fastify's validation (e.g. a form turned into an
 * API body), raising the same 422 with the same field paths.
 */
export function assertValid<T extends TSchema>(schema: T, value: unknown, context = 'body'): Static<T> {
  const errors = Value.Errors(schema, value) as unknown as Parameters<typeof fieldErrorsFromAjv>[0]
  if (errors.length > 0) throw invalid(fieldErrorsFromAjv(errors, context))
  return value as Static<T>
}
