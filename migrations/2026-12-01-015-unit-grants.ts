import type { Kysely } from 'kysely'

/**
 * A role grant may name a unit of its office (`officer`, `head`): the holder handles that unit's
 * correspondence and cases. Null keeps the grant office-wide, so every existing grant works as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('role_grants')
    .addColumn('unit_id', 'text', (c) => c.references('units.id').onDelete('cascade'))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('role_grants').dropColumn('unit_id').execute()
}
