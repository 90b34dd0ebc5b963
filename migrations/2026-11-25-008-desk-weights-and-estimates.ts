import type { Kysely } from 'kysely'

// Desk weights, the wait told at issue, and the tickets' indexes fitted to the queue's hot path.

export async function up(db: Kysely<unknown>): Promise<void> {
  // How strongly a desk prefers a queue when choosing among walk-ins (1–10; equal weights: oldest first).
  await db.schema
    .alterTable('desk_queues')
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  // The wait the resident was told at issue, kept to measure how good the estimates are.
  await db.schema.alterTable('tickets').addColumn('estimated_wait_minutes', 'integer').execute()
  // Measured on the queue benchmark: nothing looks tickets up by desk, yet every call and close kept
  // this index; and call-next read each waiting ticket's row for five columns the index can carry.
  await db.schema.dropIndex('tickets_desk').execute()
  await db.schema.dropIndex('tickets_queue_day').execute()
  await db.schema
    .createIndex('tickets_queue_day')
    .on('tickets')
    .columns([
      'queue_id',
      'local_date',
      'status',
      'arrived_at',
      'priority',
      'callable_from',
      'reserved_desk_id',
      'appointment_id',
      'id',
    ])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_queue_day').execute()
  await db.schema
    .createIndex('tickets_queue_day')
    .on('tickets')
    .columns(['queue_id', 'local_date', 'status', 'arrived_at'])
    .execute()
  await db.schema.createIndex('tickets_desk').on('tickets').columns(['desk_id', 'status']).execute()
  await db.schema.alterTable('tickets').dropColumn('estimated_wait_minutes').execute()
  await db.schema.alterTable('desk_queues').dropColumn('weight').execute()
}
