import type { Kysely } from 'kysely'

/**
 * Booking set-up (issue 13): weekly slot templates per queue that open slots ahead over the booking
 * horizon (each slot remembers its template, so removing a template takes its free future slots
 * away), and days without bookings at a centre, which the templates skip.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slot_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('from_time', 'text', (c) => c.notNull())
    .addColumn('to_time', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('slot_templates_office').on('slot_templates').column('office_id').execute()
  await db.schema
    .createTable('booking_exceptions')
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_exceptions_pk', ['office_id', 'local_date'])
    .execute()
  await db.schema.alterTable('slots').addColumn('template_id', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('slots').dropColumn('template_id').execute()
  await db.schema.dropTable('booking_exceptions').execute()
  await db.schema.dropTable('slot_templates').execute()
}
