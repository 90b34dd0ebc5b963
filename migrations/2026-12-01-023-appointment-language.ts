import type { Kysely } from 'kysely'

/**
 * The language a booking was made in (issue 13), so that what is sent about it later (the calendar
 * file, reminders) speaks the resident's language. Bookings made before say nothing: the office's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointments').addColumn('lang', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appointments').dropColumn('lang').execute()
}
