import type { Compilable, CompiledQuery, DialectAdapter, Kysely, QueryResult } from 'kysely'

const MARK = '\u0000ratusz-value:'

interface Template {
  compiled: CompiledQuery
  /** Per parameter: the name of the value to put there, or null to keep the compiled constant. */
  names: (string | null)[]
}

/**
 * A query Kysely builds and compiles once per database and then runs with new values. Kysely
 * builds, transforms (camelCase) and compiles a query on every call, ≈20–40 µs a statement here,
 * as much as SQLite takes to run it; on the hot paths (token check, audit append, ticket issue,
 * call-next) that was a third of each request. `build` gets placeholders in place of the named
 * values: the query's shape must not depend on them (no branch on a value, no `in` list of varying
 * length: give such lists' length as `shape`). Results pass through the plugins as usual.
 */
export function prepared<V extends Record<string, unknown>, R, Db>(
  build: (db: Kysely<Db>, v: V, shape: string) => Compilable<R>,
) {
  const templates = new WeakMap<DialectAdapter, Map<string, Template>>()
  const placeholders = new Proxy({} as V, { get: (_, name) => `${MARK}${String(name)}` })

  function templateFor(db: Kysely<Db>, shape: string): Template {
    const adapter = db.getExecutor().adapter
    let byShape = templates.get(adapter)
    if (!byShape) {
      byShape = new Map()
      templates.set(adapter, byShape)
    }
    let template = byShape.get(shape)
    if (!template) {
      const compiled = build(db, placeholders, shape).compile()
      if (compiled.sql.includes(MARK)) throw new Error(`a placeholder became SQL text: ${compiled.sql}`)
      const names = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : null,
      )
      template = { compiled, names }
      byShape.set(shape, template)
    }
    return template
  }

  return async (db: Kysely<Db>, values: V, shape = ''): Promise<QueryResult<R>> => {
    const { compiled, names } = templateFor(db, shape)
    const parameters = names.map((name, i) =>
      name === null ? compiled.parameters[i] : (values[name] ?? null),
    )
    return db.executeQuery<R>({ ...compiled, parameters })
  }
}

/** The named values of `v` as a row for `values()`/`set()`: the placeholders of a prepared query. */
export function valuesOf<T, K extends keyof T>(v: T, keys: readonly K[]): Pick<T, K> {
  const row = {} as Pick<T, K>
  for (const k of keys) row[k] = v[k]
  return row
}
