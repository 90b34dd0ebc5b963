import type { Kysely } from 'kysely'

/**
 * One table of counts per key and time window, for every limit (sign-in attempts per login and per
 * address, floods of denied requests). It replaces `login_failures`, whose counts are transient: an
 * upgrade starts every window afresh.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute()
  await db.schema.dropTable('login_failures').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute()
  await db.schema.dropTable('rate_windows').execute()
}
