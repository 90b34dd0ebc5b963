import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Failed sign-ins per login and per address, shared by every instance.
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute()
  // A second factor is on once its secret has been confirmed with a valid code.
  await db.schema.alterTable('users').addColumn('totp_confirmed_at', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_confirmed_at').execute()
  await db.schema.dropTable('login_failures').execute()
}
