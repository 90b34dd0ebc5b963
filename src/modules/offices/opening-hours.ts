import { type OpeningHours, WEEKDAYS, type Weekday } from './offices.schemas.js'

/** A run of consecutive weekdays with the same opening spans (empty spans: closed). */
export interface HoursRun {
  first: Weekday
  last: Weekday
  spans: { from: string; to: string }[]
}

/** Groups a week into runs such as Mon–Fri 08:00–17:00, Sat 09:00–13:00, Sun closed. */
export function groupOpeningHours(hours: OpeningHours): HoursRun[] {
  const runs: HoursRun[] = []
  for (const day of WEEKDAYS) {
    const spans = hours[day] ?? []
    const previous = runs[runs.length - 1]
    if (previous && sameSpans(previous.spans, spans)) previous.last = day
    else runs.push({ first: day, last: day, spans })
  }
  return runs
}

function sameSpans(a: HoursRun['spans'], b: HoursRun['spans']): boolean {
  return a.length === b.length && a.every((s, i) => s.from === b[i]?.from && s.to === b[i]?.to)
}

// 2024-01-01 was a Monday: day i of the week is 2024-01-0(1+i).
const weekdayNames = new Map<string, string>()
/** The short weekday name in a language (`pon.`, `пн`, `Mon`), from the ICU data Node ships. */
export function weekdayName(day: Weekday, lang: string): string {
  const key = `${lang}:${day}`
  let name = weekdayNames.get(key)
  if (!name) {
    const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)))
    name = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(date)
    weekdayNames.set(key, name)
  }
  return name
}
