import type { Kysely } from 'kysely'

/**
 * Staff notifications (issue 14): a deadline's reminders and the daily digest, each once per person
 * and occasion (`dedupe_key` is unique: a second run, a restarted instance or a second instance
 * adds nothing), read in the staff list and sent by e-mail (`email_status`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('email_status', 'text', (c) => c.notNull())
    .addColumn('email_error', 'text')
    .addColumn('emailed_at', 'text')
    .execute()
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('notifications_email_status')
    .on('notifications')
    .columns(['email_status'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').execute()
}
