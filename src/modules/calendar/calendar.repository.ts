import type { Kysely } from 'kysely'
import { type Db, withTables } from '../../platform/db/index.js'
import type { CalendarTables } from './calendar.tables.js'

const t = (db: Db) => withTables<CalendarTables>(db)
export type CalendarDayRow = CalendarTables['calendarDays']

export async function isYearSeeded(db: Db, country: string, year: number): Promise<boolean> {
  const row = await t(db)
    .selectFrom('calendarYears')
    .select('year')
    .where('country', '=', country)
    .where('year', '=', year)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Stores a year's days from the library and marks the year seeded; days the network set already stay
 * as they are. Safe when several instances seed at once (both inserts ignore what exists).
 */
export async function seedYear(
  trx: Kysely<CalendarTables>,
  country: string,
  year: number,
  days: CalendarDayRow[],
  at: string,
): Promise<void> {
  for (const day of days)
    await trx
      .insertInto('calendarDays')
      .values(day)
      .onConflict((oc) => oc.columns(['country', 'date']).doNothing())
      .execute()
  await trx
    .insertInto('calendarYears')
    .values({ country, year, seededAt: at })
    .onConflict((oc) => oc.columns(['country', 'year']).doNothing())
    .execute()
}

export function daysOfYear(db: Db, country: string, year: number): Promise<CalendarDayRow[]> {
  return t(db)
    .selectFrom('calendarDays')
    .selectAll()
    .where('country', '=', country)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute()
}

export async function putDay(trx: Db, day: CalendarDayRow): Promise<void> {
  await t(trx)
    .insertInto('calendarDays')
    .values(day)
    .onConflict((oc) =>
      oc.columns(['country', 'date']).doUpdateSet({
        name: day.name,
        dayOff: day.dayOff,
        source: day.source,
        updatedAt: day.updatedAt,
      }),
    )
    .execute()
}
