import { invalid } from '../../platform/errors.js'
import type { DueDto, DueQuery } from './deadlines.schemas.js'
import { STATUTORY_TERM_CODES, STATUTORY_TERMS, statutoryTerm } from './statutory-terms.js'
import { dueDate, parseTerm } from './term.js'

export type DeadlinesService = ReturnType<typeof createDeadlinesService>

/** Statutory terms over the network's working-day calendar (public holidays and its own days). */
export function createDeadlinesService(
  calendar: {
    /** The day off a date is in a country (its name), or null. */
    dayOff(country: string, date: string): Promise<{ name: string } | null>
  },
  config: { uaServiceTerm: string },
) {
  return {
    /** The statutory terms a case can be given, the Ukrainian service default as the network set it. */
    statutoryTerms() {
      return STATUTORY_TERM_CODES.map((code) => ({
        code,
        country: STATUTORY_TERMS[code].country,
        term: statutoryTerm(code, config.uaServiceTerm),
        law: STATUTORY_TERMS[code].law,
      }))
    },

    /** The last day of a term from an event, counted by KPA art. 57, with the steps that reached it. */
    async due(query: DueQuery): Promise<DueDto> {
      const term = parseTerm(query.term)
      if (!term) throw invalid([{ path: 'querystring.term', message: 'must be days, weeks or months' }])
      const { due, steps } = await dueDate(query.from, term, {
        dayOff: async (date) => (await calendar.dayOff(query.calendar, date))?.name ?? null,
      })
      return { from: query.from, term: query.term, calendar: query.calendar, due, steps }
    },
  }
}
