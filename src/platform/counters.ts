import type { Kysely } from 'kysely'
import { type Db, withTables } from './db/database.js'
import { prepared } from './db/prepared.js'
import { localDateOf } from './timezone.js'

/** The platform's counters (migration 011): the last value given per scope and period. */
export interface CounterTables {
  counters: { scope: string; period: string; lastValue: number }
}

const take = prepared((db: Kysely<CounterTables>, v: { scope: string; period: string }) =>
  db
    .insertInto('counters')
    .values({ scope: v.scope, period: v.period, lastValue: 1 })
    .onConflict((oc) =>
      oc.columns(['scope', 'period']).doUpdateSet((eb) => ({ lastValue: eb('counters.lastValue', '+', 1) })),
    )
    .returning('lastValue'),
)

/**
 * The next number of a gap-free sequence: 1, 2, 3… per `scope` (`queue:<id>`, later a register or a
 * case-sign prefix) and `period` (an office-local day or year, see `periodOf`). Call it inside the
 * transaction that uses the number: the row stays locked until that transaction ends (PostgreSQL's
 * row lock; SQLite has one writer), so concurrent takers get consecutive numbers, and a transaction
 * that rolls back gives its number back with everything else. A new period starts at 1 with no job.
 */
export async function nextInSequence(trx: Db, scope: string, period: string): Promise<number> {
  const { rows } = await take(withTables<CounterTables>(trx), { scope, period })
  return Number(rows[0]!.lastValue)
}

/**
 * The period an instant falls in, in an office's time zone: `2026-11-30` by day, `2026` by year. A
 * number taken at 23:59 local time on 31 December belongs to that year, whatever UTC says.
 */
export function periodOf(at: Date, zone: string, by: 'day' | 'year'): string {
  const day = localDateOf(at, zone)
  return by === 'day' ? day : day.slice(0, 4)
}
