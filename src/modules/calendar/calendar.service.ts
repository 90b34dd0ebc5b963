import type { AuditTrail } from '../../platform/audit-trail.js'
import { TtlCache } from '../../platform/cache.js'
import { type Country as KnownCountry, publicHolidays } from '../../platform/calendar.js'
import type { Clock } from '../../platform/clock.js'
import { type Db, withTables } from '../../platform/db/index.js'
import { forbidden, invalid } from '../../platform/errors.js'
import { type Actor, auditRecordBy, isAllowedNetworkWide } from '../identity/index.js'
import { calendarPolicy } from './calendar.policy.js'
import * as repo from './calendar.repository.js'
import type { CalendarDayBody, CalendarDayDto, CalendarYearDto } from './calendar.schemas.js'
import type { CalendarTables } from './calendar.tables.js'

/** The countries whose public holidays Ratusz knows (others have none until the network adds them). */
export const CALENDAR_COUNTRIES: readonly KnownCountry[] = ['PL', 'UA']

export type CalendarService = ReturnType<typeof createCalendarService>

const known = (country: string): country is KnownCountry => (CALENDAR_COUNTRIES as string[]).includes(country)

/**
 * The network's working calendar: public holidays as data per country and year, seeded from the
 * holiday library (with the domain's rules: 24 December in Poland from 2025, Ukrainian days off
 * suspended under martial law), and the network's own decisions over them. Until a year is seeded,
 * the library's answer is given, so the calendar is never silent.
 */
export function createCalendarService(database: Db, clock: Clock, audit: AuditTrail) {
  const db = withTables<CalendarTables>(database)
  // Read on every booking and public page; changed a few times a year. Cleared by our own changes.
  const years = new TtlCache<CalendarDayDto[]>({ ttlMs: 60_000, maxEntries: 200 })

  const fromLibrary = (country: string, year: number): CalendarDayDto[] =>
    known(country)
      ? publicHolidays(country, year).map((h) => ({
          date: h.date,
          name: h.name,
          dayOff: h.dayOff,
          source: 'library',
        }))
      : []

  async function daysOf(country: string, year: number): Promise<CalendarDayDto[]> {
    return years.getOrLoad(`${country}:${year}`, async () => {
      const [seeded, rows] = await Promise.all([
        repo.isYearSeeded(db, country, year),
        repo.daysOfYear(db, country, year),
      ])
      const stored = rows.map((r) => ({
        date: r.date,
        name: r.name,
        dayOff: r.dayOff === 1,
        source: r.source,
      }))
      if (seeded) return stored
      // Not seeded yet: the library's days, with what the network already set over them.
      const byDate = new Map(fromLibrary(country, year).map((d) => [d.date, d]))
      for (const day of stored) byDate.set(day.date, day)
      return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1))
    })
  }

  return {
    /** Stores the library's holidays of each known country for `years` not yet seeded; returns how many were. */
    async ensureSeeded(yearsToSeed: readonly number[]): Promise<number> {
      let seeded = 0
      for (const country of CALENDAR_COUNTRIES)
        for (const year of yearsToSeed) {
          if (await repo.isYearSeeded(db, country, year)) continue
          const at = clock.now().toISOString()
          const days = fromLibrary(country, year).map((d) => ({
            country,
            date: d.date,
            name: d.name,
            dayOff: d.dayOff ? 1 : 0,
            source: 'library' as const,
            updatedAt: at,
          }))
          await db.transaction().execute((trx) => repo.seedYear(trx, country, year, days, at))
          years.clear()
          seeded++
        }
      return seeded
    },

    /** Whether the actor may decide the network's days (the calendar page's forms). */
    canEdit(actor: Actor): boolean {
      return isAllowedNetworkWide(actor, calendarPolicy.edit)
    },

    async year(country: string, year: number): Promise<CalendarYearDto> {
      return { country, year, items: await daysOf(country, year) }
    },

    /** The day off a date is in a country (its name), or null when offices may open by their hours. */
    async dayOff(country: string, date: string): Promise<CalendarDayDto | null> {
      const days = await daysOf(country, Number(date.slice(0, 4)))
      return days.find((d) => d.date === date && d.dayOff) ?? null
    },

    /** The days off of a country between two dates (inclusive). */
    async daysOffBetween(country: string, from: string, to: string): Promise<CalendarDayDto[]> {
      const out: CalendarDayDto[] = []
      for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
        for (const day of await daysOf(country, year))
          if (day.dayOff && day.date >= from && day.date <= to) out.push(day)
      return out
    },

    /**
     * The network decides a day: a holiday made a day off again (Ukraine after martial law), one that
     * offices work, or a network-wide closure. Kept over the library's day when the year is seeded.
     */
    async setDay(
      actor: Actor,
      country: string,
      date: string,
      body: CalendarDayBody,
    ): Promise<CalendarDayDto> {
      if (!this.canEdit(actor)) throw forbidden()
      const year = Number(date.slice(0, 4))
      if (year < 2000 || year > 2100)
        throw invalid([{ path: 'params.date', message: 'must be in 2000–2100' }])
      const at = clock.now().toISOString()
      const day = {
        country,
        date,
        name: body.name,
        dayOff: body.dayOff ? 1 : 0,
        source: 'network' as const,
        updatedAt: at,
      }
      await db.transaction().execute(async (trx) => {
        await repo.putDay(trx, day)
        await audit.record(
          trx,
          auditRecordBy(actor, {
            action: 'calendar.day',
            officeId: null,
            subjectType: 'calendar-day',
            subjectId: `${country}:${date}`,
            summary: { dayOff: body.dayOff, name: body.name },
          }),
        )
      })
      years.clear()
      return { date, name: body.name, dayOff: body.dayOff, source: 'network' }
    },
  }
}
