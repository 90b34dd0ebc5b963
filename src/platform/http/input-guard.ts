import type { FieldError } from '../errors.js'

/**
 * Control characters no text field may hold: C0 controls other than tab, line feed and carriage
 * return. PostgreSQL cannot store U+0000 in text at all (a request carrying one failed with 500), and
 * the others have no place in a name, a reason or a filter.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/

/** Deeper than any of our schemas; a body nested further is refused before it is walked further. */
const MAX_DEPTH = 32

/**
 * Finds what a schema cannot refuse by itself in a parsed request part: a number that is not finite
 * (`1e400` in JSON parses to Infinity; Ajv's coercion turns the query text `Infinity` into one and
 * then skips the bounds), or a control character in a string or a key. Returns the first such field
 * with its path (`body.weights.<id>`, `query.limit`), or null.
 */
export function findHostileValue(value: unknown, path: string, depth = 0): FieldError | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { path, message: 'must be a finite number', keyword: 'type' }
  }
  if (typeof value === 'string') {
    return CONTROL.test(value)
      ? { path, message: 'must not contain control characters', keyword: 'pattern' }
      : null
  }
  // Binary bodies (uploads) are not text fields.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null
  if (depth >= MAX_DEPTH) return { path, message: 'is nested too deeply', keyword: 'maxDepth' }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileValue(value[i], `${path}[${i}]`, depth + 1)
      if (found) return found
    }
    return null
  }
  for (const key of Object.keys(value)) {
    const at = `${path}.${key}`
    if (CONTROL.test(key))
      return { path: at, message: 'must not contain control characters', keyword: 'pattern' }
    const found = findHostileValue((value as Record<string, unknown>)[key], at, depth + 1)
    if (found) return found
  }
  return null
}

/** Every part of a request a client wrote, walked for hostile values. */
export function findHostileInput(req: {
  body?: unknown
  query?: unknown
  params?: unknown
}): FieldError | null {
  return (
    findHostileValue(req.params, 'params') ??
    findHostileValue(req.query, 'querystring') ??
    findHostileValue(req.body, 'body')
  )
}
