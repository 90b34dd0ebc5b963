import { type Kysely, sql } from 'kysely'

/**
 * Call-next reads only the tickets its fairness policy could pick (issue 17): per queue the oldest
 * waiting walk-in without priority (the first entry of `tickets_queue_day` that is one), and every
 * waiting ticket with a priority or a booking, which are few, from this partial index. Before, it read
 * every waiting ticket of its queues: a long queue made each call slower (≈2.5 ms at 1,000 waiting).
 * `status` is among its columns although always the same: without it SQLite prefers
 * `tickets_queue_day` (one more equality column) and reads the whole queue again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tickets_waiting_special on tickets (queue_id, local_date, status, callable_from, arrived_at,
    priority, reserved_desk_id, appointment_id, id)
    where status = 'waiting' and (priority <> 'none' or appointment_id is not null)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_waiting_special').execute()
}
