import Holidays from 'date-holidays'

/** The countries whose offices Ratusz serves today. */
export type Country = 'PL' | 'UA'

export interface PublicHoliday {
  /** `YYYY-MM-DD`. */
  date: string
  /** In the country's language, as the law names it. */
  name: string
  /** Whether it is a day off: false for Ukrainian holidays while martial law suspends days off. */
  dayOff: boolean
}

/**
 * Ukraine suspended the days off of public holidays (and their transfers to Mondays) under martial
 * law from 24 February 2022 (Law 2136-IX, art. 73 of the Labour Code): the holidays stay, the offices
 * work. Until a network says otherwise for a year, this is the rule from that day on.
 */
const UA_DAYS_OFF_SUSPENDED_FROM = '2022-02-24'

const calendars = new Map<Country, Holidays>()
const byYear = new Map<string, PublicHoliday[]>()

/**
 * The public holidays of a country in a year, from the maintained date-holidays library, with the
 * rules of the domain applied: in Poland 24 December is a holiday from 2025 on; in Ukraine the
 * "substitute day" entries are dropped (transfers are not made under martial law, and when days off
 * return they are the network's decision for that year), and days off are suspended from
 * 24 February 2022 unless `uaDaysOff` says a year has them again.
 */
export function publicHolidays(
  country: Country,
  year: number,
  options: { uaDaysOff?: boolean } = {},
): PublicHoliday[] {
  const key = `${country}:${year}:${options.uaDaysOff ?? ''}`
  const known = byYear.get(key)
  if (known) return known
  let source = calendars.get(country)
  if (!source) {
    source = new Holidays(country)
    calendars.set(country, source)
  }
  const list = source
    .getHolidays(year)
    .filter((h) => h.type === 'public' && !(country === 'UA' && h.substitute))
    .map((h) => {
      const date = h.date.slice(0, 10)
      const dayOff = country === 'PL' ? true : (options.uaDaysOff ?? date < UA_DAYS_OFF_SUSPENDED_FROM)
      return { date, name: h.name, dayOff }
    })
  if (country === 'PL' && year >= 2025 && !list.some((h) => h.date === `${year}-12-24`)) {
    list.push({ date: `${year}-12-24`, name: 'Wigilia Bożego Narodzenia', dayOff: true })
  }
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  byYear.set(key, list)
  return list
}

/**
 * Whether offices of a country work on a calendar day: Monday to Friday, unless it is a public
 * holiday that is a day off. (A term that ends on a Saturday moves to the next working day in Poland,
 * KPA art. 57; that is the deadline rule's business, not the calendar's.)
 */
export function isWorkingDay(date: string, country: Country, options: { uaDaysOff?: boolean } = {}): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  const year = Number(date.slice(0, 4))
  return !publicHolidays(country, year, options).some((h) => h.date === date && h.dayOff)
}
