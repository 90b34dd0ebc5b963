import type { Kysely } from 'kysely'

/**
 * Sign-in holds per login (issue 13): wrong passwords make an account wait a growing time before its
 * next attempt instead of locking it for a quarter of an hour. A row lives from the first attempt
 * after a success until the next success or an admin's unlock; `attempts` counts attempts since then
 * (counted before the password is checked, so a parallel burst gets exactly the free attempts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_holds')
    .addColumn('login', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('refused', 'integer', (c) => c.notNull())
    .addColumn('free_at', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_holds').execute()
}
