import { type Kysely, sql } from 'kysely'

/**
 * Found by network-day (4,000 offices, 50,000 desks) with pg_stat_statements:
 * - The open desks of an office per queue (the wait estimate's divisor, read every few seconds per
 *   office) joined `desk_states` by office without an index: a scan of every desk in the network,
 *   8.5 ms a call and half of PostgreSQL's time in the peak minute.
 * - Missed bookings are released every five minutes only in the offices that have a booking still
 *   open past its start (rather than a job for each of 4,000 offices): found across the network
 *   through this partial index of the bookings still open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('desk_states_office').on('desk_states').column('office_id').execute()
  await sql`create index appointments_booked on appointments (start_at, office_id) where status = 'booked'`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('appointments_booked').execute()
  await db.schema.dropIndex('desk_states_office').execute()
}
