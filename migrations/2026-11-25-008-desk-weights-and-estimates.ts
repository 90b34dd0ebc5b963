import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // How strongly a desk prefers a queue when choosing among walk-ins (1–10; equal weights: oldest first).
  await db.schema
    .alterTable('desk_queues')
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  // The wait the resident was told at issue, kept to measure how good the estimates are.
  await db.schema.alterTable('tickets').addColumn('estimated_wait_minutes', 'integer').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('estimated_wait_minutes').execute()
  await db.schema.alterTable('desk_queues').dropColumn('weight').execute()
}
