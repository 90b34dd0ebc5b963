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

/** Rules on content rather than shape: enforced when a value is written, not when it is read back. */
const CONTENT_RULES = new Set([
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
])

/** Keys whose value maps names to schemas: those names are fields (a field may be called `format`), not rules. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions'])

/** The schema's shape alone: the same types and fields, without its content rules. */
function shapeOf<T>(schema: T, namesSchemas = false): T {
  if (Array.isArray(schema)) return schema.map((s) => shapeOf(s)) as T
  if (schema === null || typeof schema !== 'object') return schema
  const copy: Record<string | symbol, unknown> = {}
  for (const key of Reflect.ownKeys(schema)) {
    if (!namesSchemas && typeof key === 'string' && CONTENT_RULES.has(key)) continue
    const value = (schema as Record<string | symbol, unknown>)[key]
    copy[key] = shapeOf(value, !namesSchemas && typeof key === 'string' && SCHEMA_MAPS.has(key))
  }
  return copy as T
}

/**
 * The reader of one kind of JSON column, checked against its schema's shape (compiled once) rather
 * than trusted with a cast: what comes back has the types the code expects, or a `StoredValueError`
 * names the column and the place. Content rules (formats, patterns, lengths) are the write's: a rule
 * tightened later (no `javascript:` links) must not make older rows unreadable; pages defend against
 * such values where they show them.
 */
export function jsonColumn<T extends TSchema>(what: string, schema: T): (text: string) => Static<T> {
  const validator = Compile(shapeOf(schema))
  return (text) => {
    const value: unknown = JSON.parse(text)
    if (validator.Check(value)) return value as Static<T>
    const [first] = validator.Errors(value)
    throw new StoredValueError(what, first?.instancePath ?? '', first?.message ?? 'unexpected value')
  }
}
