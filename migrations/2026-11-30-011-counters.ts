import { type Kysely, sql } from 'kysely'

/**
 * One gap-free counter per scope and period (platform `counters`), replacing the queue's own
 * `ticket_counters`: queue numbers now (scope `queue:<id>`, period the office-local day), register
 * numbers and case signs next. The queue's counts are carried over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('counters_pk', ['scope', 'period'])
    .execute()
  await sql`insert into counters (scope, period, last_value)
    select 'queue:' || queue_id, local_date, last_number from ticket_counters`.execute(db)
  await db.schema.dropTable('ticket_counters').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_counters')
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_counters_pk', ['queue_id', 'local_date'])
    .execute()
  await sql`insert into ticket_counters (queue_id, local_date, last_number)
    select substr(scope, 7), period, last_value from counters where scope like 'queue:%'`.execute(db)
  await db.schema.dropTable('counters').execute()
}
