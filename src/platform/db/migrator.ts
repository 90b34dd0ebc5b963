import { type DatabaseIntrospector, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely'
import { type Db, onPostgres } from './database.js'

/** Applies every pending migration, in name order; safe when several instances start at once. */
export async function migrateToLatest(
  db: Db,
  migrations: Record<string, Migration>,
  onStep?: (name: string) => void,
): Promise<string[]> {
  const schema = await migrationSchema(db)
  const migrator = new Migrator({
    db: schema ? withinSchema(db, schema) : db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in any schema unless told which; another schema's
    // tables (another app, or a parallel test) would then be taken for ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  const result: MigrationResultSet = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(result.error)}`, {
      cause: result.error,
    })
  }
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
  for (const name of applied) onStep?.(name)
  return applied
}

async function migrationSchema(db: Db): Promise<string | null> {
  if (!onPostgres(db)) return null
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ?? null
}

/**
 * The database as the migrator sees it on PostgreSQL: its catalogue lookups limited to our schema.
 * Kysely's own introspection reads every schema's columns and resolves each schema by name
 * (`has_schema_privilege(nspname, …)`), so another schema dropped at that moment (another
 * application's, or a parallel test's) made our migration fail with "schema … does not exist".
 */
function withinSchema(db: Db, schema: string): Db {
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getTables: async () => {
      const { rows } = await sql<{ name: string; kind: string }>`
        select c.relname as name, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db)
      return rows.map((row) => ({ name: row.name, schema, isView: row.kind === 'v', columns: [] }))
    },
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  }
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
