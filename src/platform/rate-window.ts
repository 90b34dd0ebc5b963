import { type Kysely, sql } from 'kysely'
import { type Db, withTables } from './db/database.js'

/** Counts per key and fixed window, shared by every instance on one database (migration 010). */
export interface RateWindowTables {
  rateWindows: { key: string; count: number; windowStart: string }
}

export interface WindowCount {
  /** This one included. */
  count: number
  /** When the window ends, in ms since the epoch. */
  endsAt: number
}

/**
 * Counts one more for `key` and returns the count, in one statement, so that parallel requests (on
 * one instance or several) each get a different count: a limit checked on the returned count lets
 * exactly `limit` through a burst. A window that has ended starts again at 1.
 */
export async function countInWindow(db: Db, key: string, windowMs: number, now: Date): Promise<WindowCount> {
  if (++counted % PURGE_EVERY === 0) await purgeEnded(db, now)
  const nowIso = now.toISOString()
  const expiredBefore = new Date(now.getTime() - windowMs).toISOString()
  const row = await tables(db)
    .insertInto('rateWindows')
    .values({ key, count: 1, windowStart: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_windows.window_start <= ${expiredBefore} then 1 else rate_windows.count + 1 end`,
        windowStart: sql`case when rate_windows.window_start <= ${expiredBefore} then ${nowIso} else rate_windows.window_start end`,
      }),
    )
    .returning(['count', 'windowStart'])
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), endsAt: new Date(row.windowStart).getTime() + windowMs }
}

/** Windows are minutes long; a day-old row is only a key that stopped coming back. */
const PURGE_EVERY = 1000
const KEEP_MS = 24 * 3600_000
let counted = 0

async function purgeEnded(db: Db, now: Date): Promise<void> {
  await tables(db)
    .deleteFrom('rateWindows')
    .where('windowStart', '<', new Date(now.getTime() - KEEP_MS).toISOString())
    .execute()
}

/** Takes back one count (an attempt that turned out not to be what the limit is about). */
export async function giveBack(db: Db, key: string): Promise<void> {
  await tables(db)
    .updateTable('rateWindows')
    .set({ count: sql`count - 1` })
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute()
}

/**
 * Which occurrence in a window is worth an audit entry: the 1st, 10th, 100th, 1,000th… A flood then
 * writes a handful of entries per window, each saying how many there were so far, instead of one per
 * request.
 */
export function worthRecording(occurrence: number): boolean {
  if (occurrence < 1) return false
  let n = occurrence
  while (n % 10 === 0) n /= 10
  return n === 1
}

function tables(db: Db): Kysely<RateWindowTables> {
  return withTables<RateWindowTables>(db)
}
