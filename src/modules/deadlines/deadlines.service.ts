import { invalid } from '../../platform/errors.js'
import type { DueDto, DueQuery } from './deadlines.schemas.js'
import { dueDate, parseTerm } from './term.js'

export type DeadlinesService = ReturnType<typeof createDeadlinesService>

/** Statutory terms over the network's working-day calendar (public holidays and its own days). */
export function createDeadlinesService(calendar: {
  /** The day off a date is in a country (its name), or null. */
  dayOff(country: string, date: string): Promise<{ name: string } | null>
}) {
  return {
    /** The last day of a term from an event, counted by KPA art. 57, with the steps that reached it. */
    async due(query: DueQuery): Promise<DueDto> {
      const term = parseTerm(query.term)
      if (!term) throw invalid([{ path: 'querystring.term', message: 'must be days, weeks or months' }])
      const { due, steps } = await dueDate(
        query.from,
        term,
        async (date) => (await calendar.dayOff(query.calendar, date))?.name ?? null,
      )
      return { from: query.from, term: query.term, calendar: query.calendar, due, steps }
    },
  }
}
