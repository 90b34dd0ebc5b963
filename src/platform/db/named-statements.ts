import { createHash } from 'node:crypto'
import pg from 'pg'

/** Distinct statements given a name, for the whole process: beyond them, statements run unnamed. */
const MOST_NAMED = 1_000

const names = new Map<string, string>()

/**
 * The name a statement is prepared under on each connection, or null to send it unnamed. Only
 * statements with parameters are named (those without may hold several statements, which the simple
 * protocol alone accepts), and no more than `MOST_NAMED` distinct ones: a query whose text varies
 * (a list of varying length) must not fill every backend with prepared statements.
 */
function nameOf(text: string): string | null {
  let name = names.get(text)
  if (name === undefined) {
    if (names.size >= MOST_NAMED) return null
    name = `r_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`
    names.set(text, name)
  }
  return name
}

/**
 * Whether PostgreSQL refused a prepared statement because a table under it changed shape since it
 * was prepared (another instance migrated the schema): nothing was done, and the statement is
 * prepared afresh, under a new name, the next time.
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change')
}

let renamed = 0

/**
 * A `pg` client that runs each statement with parameters as a named prepared statement: PostgreSQL
 * parses and analyses it once per connection, and then only binds and executes it, where an unnamed
 * statement is parsed, analysed and planned on every call. Measured on the queue's hot use cases (see
 * docs/performance.md, "Round trips"). Kysely calls `query(text, values)`; everything else is passed
 * on unchanged.
 */
export class NamedStatementsClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; this only adds a name.
  override query(...args: any[]): any {
    const [text, values] = args
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = nameOf(text)
      if (name)
        return (super.query({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
          // Every connection prepares it again under the new name; this request fails once (503).
          if (isStalePreparedStatement(error)) names.set(text, `${name.split('.')[0]}.${++renamed}`)
          throw error
        })
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    return (super.query as any)(...args)
  }
}
