import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A line with its own letter and numbering in one office.
  await db.schema
    .createTable('queues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('queues_office_prefix', ['office_id', 'prefix'])
    .execute()

  // The office's fairness policy. The row is also what call-next locks, so that desks of one office
  // (on any server instance) call one at a time; lock_seq is bumped to take that lock on both databases.
  await db.schema
    .createTable('queue_policies')
    .addColumn('office_id', 'text', (c) => c.primaryKey().references('offices.id'))
    .addColumn('max_priority_in_row', 'integer')
    .addColumn('max_wait_minutes', 'integer')
    .addColumn('priorities', 'text', (c) => c.notNull())
    .addColumn('reactivate_within_minutes', 'integer', (c) => c.notNull())
    .addColumn('lock_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // Which queues a desk serves (its skills).
  await db.schema
    .createTable('desk_queues')
    .addColumn('desk_id', 'text', (c) => c.notNull().references('desks.id'))
    .addColumn('queue_id', 'text', (c) => c.notNull().references('queues.id'))
    .addPrimaryKeyConstraint('desk_queues_pk', ['desk_id', 'queue_id'])
    .execute()

  // Who sits at a desk now, the ticket in front of them, and the priority calls in a row.
  // One clerk at one desk: clerk_id is unique (several closed desks have none).
  await db.schema
    .createTable('desk_states')
    .addColumn('desk_id', 'text', (c) => c.primaryKey().references('desks.id'))
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('clerk_id', 'text', (c) => c.unique())
    .addColumn('clerk_login', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('current_ticket_id', 'text')
    .addColumn('priority_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  // The last number given per queue and office-local day: a row per day, so numbering starts at 1
  // each local day with no job at midnight; incremented in the issuing transaction (gap-free).
  await db.schema
    .createTable('ticket_counters')
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_counters_pk', ['queue_id', 'local_date'])
    .execute()

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    // The queue whose numbering gave the number (a transfer keeps the number).
    .addColumn('number_queue_id', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('service_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('appointment_id', 'text')
    .addColumn('callable_from', 'text')
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('no_show_at', 'text')
    .addColumn('desk_id', 'text')
    .addColumn('clerk_id', 'text')
    .addColumn('reserved_desk_id', 'text')
    .addColumn('recall_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transfer_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('called_out_of_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('topic', 'text')
    .addColumn('idempotency_key', 'text')
    .addUniqueConstraint('tickets_number_unique', ['number_queue_id', 'local_date', 'number'])
    .addUniqueConstraint('tickets_idempotency', ['office_id', 'idempotency_key'])
    .execute()
  await db.schema
    .createIndex('tickets_waiting')
    .on('tickets')
    .columns(['office_id', 'local_date', 'status', 'arrived_at'])
    .execute()
  // Per queue and day: people ahead, waiting counts, recent service times.
  await db.schema
    .createIndex('tickets_queue_day')
    .on('tickets')
    .columns(['queue_id', 'local_date', 'status', 'arrived_at'])
    .execute()
  await db.schema.createIndex('tickets_desk').on('tickets').columns(['desk_id', 'status']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['tickets', 'ticket_counters', 'desk_states', 'desk_queues', 'queue_policies', 'queues'])
    await db.schema.dropTable(t).execute()
}
