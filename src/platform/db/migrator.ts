import { type Migration, type MigrationResultSet, Migrator } from 'kysely'
import type { Db } from './database.js'

/** Applies every pending migration, in name order; safe when several instances start at once. */
export async function migrateToLatest(
  db: Db,
  migrations: Record<string, Migration>,
  onStep?: (name: string) => void,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
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
