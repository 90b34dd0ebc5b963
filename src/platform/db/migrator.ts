import { type Migration, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely'
import type { Db } from './database.js'

/** Applies every pending migration, in name order; safe when several instances start at once. */
export async function migrateToLatest(
  db: Db,
  migrations: Record<string, Migration>,
  onStep?: (name: string) => void,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in any schema unless told which; another schema's
    // tables (another app, or a parallel test) would then be taken for ours.
    ...(await migrationSchema(db)),
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

async function migrationSchema(db: Db): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {}
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ? { migrationTableSchema: rows[0].schema } : {}
}
