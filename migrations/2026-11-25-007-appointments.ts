import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appointment_policies')
    .addColumn('office_id', 'text', (c) => c.primaryKey().references('offices.id'))
    .addColumn('early_minutes', 'integer', (c) => c.notNull())
    .addColumn('late_minutes', 'integer', (c) => c.notNull())
    .addColumn('horizon_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // A bookable time of one queue; `booked` counts live bookings, never above `capacity`.
  await db.schema
    .createTable('slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull().references('queues.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('slots_queue_start', ['queue_id', 'start_at'])
    .execute()
  await db.schema.createIndex('slots_office_date').on('slots').columns(['office_id', 'local_date']).execute()

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('slot_id', 'text', (c) => c.notNull().references('slots.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .execute()
  await db.schema
    .createIndex('appointments_open')
    .on('appointments')
    .columns(['office_id', 'status', 'start_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['appointments', 'slots', 'appointment_policies']) await db.schema.dropTable(t).execute()
}
